// HtmlReader: one saved web page (.html, .htm) -> a Document the PassageSegmenter reads as it reads
// the Markdown authoring format (format "html"), parsed with Gumbo (Debian's libgumbo-dev, the
// WHATWG HTML5 algorithm), never with regular expressions.
//
// Layout of what it makes: `text` is Markdown-like lines made from the page's content element
// (data-pepsearch-body, else main, article, role=main, else body): h2-h6 -> "##".."######" lines
// (the h1 that is the title is left out), tables -> pipe tables (a one-row table -> a paragraph), ul/ol -> "- " bullets, details/summary and dl -> "### question"
// with the answer below (FAQ pairs under an FAQ heading), the reference list -> "## References" and
// "N. entry PMID n. DOI d." lines, in-text links to a reference entry -> "[N]" by the entry they
// point at. nav/header/footer/aside/script/style/template/forms/hidden and data-pepsearch-ignore
// elements are left out. `anchors` maps offsets in `text` to the element ids above them. Passage
// offsets are offsets into `text`, not into the file. Metadata: title (h1, og:title, <title> less
// its site suffix), url (canonical, og:url), publisher (og:site_name), modified, compound
// (data-pepsearch-compound or <meta name="pepsearch:compound">). A schema.org FAQPage in JSON-LD
// gives FAQ pairs when the body has none.
// Errors: returns why a page cannot be read (too large, no content); warnings go to `notes`.
// Bytes are decoded by BOM, then <meta charset>, else UTF-8; invalid bytes are replaced by U+FFFD.
// Bounded: Gumbo records no parse errors (each would copy the open-element stack), subtrees deeper
// than 200 elements are read as plain text without recursion, pages over kMaxHtmlBytes are refused.
// Threading: a plain function, no shared state.
#pragma once

#include <string>
#include <vector>

#include "monograph.h"
#include "vocabulary.h"

namespace pep {

// Pages larger than this are refused: Gumbo's tree takes about ten times a page's bytes.
constexpr size_t kMaxHtmlBytes = size_t{16} << 20;

// Reads `bytes` (a whole .html file named `rel`) into `doc`; returns "" or why it was skipped.
// `words` says which headings open a reference list (corpus/vocab/section_headings.tsv).
std::string read_html(const std::string& rel, std::string bytes, const SegmenterWords& words, Document& doc,
                      std::vector<std::string>& notes);

// Whether the first bytes look like an HTML document (for content sniffing of other extensions).
bool looks_like_html(const std::string& bytes);

}  // namespace pep
