#include "generation.h"

#include "digest.h"
#include "error.h"
#include "evidence_store.h"
#include "index_location.h"
#include "index_schema.h"

namespace fs = std::filesystem;

namespace pep {
namespace {

[[noreturn]] void refuse(const fs::path& dir, const std::string& what) {
  throw IndexError("index generation " + dir.string() + " is inconsistent (" + what + "); " + std::string(kRebuildHint));
}

std::string metadata(const Xapian::Database& db, std::string_view key) { return db.get_metadata(std::string(key)); }

}  // namespace

Generation::Generation(const fs::path& dir, Verify depth) : dir_(dir), manifest_(read_manifest(dir)) {
  if (manifest_.schema != schema::kSchemaVersion)
    throw IndexError("index " + dir.string() + " has schema version " + std::to_string(manifest_.schema) +
                     ", this build reads " + std::to_string(schema::kSchemaVersion) + "; " + std::string(kRebuildHint));
  verify_files(dir, manifest_, depth);
  try {
    db_ = Xapian::Database(dir.string());
    if (metadata(db_, schema::kMetaSchema) != std::to_string(schema::kSchemaVersion))
      refuse(dir, "the database's schema version is '" + metadata(db_, schema::kMetaSchema) + "'");
    if (sha256_hex(metadata(db_, schema::kMetaVocabulary)) != manifest_.vocabulary_sha256)
      refuse(dir, "the database's vocabulary differs from the manifest's");
  } catch (const Xapian::Error& e) {
    throw IndexError("cannot open index " + dir.string() + ": " + e.get_msg() + "; " + std::string(kRebuildHint));
  }
  passages_ = std::make_unique<PassageStore>(dir / schema::kPassageStoreFile);
  positions_ = std::make_unique<PositionStore>(dir / schema::kPositionStoreFile);
  claims_ = read_claims(dir / schema::kEvidenceFile);
  const uint64_t docs = db_.get_doccount();
  if (docs != manifest_.passages || passages_->size() != docs || positions_->size() != docs)
    refuse(dir, "Xapian has " + std::to_string(docs) + " documents, the manifest says " + std::to_string(manifest_.passages) +
                    ", " + std::string(schema::kPassageStoreFile) + " has " + std::to_string(passages_->size()) + " records, " +
                    std::string(schema::kPositionStoreFile) + " " + std::to_string(positions_->size()));
}

std::string Generation::record_data(Xapian::docid id) {
  if (id == 0 || id > size())
    throw IndexError("no passage " + std::to_string(id) + " in " + dir_.string() + " (ids run from 1 to " +
                     std::to_string(size()) + ")");
  return passages_->get(id);
}

Manifest finish_generation(const fs::path& dir, std::vector<FileDigest> inputs, std::map<std::string, std::string> build) {
  Manifest m;
  m.schema = schema::kSchemaVersion;
  m.inputs = std::move(inputs);
  m.build = std::move(build);
  try {
    const Xapian::Database db(dir.string());
    m.passages = db.get_doccount();
    const std::string documents = metadata(db, schema::kMetaDocuments);
    m.documents = documents.empty() ? 0 : std::stoull(documents);
    m.vocabulary_sha256 = sha256_hex(metadata(db, schema::kMetaVocabulary));
  } catch (const Xapian::Error& e) {
    throw IndexError("cannot read back the new index in " + dir.string() + ": " + e.get_description());
  }
  return write_manifest(dir, std::move(m));
}

fs::path resolve_generation(const fs::path& dir) {
  if (fs::is_symlink(dir / "current")) return live_index_path(dir);
  if (fs::exists(dir / kManifestFile) || fs::exists(dir / "iamglass")) return dir;
  return live_index_path(dir);  // throws, with the hint to build one
}

}  // namespace pep
