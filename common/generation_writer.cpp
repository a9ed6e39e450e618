#include "generation_writer.h"

#include "error.h"
#include "evidence_store.h"
#include "index_schema.h"
#include "passage_store.h"

namespace pep {

struct GenerationWriter::Impl {
  std::filesystem::path dir;
  Xapian::WritableDatabase db;
  PassageStoreWriter store;
  PositionStoreWriter positions;
  Xapian::docid added = 0;
  size_t since_commit = 0;

  explicit Impl(const std::filesystem::path& d)
      // A build is written once and never updated in place, so: no termlist (only needed to
      // delete or replace documents), and no fsync (a shard is temporary; merge_generations syncs).
      : dir(d),
        db(d.string(), Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS | Xapian::DB_NO_TERMLIST | Xapian::DB_NO_SYNC),
        store(d / schema::kPassageStoreFile),
        positions(d / schema::kPositionStoreFile) {
    append_claims(d / schema::kEvidenceFile, {});  // present, if empty, in every generation
    db.begin_transaction();
  }

  [[noreturn]] void fail(const Xapian::Error& e) const {
    throw IndexError("writing the index in " + dir.string() + " failed: " + e.get_description());
  }
};

GenerationWriter::GenerationWriter(const std::filesystem::path& dir) {
  try {
    impl_ = std::make_unique<Impl>(dir);
  } catch (const Xapian::Error& e) {
    throw IndexError("cannot create an index in " + dir.string() + ": " + e.get_description());
  }
}

GenerationWriter::~GenerationWriter() = default;

const std::filesystem::path& GenerationWriter::dir() const { return impl_->dir; }

Xapian::docid GenerationWriter::size() const { return impl_->added; }

// The document, its record and its positions, under the same id: ids count up from 1 in all three.
Xapian::docid GenerationWriter::add(const Xapian::Document& document, const PassageRecord& record,
                                    std::vector<TermPosition> positions) {
  Impl& im = *impl_;
  try {
    const Xapian::docid id = im.db.add_document(document);
    if (id != im.added + 1)
      throw IndexError("writing the index in " + im.dir.string() + ": Xapian gave document id " + std::to_string(id) +
                       " to passage " + std::to_string(im.added + 1) + "; rebuild into an empty directory");
    im.store.add(encode_record(record));
    im.positions.add(std::move(positions));
    im.added = id;
    if (++im.since_commit == kCommitEvery) {
      im.db.commit_transaction();
      im.db.begin_transaction();
      im.since_commit = 0;
    }
    return id;
  } catch (const Xapian::Error& e) {
    im.fail(e);
  }
}

void GenerationWriter::add_claims(const std::vector<EvidenceClaim>& claims) {
  append_claims(impl_->dir / schema::kEvidenceFile, claims);
}

void GenerationWriter::set_metadata(const std::string& key, const std::string& value) {
  try {
    impl_->db.set_metadata(key, value);
  } catch (const Xapian::Error& e) {
    impl_->fail(e);
  }
}

void GenerationWriter::finish() {
  Impl& im = *impl_;
  try {
    im.db.commit_transaction();
    im.db.close();
    im.store.finish();
    im.positions.finish();
  } catch (const Xapian::Error& e) {
    im.fail(e);
  }
}

}  // namespace pep
