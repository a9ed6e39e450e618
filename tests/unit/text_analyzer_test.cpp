#include <catch2/catch.hpp>

#include "sentence_breaker.h"
#include "text_analyzer.h"

using pep::TextAnalyzer;

namespace {
std::vector<std::string> forms(const TextAnalyzer& a, const std::string& text) {
  std::vector<std::string> out;
  for (const auto& w : a.analyze(text)) out.push_back(w.form);
  return out;
}
}  // namespace

TEST_CASE("case folding and NFKC make subscripts and full-width text searchable as typed") {
  TextAnalyzer a;
  CHECK(forms(a, "C₁₆H₁₉N₃O₅") == std::vector<std::string>{"c16h19n3o5"});
  CHECK(forms(a, "VEGF Lowering") == std::vector<std::string>{"vegf", "lowering"});
  CHECK(forms(a, "ＩＭ８６２") == forms(a, "IM862"));
}

TEST_CASE("Greek letters are spelled out so α1, alpha-1 and alpha 1 meet") {
  TextAnalyzer a;
  CHECK(a.normalize("thymosin α1") == "thymosin alpha1");
  CHECK(a.normalize("Thymosin Alpha-1") == "thymosin alpha1");
  const auto w = a.analyze("α1");
  REQUIRE(w.size() == 1);
  CHECK(w[0].parts == std::vector<std::string>{"alpha", "1"});
}

TEST_CASE("hyphenated and letter-digit compounds keep their joined form and their pieces") {
  TextAnalyzer a;
  for (const char* spelling : {"IM-862", "IM862", "IM‐862", "IM–862"}) {
    const auto w = a.analyze(spelling);
    INFO(spelling);
    REQUIRE(w.size() == 1);
    CHECK(w[0].form == "im862");
    CHECK(w[0].parts == std::vector<std::string>{"im", "862"});
  }
  const auto tcell = a.analyze("T-cell exhaustion");
  REQUIRE(tcell.size() == 2);
  CHECK(tcell[0].form == "tcell");
  CHECK(tcell[0].parts == std::vector<std::string>{"t", "cell"});
  // Codes with several letter/digit changes stay whole.
  CHECK(a.analyze("C16H19N3O5")[0].parts.empty());
}

TEST_CASE("numbers are searchable as written; numeric ranges are not glued together") {
  TextAnalyzer a;
  CHECK(forms(a, "40.6% response, HR 0.99") == std::vector<std::string>{"40.6", "response", "hr", "0.99"});
  CHECK(forms(a, "0.77–1.27") == std::vector<std::string>{"0.77", "1.27"});
}

TEST_CASE("word offsets point into the original text") {
  TextAnalyzer a;
  const std::string text = "Thymosin α1 (Zadaxin) — approved";
  for (const auto& w : a.analyze(text)) {
    const std::string original = text.substr(w.begin, w.end - w.begin);
    CHECK(a.normalize(original) == w.form);
  }
}

TEST_CASE("possessives fold onto the word and stems only apply to alphabetic words") {
  TextAnalyzer a;
  CHECK(forms(a, "Thymogen's effect") == std::vector<std::string>{"thymogen", "effect"});
  CHECK(a.stem("trials") == "trial");
  CHECK(a.stem("im862") == "im862");
}

TEST_CASE("invalid UTF-8 never throws and is not a word") {
  TextAnalyzer a;
  const std::string bad = std::string("ok \xff\xfe bytes");
  CHECK_NOTHROW(a.analyze(bad));
  CHECK(forms(a, bad) == std::vector<std::string>{"ok", "bytes"});
}

TEST_CASE("sentences split at sentence ends, not at decimal points, on byte offsets") {
  pep::SentenceBreaker breaker;
  const std::string text = "HR was 0.99 in TESTS. Mortality fell by 9%. Done";
  breaker.set_text(text);
  const size_t first = text.find("Mortality"), second = text.find("Done");
  CHECK(breaker.following(0) == first);
  CHECK(breaker.following(text.find("0.99") + 1) == first);  // inside "0.99": no break there
  CHECK(breaker.following(first) == second);
  CHECK(breaker.following(second) == text.size());
  CHECK(breaker.following(text.size()) == text.size());

  // Offsets are bytes of the UTF-8 text, also after multi-byte letters; the breaker is reusable.
  const std::string greek = "T\u03b11 (thymosin \u03b11) was given. Then \u03b2 fell.";
  breaker.set_text(greek);
  CHECK(breaker.following(0) == greek.find("Then"));
  CHECK(breaker.following(greek.find("Then")) == greek.size());
}
