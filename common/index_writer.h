// IndexWriter: the Xapian adapter on the indexing side. Turns parsed documents into Xapian
// documents (Z, W, H and facet terms with their wdfs, values) and passage and position records
// following index_schema.h. One writer per database directory; not thread-safe.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "form_table.h"
#include "monograph.h"

namespace pep {

class IndexWriter {
 public:
  // Creates a new, empty database in `db_dir` (which must not hold one). `stopwords`, written as
  // words, become W terms without positions (schema::kStopPrefix). `forms` is the table the added
  // documents' passage_forms and heading_forms number their words in (the MonographParser's that
  // parsed them).
  IndexWriter(const std::filesystem::path& db_dir, const FormTable& forms, const std::vector<std::string>& stopwords);
  ~IndexWriter();

  // The writer commits (flushes Xapian's in-memory inverter) every this many passages. Xapian's
  // default is 10,000; its inverter keeps std::maps keyed by term, and small ones are much faster
  // to fill and write: on MedQuAD with 2 threads, 10,000 -> 5.1 s, 2,000 -> 4.4 s, 500 -> 3.9 s,
  // 100 -> 4.1 s, with the same index bytes and less memory (docs/benchmark.md); without
  // positions (schema 6) 250-2,000 measured alike.
  static constexpr size_t kCommitEvery = 500;

  // Adds every passage of `doc` (which must carry passage_forms and heading_forms, as
  // MonographParser::parse leaves it); returns how many.
  size_t add(const ParsedDocument& doc);
  // Writes the word-form dictionary (schema::kMetaForms) and everything added to the files, not
  // synced: the database is a shard for merge_shards, which syncs the merged index. The writer is
  // closed afterwards.
  void commit();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Merges finished shards, in order, into a new compact database at `out` (Xapian's compactor:
// document ids follow shard order; the shards' form dictionaries are summed) and syncs its files
// to disk, with the shards' passage and position stores joined in the same order. The merged index
// also gets `metadata` (the build's: schema version, counts, vocabulary). Xapian failures here and
// in IndexWriter surface as IndexError.
void merge_shards(const std::vector<std::filesystem::path>& shards, const std::map<std::string, std::string>& metadata,
                  const std::filesystem::path& out);

}  // namespace pep
