// IndexWriter: the Xapian adapter on the indexing side. Turns parsed documents into Xapian
// documents following index_schema.h. One writer per database directory; not thread-safe.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "monograph.h"
#include "text_analyzer.h"

namespace pep {

class IndexWriter {
 public:
  // Creates a new, empty database in `db_dir` (which must not hold one). `stopwords` are
  // indexed without positions (index_schema.h).
  IndexWriter(const std::filesystem::path& db_dir, const TextAnalyzer& analyzer, const std::vector<std::string>& stopwords);
  ~IndexWriter();

  // Adds every passage of `doc`; returns how many.
  size_t add(const ParsedDocument& doc);
  void set_metadata(const std::string& key, const std::string& value);
  // Writes the word-form dictionary (schema::kMetaForms) and everything added to the files, not
  // synced: the database is a shard for merge_shards, which syncs the merged index. The writer is
  // closed afterwards.
  void commit();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Merges finished shards, in order, into a new compact database at `out` (Xapian's compactor:
// document ids follow shard order; the shards' form dictionaries are summed, other metadata comes
// from the first shard that has each key) and
// syncs its files to disk. Xapian failures here and in IndexWriter surface as IndexError.
void merge_shards(const std::vector<std::filesystem::path>& shards, const std::filesystem::path& out);

}  // namespace pep
