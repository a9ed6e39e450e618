// Generation: one index generation (a gen-N directory, index_location.h) as one object. It alone
// knows that its parts line up: Xapian document id k is passage record k (passage_store.h) and
// position record k (position_store.h), and generation.json (manifest.h) lists every file with
// its size and SHA-256. Opening one checks the manifest (present, this schema, every file present
// with its size, or also its SHA-256 with Verify::kChecksums), the vocabulary digest and the
// counts: Xapian's document count == the manifest's == the passage store's == the position
// store's. A generation whose parts disagree is refused with an IndexError saying to rebuild.
//
// Writing side: finish_generation() writes the manifest, the last file of a build.
// A Generation is not thread-safe (Xapian objects are not): one per thread.
#pragma once

#include <xapian.h>

#include <filesystem>
#include <memory>

#include "manifest.h"
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

 private:
  std::filesystem::path dir_;
  Manifest manifest_;
  Xapian::Database db_;
  std::unique_ptr<PassageStore> passages_;
  std::unique_ptr<PositionStore> positions_;
};

// Writes the manifest of the complete generation `dir` (whose Xapian database holds the build's
// metadata): its counts and vocabulary digest come from the database, `inputs` and `build` from
// the build. Call it after every other file is written and synced, before publishing.
Manifest finish_generation(const std::filesystem::path& dir, std::vector<FileDigest> inputs,
                           std::map<std::string, std::string> build);

// The generation directory a user named: an index directory (its `current` generation) or a gen-N.
std::filesystem::path resolve_generation(const std::filesystem::path& dir);

}  // namespace pep
