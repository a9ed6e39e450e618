// The JSONL half of DocumentReader (document_reader.h): a .jsonl file read in pieces of whole
// lines, about kJsonlPieceBytes each, every piece's records parsed with simdjson and given to the
// sink before the next piece is read, so a build's workers start on the first records at once and
// the file is never in memory whole. Bytes already in memory (read_text) are cut into the same
// pieces, so both paths judge a file alike.
//
// Data: a JsonlRead is one file's state across its pieces: its name, where its notes begin in the
// reader's notes (the invalid-UTF-8 note is put there at the end), the simdjson parser reused for
// every line, the line number, the pieces read, the invalid UTF-8 sequences repaired, and whether
// any line was not blank. Per line, one {"id","title","url","publisher","text"} object, with
// optional "focus" (Document::subject) and "qtype" ("information" marks an overview,
// Document::overview); a field that is not a string counts as absent.
//
// Errors are SkipNotes, never exceptions of its own (the sink may throw; the file is still closed):
// a NUL byte in the first piece skips the file as binary (later, it only fails its line); a line
// that is not one JSON object, or lacks a string "id" or "text", is skipped; a read error before
// the first piece skips the file, after it keeps the records read and notes the line; a file of
// blank lines is "empty file". Invalid UTF-8 is replaced by U+FFFD (utf8.h) and noted once.
// Threading: as DocumentReader, one reader per thread.
#pragma once

#include <simdjson.h>

#include <cstddef>
#include <filesystem>
#include <string>
#include <utility>

#include "document_reader.h"

namespace pep {

// JSONL is read in pieces of whole lines of about this size (see read_jsonl_file).
constexpr size_t kJsonlPieceBytes = size_t{1} << 20;

// A JSONL file being read piece by piece (read_jsonl_piece), pieces ending at line ends.
struct DocumentReader::JsonlRead {
  JsonlRead(std::string rel, size_t first_note) : rel(std::move(rel)), first_note(first_note) {}
  std::string rel;
  size_t first_note;  // where the file's notes begin in notes_
  simdjson::dom::parser parser;
  int line_no = 0;
  size_t pieces = 0;
  size_t bad_utf8 = 0;
  bool any_text = false;  // a line that is not blank
};

}  // namespace pep
