// SnippetMaker: the best window of a passage around the words a query matched, as pieces
// marked matched or not. Matching uses the same TextAnalyzer as the index, so stemmed forms,
// compound pieces, aliases and prefixes ("thym" while typing) are highlighted too. Rendering (HTML with
// <mark>, terminal colour, plain) is the caller's business.
#pragma once

#include <string>
#include <unordered_set>
#include <vector>

#include "search_types.h"
#include "text_analyzer.h"

namespace pep {

// What a query marks in its snippets, by kind (QueryBuilder fills it): word forms as analysed;
// English stems, so that "lowered" is marked for "lowering"; prefixes of a word being typed.
struct HighlightTerms {
  std::unordered_set<std::string> forms;
  std::unordered_set<std::string> stems;
  std::vector<std::string> prefixes;
};

class SnippetMaker {
 public:
  explicit SnippetMaker(const TextAnalyzer& analyzer) : analyzer_(analyzer) {}

  std::vector<SnippetPiece> make(const std::string& text, const HighlightTerms& highlight, size_t window_words = 36) const;

 private:
  const TextAnalyzer& analyzer_;
};

std::string render_html(const std::vector<SnippetPiece>& pieces);
// ANSI bold yellow for matches when `colour`, else the plain text.
std::string render_terminal(const std::vector<SnippetPiece>& pieces, bool colour);
std::string html_escape(const std::string& s);

}  // namespace pep
