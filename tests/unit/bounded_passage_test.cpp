// No passage has more than PassageSegmenter::kWordLimit words whatever the punctuation: a paragraph
// without sentence breaks, or with one near its end, is cut at word boundaries, and the passages
// together still hold every word of it, in order (the oracle: the paragraph's own words).
#include <catch2/catch.hpp>

#include <sstream>

#include "passage_segmenter.h"
#include "test_env.h"
#include "vocabulary.h"

using namespace pep;

namespace {

std::vector<std::string> words_of(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

std::vector<Passage> segment_paragraph(const std::string& paragraph) {
  const Vocabulary vocab = Vocabulary::load(test::vocab_dir());
  PassageSegmenter segmenter(vocab);
  Document doc;
  doc.id = doc.path = "bomb.txt";
  doc.format = DocumentFormat::txt;
  doc.text = "Bomb monograph\n\n" + paragraph + "\n";
  return segmenter.segment(std::move(doc), [](const std::string&) { return false; }).parsed.passages;
}

std::string words(size_t n, const std::string& punctuation_at_end) {
  std::string s;
  for (size_t i = 0; i < n; ++i) s += (i ? " " : "") + std::string("word") + std::to_string(i);
  return s + punctuation_at_end;
}

}  // namespace

TEST_CASE("bounded passages: a paragraph without sentence breaks is cut at word boundaries") {
  for (const std::string& paragraph :
       {words(20000, ""), words(20000, ". End of it."), words(150, ""), words(141, ""), words(20000, "") + ". " + words(50, ".")}) {
    const auto passages = segment_paragraph(paragraph);
    std::vector<std::string> joined;
    for (const auto& p : passages) {
      if (p.kind != PassageKind::paragraph) continue;
      const auto w = words_of(p.text);
      CHECK(w.size() <= PassageSegmenter::kWordLimit);
      joined.insert(joined.end(), w.begin(), w.end());
    }
    CHECK(joined == words_of(paragraph));
  }
}
