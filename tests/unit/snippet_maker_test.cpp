// SnippetMaker marks what the query matched: forms, other endings of the same stem, and
// prefixes of a word being typed; it skips the stemmer for words that cannot match, which these
// cases would catch if that shortcut dropped a real match.
#include <catch2/catch.hpp>

#include "snippet_maker.h"

using pep::HighlightTerms;
using pep::SnippetMaker;
using pep::TextAnalyzer;

namespace {
std::vector<std::string> marked(const std::vector<pep::SnippetPiece>& pieces) {
  std::vector<std::string> out;
  for (const auto& p : pieces)
    if (p.match) out.push_back(p.text);
  return out;
}
}  // namespace

TEST_CASE("snippets mark forms, other endings of a stem, and typed prefixes") {
  TextAnalyzer a;
  SnippetMaker maker(a);
  HighlightTerms h;
  h.forms.insert("vegf");
  h.stems.insert(a.stem("lowering"));   // "lower"
  h.stems.insert(a.stem("studies"));    // "studi": the stem is not a prefix of every form
  h.prefixes.push_back("thym");
  const std::string text = "VEGF was lowered in one study; Thymogen and thymalfasin lower it; other studies disagree.";
  const auto m = marked(maker.make(text, h));
  CHECK(m == std::vector<std::string>{"VEGF", "lowered", "study", "Thymogen", "thymalfasin", "lower", "studies"});
  CHECK(marked(maker.make("Nothing here matches.", h)).empty());
}

TEST_CASE("a snippet of a long passage is the window around the matches") {
  TextAnalyzer a;
  SnippetMaker maker(a);
  HighlightTerms h;
  h.forms.insert("sepsis");
  std::string text;
  for (int i = 0; i < 60; ++i) text += "filler ";
  text += "sepsis mortality fell. ";
  for (int i = 0; i < 60; ++i) text += "filler ";
  const auto pieces = maker.make(text, h);
  REQUIRE_FALSE(pieces.empty());
  CHECK(pieces.front().text == "\xE2\x80\xA6");  // starts mid-passage
  CHECK(pieces.back().text == "\xE2\x80\xA6");   // and ends before its end
  CHECK(marked(pieces) == std::vector<std::string>{"sepsis"});
}
