// IndexWriter: the Xapian adapter on the indexing side. Turns parsed documents into what the
// index stores per passage, following index_schema.h: a Xapian document (Z, W and H terms with
// their wdfs, facet terms, values), a passage record (passage_record.h) and the Z terms'
// positions; and, at commit, the word-form dictionary (schema::kMetaForms). It owns no files:
// each passage goes to a GenerationWriter (generation_writer.h), which alone writes a
// generation directory's parts and keeps their document ids aligned.
//
// Errors: a document without numbered words, and the GenerationWriter's failures, throw
// IndexError. Not thread-safe: one IndexWriter per GenerationWriter and thread.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "form_table.h"
#include "monograph.h"

namespace pep {

class GenerationWriter;

class IndexWriter {
 public:
  // Writes into `out`, which must outlive the IndexWriter. `stopwords`, written as words, become
  // W terms without positions (schema::kStopPrefix). `forms` is the table the added documents'
  // passage_forms and heading_forms number their words in (the MonographParser's that parsed them).
  IndexWriter(GenerationWriter& out, const FormTable& forms, const std::vector<std::string>& stopwords);
  ~IndexWriter();

  // Adds every passage of `doc` (which must carry passage_forms and heading_forms, as
  // MonographParser::parse leaves it), one GenerationWriter::add each; returns how many.
  size_t add(const ParsedDocument& doc);
  // Sets the word-form dictionary of everything added and finishes the GenerationWriter
  // (GenerationWriter::finish: committed, not synced). Nothing may be added afterwards.
  void commit();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace pep
