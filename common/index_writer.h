// IndexWriter: the Xapian adapter on the indexing side. Turns parsed documents into Xapian
// documents, passage and position records and posting lists following index_schema.h. One writer
// per database directory; not thread-safe.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "form_table.h"
#include "monograph.h"
#include "posting_list.h"

namespace pep {

// What a writer keeps outside its Xapian database, by Z term, in its own document ids.
struct ShardPostings {
  PostingLists stems;  // the Z terms' postings (stem_postings.h)
  PostingLists stops;  // the stop words' postings as written (schema::kMetaStopPostings)
};

class IndexWriter {
 public:
  // Creates a new, empty database in `db_dir` (which must not hold one). The Z terms are not
  // Xapian terms but posting lists (stem_postings.h); `stopwords`, written as words, are kept
  // apart from them, without positions (schema::kMetaStopPostings). `forms` is the table the added documents' passage_forms and
  // heading_forms number their words in (the MonographParser's that parsed them).
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
  // closed afterwards. Returns the Z terms' and stop words' postings (document ids of this
  // database), which are not written here: merge_shards joins every shard's into the merged index.
  ShardPostings commit();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Merges finished shards, in order, into a new compact database at `out` (Xapian's compactor:
// document ids follow shard order; the shards' form dictionaries are summed) and syncs its files
// to disk. The merged index also gets `metadata` (the build's: schema version, counts, vocabulary)
// and the postings kept outside Xapian, `postings[k]` being shard k's (IndexWriter::commit),
// renumbered like its documents. Xapian failures here and in IndexWriter surface as IndexError.
void merge_shards(const std::vector<std::filesystem::path>& shards, std::vector<ShardPostings> postings,
                  const std::map<std::string, std::string>& metadata, const std::filesystem::path& out);

}  // namespace pep
