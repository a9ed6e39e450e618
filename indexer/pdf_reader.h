// PdfReader: one PDF (.pdf) -> a Document the PassageSegmenter reads as it reads .txt (format
// "pdf"), its text extracted with poppler (Debian's libpoppler-cpp-dev).
//
// Layout: `text` is the pages' text in reading order (poppler's word boxes gathered into lines),
// one blank line between pages and between paragraphs; the lines of a paragraph are joined into
// one (a paragraph ends where the space to the next line exceeds the page's usual line spacing, or
// a line stops well short of the right edge). `page_starts` holds where pages 2, 3, ... begin in
// `text`, so every passage knows its page. Running page numbers ("- 2 -", "2") and lines repeating
// the title are left out. Title, author and url (a custom /URL key) from the PDF's metadata. Passage offsets are offsets
// into `text`.
// Errors: returns why a file cannot be read (encrypted, broken, no text layer); nothing throws.
// Threading: poppler's documents are per call; its error callback is process-wide and is set to
// stay quiet (a broken file is reported by the returned reason instead), once.
#pragma once

#include <string>
#include <vector>

#include "monograph.h"

namespace pep {

// Reads `bytes` (a whole .pdf file named `rel`) into `doc`; returns "" or why it was skipped.
std::string read_pdf(const std::string& rel, const std::string& bytes, Document& doc);

// Whether the bytes start like a PDF ("%PDF-" within the first 1024 bytes, as readers accept).
bool looks_like_pdf(const std::string& bytes);

}  // namespace pep
