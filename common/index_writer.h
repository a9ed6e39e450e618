// IndexWriter: the Xapian adapter on the indexing side. Turns parsed documents into Xapian
// documents following index_schema.h. One writer per database directory; not thread-safe.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "monograph.h"
#include "text_analyzer.h"

namespace pep {

class IndexWriter {
 public:
  // Creates a new, empty database in `db_dir` (which must not hold one).
  IndexWriter(const std::filesystem::path& db_dir, const TextAnalyzer& analyzer);
  ~IndexWriter();

  // Adds every passage of `doc`; returns how many.
  size_t add(const ParsedDocument& doc);
  void set_metadata(const std::string& key, const std::string& value);
  // Makes everything added durable. The writer is closed afterwards.
  void commit();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace pep
