#include "generation_merge.h"

#include <fcntl.h>
#include <unistd.h>
#include <xapian.h>

#include <future>

#include "error.h"
#include "index_schema.h"
#include "evidence_store.h"
#include "passage_store.h"
#include "position_store.h"
#include "term_dictionary.h"

namespace pep {
namespace {
// DB_NO_SYNC skipped Xapian's fsyncs; make finished files durable before anyone publishes
// them, so a power cut after publishing cannot expose a torn index.
void sync_file(const std::filesystem::path& file) {
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

// The compactor keeps one shard's value of a metadata key; the form dictionaries must be summed
// instead, or the merged index would only know one shard's words. (Xapian passes the key with its
// internal metadata prefix, hence the suffix test.)
class ShardCompactor : public Xapian::Compactor {
 public:
  std::string resolve_duplicate_metadata(const std::string& key, size_t num_tags, const std::string tags[]) override {
    const std::string_view forms = schema::kMetaForms;
    if (key.size() < forms.size() || key.compare(key.size() - forms.size(), forms.size(), forms) != 0) return tags[0];
    return TermDictionary::merge(std::vector<std::string>(tags, tags + num_tags));
  }
};

// The build's metadata, written into a database of its own with no documents, which is compacted
// after the shards (its metadata is copied as it is): no shard is special, and written after
// compacting it would leave the compact tables with free blocks.
void write_merge_metadata(const std::map<std::string, std::string>& metadata, const std::filesystem::path& dir) {
  Xapian::WritableDatabase db(dir.string(), Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS | Xapian::DB_NO_TERMLIST | Xapian::DB_NO_SYNC);
  for (const auto& [key, value] : metadata) db.set_metadata(key, value);
  db.commit();
}
}  // namespace

void merge_generations(const std::vector<std::filesystem::path>& shards, const std::map<std::string, std::string>& metadata,
                       const std::filesystem::path& out) {
  std::filesystem::create_directories(out);
  // Beside the shards, named *.partial like them so that a killed build's is cleaned up too.
  const std::filesystem::path metadata_dir = out.string() + ".metadata.partial";
  std::vector<Xapian::Database> opened;
  try {
    for (const auto& s : shards) opened.emplace_back(s.string());
  } catch (const Xapian::Error& e) {
    throw IndexError("merging index shards into " + out.string() + " failed: " + e.get_description());
  }
  // The passage and position stores are merged (and synced) on a second thread while Xapian
  // compacts: the build's workers have finished, so done one after the other a core would sit idle.
  auto stores = std::async(std::launch::async, [&] {
    std::vector<std::filesystem::path> passages, positions;
    for (const auto& s : shards) {
      passages.push_back(s / schema::kPassageStoreFile);
      positions.push_back(s / schema::kPositionStoreFile);
    }
    const uint32_t records = merge_passage_stores(passages, out / schema::kPassageStoreFile);
    const uint32_t positioned = merge_position_stores(positions, out / schema::kPositionStoreFile);
    std::vector<std::filesystem::path> claims;
    for (const auto& s : shards) claims.push_back(s / schema::kEvidenceFile);
    merge_claim_files(claims, out / schema::kEvidenceFile);
    sync_file(out / schema::kPassageStoreFile);
    sync_file(out / schema::kPositionStoreFile);
    return std::make_pair(records, positioned);
  });
  Xapian::docid last = 0;
  try {
    write_merge_metadata(metadata, metadata_dir);
    Xapian::Database all;
    for (const auto& db : opened) all.add_database(db);
    all.add_database(Xapian::Database(metadata_dir.string()));
    ShardCompactor compactor;
    all.compact(out.string(), 0, 0, compactor);
    last = Xapian::Database(out.string()).get_lastdocid();
  } catch (const Xapian::Error& e) {
    stores.wait();  // its files are in `out`, which the caller removes
    std::error_code ec;
    std::filesystem::remove_all(metadata_dir, ec);
    throw IndexError("merging index shards into " + out.string() + " failed: " + e.get_description());
  } catch (...) {
    stores.wait();
    throw;
  }
  std::error_code ec;
  std::filesystem::remove_all(metadata_dir, ec);
  const auto [records, positioned] = stores.get();  // rethrows the stores' IndexError
  if (records != last || positioned != last)
    throw IndexError("merging index shards into " + out.string() + ": the passage records do not match the documents");
  for (const auto& entry : std::filesystem::directory_iterator(out))
    if (entry.path().filename() != schema::kPassageStoreFile && entry.path().filename() != schema::kPositionStoreFile)
      sync_file(entry.path());
}

}  // namespace pep
