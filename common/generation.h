// Generation: one index generation (a gen-N directory, index_location.h) as one object. It alone
// knows that its parts line up: Xapian document id k is passage record k (passage_store.h) and
// position record k (position_store.h), its evidence claims are in evidence.jsonl (evidence_store.h),
// and generation.json (manifest.h) lists every file with
// its size and SHA-256. Opening one checks the manifest (present, this schema, every file present
// with its size, or also its SHA-256 with Verify::kChecksums), the vocabulary digest and the
// counts: Xapian's document count == the manifest's == the passage store's == the position
// store's. A generation whose parts disagree is refused with an IndexError saying to rebuild.
//
// The trio: GenerationWriter (generation_writer.h) writes one directory's parts aligned,
// merge_generations (generation_merge.h) joins such directories in order, and Generation reads
// the result. finish_generation() below seals a generation with its manifest; it lives here, with
// the reader, because it reads the merged directory back the way Generation does (its counts and
// vocabulary digest come from the database) and writes what Generation checks.
// Readers get records by Xapian document id (record(), record_data()) rather than numbering the
// stores themselves. A Generation is not thread-safe (Xapian objects are not): one per thread.
#pragma once

#include <xapian.h>

#include <filesystem>
#include <memory>

#include "manifest.h"
#include "passage_record.h"
#include "passage_store.h"
#include "position_store.h"

namespace pep {

class Generation {
 public:
  // Opens and checks the generation directory `dir` (a gen-N, not the index directory).
  Generation(const std::filesystem::path& dir, Verify depth);

  const std::filesystem::path& dir() const { return dir_; }
  const Manifest& manifest() const { return manifest_; }
  Xapian::Database& database() { return db_; }
  PassageStore& passages() { return *passages_; }
  PositionStore& positions() { return *positions_; }

  // The generation's evidence claims (evidence_store.h), read when it is opened.
  const std::vector<EvidenceClaim>& claims() const { return claims_; }

  // Passages (Xapian documents, and records in each store): ids run from 1 to size().
  Xapian::docid size() const { return passages_->size(); }
  // The stored record of Xapian document `id`, encoded (passage_record.h) or decoded. An id
  // outside 1..size() throws IndexError saying which ids exist.
  std::string record_data(Xapian::docid id);
  PassageRecord record(Xapian::docid id) { return decode_record(record_data(id)); }

 private:
  std::filesystem::path dir_;
  Manifest manifest_;
  Xapian::Database db_;
  std::unique_ptr<PassageStore> passages_;
  std::unique_ptr<PositionStore> positions_;
  std::vector<EvidenceClaim> claims_;
};

// Writes the manifest of the complete generation `dir` (whose Xapian database holds the build's
// metadata): its counts and vocabulary digest come from the database, `inputs` and `build` from
// the build. Call it after every other file is written and synced, before publishing.
Manifest finish_generation(const std::filesystem::path& dir, std::vector<FileDigest> inputs,
                           std::map<std::string, std::string> build);

// The generation directory a user named: an index directory (its `current` generation) or a gen-N.
std::filesystem::path resolve_generation(const std::filesystem::path& dir);

}  // namespace pep
