// DocumentReader: finds the documents below each --corpus root and reads them into Documents.
//
//  .txt    raw monograph text; id and path are the file's path relative to its root
//  .md     the authoring format (corpus/README.md): front matter, then a Markdown body
//  .jsonl  one {"id","title","url","publisher","text"} object per line; path is the .jsonl file
//  .html .htm  a saved web page (html_reader.h);  .pdf  a PDF with a text layer (pdf_reader.h)
// A file is also recognised by its content: a PDF or an HTML page under another of these names is
// read for what it is (noted); a .pdf that is not one is skipped. Files of any other type are
// skipped with a note naming the types read; folders holding compounds.tsv (corpus/vocab) are
// vocabulary, not documents, and are not listed.
// Files are visited in sorted order so builds are deterministic. A file or record that cannot be
// used is skipped with a SkipNote (file, line, reason) and reading goes on. Invalid UTF-8 bytes in
// an otherwise readable file are replaced by U+FFFD and noted, not skipped. Other limits:
//   - files over 512 MiB, binary files (NUL bytes), empty files: skipped and noted
//   - a file or directory that cannot be read (permissions): skipped and noted
//   - a file name that is not UTF-8: indexed, noted, its invalid bytes written %XX in id and path
//   - symbolic links to directories are not followed (no loops); link loops and dangling links
//     with a document extension are noted
//   - a line over 64 KiB is split at sentence ends (one byte ". " -> ".\n", offsets unchanged) and noted,
//     so no later stage sees a megabyte paragraph
// A .jsonl file is read in pieces of whole lines (about 1 MiB), each piece's records given on
// before the next is read, so the build starts on the first records at once. Hence, for JSONL
// only: the binary-file check looks at the first piece (a NUL byte later fails just its line, as
// JSON has no raw NUL), and a read error mid-file keeps the records before it and notes the line.
// Files are opened and read through a CorpusFiles (regular_file.h; DiskFiles unless one is
// given), each once: the SHA-256 of a file's bytes is taken as they are read (file_hashes()),
// so the build's manifest records exactly the bytes that were indexed.
// Threading: one reader per thread; its CorpusFiles must outlive it.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "digest.h"
#include "monograph.h"
#include "regular_file.h"
#include "utf8.h"  // repair_utf8, which the HTML and PDF readers use too
#include "vocabulary.h"

namespace pep {

struct SkipNote {
  std::string file;
  int line = 0;        // 0 when the note is about the whole file
  std::string reason;
  bool skipped = true; // false: a warning about something that was still indexed
};

class DocumentReader {
 public:
  using Sink = std::function<void(Document&&)>;
  // `words`: the vocabulary's segmenter words (reference headings, for saved web pages). Reads
  // the files on disk (DiskFiles), or through `files` when given.
  explicit DocumentReader(SegmenterWords words) : words_(std::move(words)) {}
  DocumentReader(SegmenterWords words, CorpusFiles& files) : words_(std::move(words)), files_(&files) {}

  // Reads every supported file below `root`, calling `sink` for each document.
  void read_tree(const std::filesystem::path& root, const Sink& sink);
  // Reads one file; `root` is what its path is made relative to.
  void read_file(const std::filesystem::path& file, const std::filesystem::path& root, const Sink& sink);
  // Reads a file's bytes already in memory; `extension` (".txt", ".md", ".jsonl", ".html", ".htm",
  // ".pdf") picks the format, unless the content says it is a PDF or an HTML page.
  void read_text(const std::string& rel, const std::string& extension, std::string text, const Sink& sink);

  const std::vector<SkipNote>& notes() const { return notes_; }
  size_t files_read() const { return files_read_; }
  // The file being read while `sink` runs (its real name, which a document's path may escape).
  const std::filesystem::path& current_file() const { return current_file_; }
  // Every file read so far (by its real name) with the size and SHA-256 of the bytes read from it:
  // the whole file, or for a JSONL file that stopped early (a read error, binary), its bytes up
  // to there. A JSONL file's entry is complete once read_file returns, after its records.
  const std::map<std::filesystem::path, FileHash>& file_hashes() const { return file_hashes_; }

 private:
  void note_long_lines(const std::string& rel, int line, std::string& text);
  void read_markdown(const std::string& rel, std::string text, const Sink& sink);
  void read_pdf_bytes(const std::string& rel, std::string bytes, const Sink& sink);
  void read_html_bytes(const std::string& rel, std::string bytes, const Sink& sink);
  // JSONL (jsonl_reader.h, jsonl_reader.cpp)
  struct JsonlRead;  // a JSONL file being read piece by piece
  void read_jsonl_bytes(const std::string& rel, const std::string& text, const Sink& sink);
  void read_jsonl_file(const std::filesystem::path& file, const std::string& rel, const Sink& sink);
  // Gives on the records of `piece`; false if the file turned out binary (nothing given on).
  bool read_jsonl_piece(JsonlRead& r, std::string_view piece, const Sink& sink);
  void end_jsonl(JsonlRead& r);  // the file's notes: empty file, invalid UTF-8

  CorpusFiles& files() { return files_ ? *files_ : disk_; }

  SegmenterWords words_;
  DiskFiles disk_;
  CorpusFiles* files_ = nullptr;  // null: disk_
  std::vector<SkipNote> notes_;
  size_t files_read_ = 0;
  std::filesystem::path current_file_;
  std::map<std::filesystem::path, FileHash> file_hashes_;
};

}  // namespace pep
