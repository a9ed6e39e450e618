// GenerationWriter: the writing side of one generation directory (a build's shard, or any
// directory a Generation will later open once merge_generations and finish_generation have run).
// It alone owns the directory's parts — the Xapian WritableDatabase (glass, no termlist),
// passages.store (passage_store.h), positions.store (position_store.h) and the evidence claims
// (evidence_store.h, add_claims) — and add() is the only
// way a passage gets into them: the Xapian document, its record and its positions go in together,
// so Xapian document id k is passage record k and position record k (k = 1, 2, ...), the alignment
// Generation (generation.h) checks and relies on when reading.
//
// Write policy: everything is written inside a Xapian transaction, committed every kCommitEvery
// passages and by finish(); a writer destroyed before finish() (an error path) cancels the open
// transaction instead of letting Xapian's destructor commit. Nothing is fsynced: a writer's
// directory is a shard that merge_generations (generation_merge.h) reads and then deletes, and the
// merged generation is what gets synced.
//
// Errors: Xapian's and the stores' failures (a full disk, a directory that already holds a
// database) throw IndexError naming the directory. Not thread-safe: one writer per directory and
// thread, like Xapian objects.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "monograph.h"
#include "passage_record.h"
#include "position_store.h"

namespace pep {

class GenerationWriter {
 public:
  // The writer commits (flushes Xapian's in-memory inverter) every this many passages, far below
  // Xapian's default of 10,000: its inverter keeps std::maps keyed by term, and small ones are
  // faster to fill and write, for the same index bytes and less memory (decision 0008).
  static constexpr size_t kCommitEvery = 500;

  // Creates a new, empty database and stores in `dir` (which must not hold a database).
  explicit GenerationWriter(const std::filesystem::path& dir);
  ~GenerationWriter();
  GenerationWriter(const GenerationWriter&) = delete;
  GenerationWriter& operator=(const GenerationWriter&) = delete;

  // Adds one passage: its Xapian document, its stored record and its positions (any order).
  // Returns its document id, which is also its record number in both stores.
  Xapian::docid add(const Xapian::Document& document, const PassageRecord& record, std::vector<TermPosition> positions);
  // Adds evidence claims (their passage ids already set) to the directory's schema::kEvidenceFile.
  void add_claims(const std::vector<EvidenceClaim>& claims);
  // Sets a database metadata key, written with the rest by finish().
  void set_metadata(const std::string& key, const std::string& value);
  // Commits the database and finishes both stores (not synced, see above). The writer is closed
  // afterwards; nothing may be added.
  void finish();

  const std::filesystem::path& dir() const;
  // Passages added so far (the last document id).
  Xapian::docid size() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace pep
