// SnippetMaker: the best window of a passage around the words a query matched, as pieces
// marked matched or not. Matching uses the same TextAnalyzer as the index, so stemmed forms,
// compound pieces, aliases and prefixes ("*thym") are highlighted too. Rendering (HTML with
// <mark>, terminal colour, plain) is the caller's business.
#pragma once

#include <set>
#include <string>
#include <unordered_set>
#include <vector>

#include "search_types.h"
#include "text_analyzer.h"

namespace pep {

class SnippetMaker {
 public:
  explicit SnippetMaker(const TextAnalyzer& analyzer) : analyzer_(analyzer) {}

  // A query's highlight set sorted by kind once, for all of its results.
  struct Highlight {
    std::unordered_set<std::string> forms, stems;  // stems without the "Z"
    std::vector<std::string> prefixes;             // without the "*"
    std::vector<std::string> stem_heads;           // first two letters of each stem
    static Highlight of(const std::set<std::string>& highlight);
  };
  std::vector<SnippetPiece> make(const std::string& text, const Highlight& highlight, size_t window_words = 36) const;
  // `highlight`: raw forms, "Z"+stems and "*"+prefixes (BuiltQuery::highlight).
  std::vector<SnippetPiece> make(const std::string& text, const std::set<std::string>& highlight,
                                 size_t window_words = 36) const;

 private:
  const TextAnalyzer& analyzer_;
};

std::string render_html(const std::vector<SnippetPiece>& pieces);
// ANSI bold yellow for matches when `colour`, else the plain text.
std::string render_terminal(const std::vector<SnippetPiece>& pieces, bool colour);
std::string html_escape(const std::string& s);

}  // namespace pep
