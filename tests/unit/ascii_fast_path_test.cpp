// analyze() takes a hand-written path for ASCII text, dashes and apostrophes (speed); these tests hold it to the
// ICU path's output word for word, on random text rich in the characters the word-break rules
// treat specially and on every line of the real corpora.
#include <catch2/catch.hpp>

#include <fstream>
#include <random>

#include "test_env.h"
#include "text_analyzer.h"

using pep::TextAnalyzer;

namespace {

std::string describe(const std::vector<pep::Word>& words) {
  std::string out;
  for (const auto& w : words) {
    out += "[" + w.form + " " + std::to_string(w.begin) + "-" + std::to_string(w.end);
    for (const auto& p : w.parts) out += " " + p;
    out += "]";
  }
  return out;
}

// Number of texts on which the two paths disagree; the first few are reported.
size_t disagreements(const TextAnalyzer& a, const std::vector<std::string>& texts) {
  size_t bad = 0;
  for (const auto& t : texts) {
    const std::string fast = describe(a.analyze(t)), icu = describe(a.analyze_unicode(t));
    if (fast == icu) continue;
    if (++bad <= 5) UNSCOPED_INFO("text: " << t << "\n fast: " << fast << "\n  icu: " << icu);
  }
  return bad;
}

// 20,000 texts of 1 to `longest` characters drawn from `alphabet`, reproducibly from `seed`.
std::vector<std::string> random_texts(const std::string& alphabet, size_t longest, unsigned seed) {
  std::mt19937 rng(seed);
  std::vector<std::string> texts;
  for (int i = 0; i < 20000; ++i) {
    std::string t(std::uniform_int_distribution<size_t>(1, longest)(rng), ' ');
    for (char& c : t) c = alphabet[std::uniform_int_distribution<size_t>(0, alphabet.size() - 1)(rng)];
    texts.push_back(t);
  }
  return texts;
}

}  // namespace

TEST_CASE("the ASCII fast path splits words exactly as ICU does, on random text") {
  TextAnalyzer a;
  const std::string alphabet = "aZm09 .,;:'\"-()/%+&#\t\n\r@!?*=<>[]{}|~`^$\\xY5";
  CHECK(disagreements(a, random_texts(alphabet, 24, 20261122)) == 0);
}

TEST_CASE("the fast path lower-cases every ASCII character as ICU folds it, eight bytes at a time and in the tail") {
  // Every printable character and the whitespace ones, in texts of 1-40 bytes: the SWAR block
  // (8 bytes) and the byte-wise tail both meet each of them, beside the edges of 'A'-'Z' ('@', '[').
  TextAnalyzer a;
  std::string alphabet = "\t\n\r";
  for (char c = 0x20; c < 0x7F; ++c)
    if (c != '_') alphabet.push_back(c);  // '_' is left to ICU (WB13)
  CHECK(disagreements(a, random_texts(alphabet, 40, 20261201)) == 0);
  CHECK(a.analyze("ABCDEFGHIJKLMNOPQRSTUVWXYZ[`{")[0].form == "abcdefghijklmnopqrstuvwxyz");
}

TEST_CASE("the fast path's dashes and apostrophes give ICU's words and source offsets") {
  // Dashes and typographic apostrophes are mapped to ASCII on the fast path; anything else that
  // is not ASCII (here: a letter with an accent, a Greek letter, a no-break hyphen, a combining
  // accent, a bullet) sends the text to ICU.
  TextAnalyzer a;
  const std::vector<std::string> alphabet = {"a", "Z", "m", "0", "9", " ", ".", ",", "'", "-", "_",
                                             "\u2014", "\u2013", "\u2010", "\u2212", "\u2019", "\u2018", "\u02BC",
                                             "\u00E9", "\u03B1", "\u2011", "\u0301", "\u2022"};
  std::mt19937 rng(20261201);
  std::vector<std::string> texts;
  for (int i = 0; i < 30000; ++i) {
    std::string t;
    const size_t n = std::uniform_int_distribution<size_t>(1, 16)(rng);
    // Mostly the mapped characters, so that most texts stay on the fast path.
    const size_t pick_from = i % 4 == 0 ? alphabet.size() : 18;
    for (size_t k = 0; k < n; ++k) t += alphabet[std::uniform_int_distribution<size_t>(0, pick_from - 1)(rng)];
    texts.push_back(t);
  }
  const std::string title = "Leukemia \u2014 the T\u2010cell patient\u2019s";
  texts.push_back(title);
  CHECK(disagreements(a, texts) == 0);
  const auto words = a.analyze(title);
  REQUIRE(words.size() == 4);
  CHECK(words[2].form == "tcell");
  CHECK(words[2].begin == 17);  // after "Leukemia ", a three-byte dash and " the "
  CHECK(words[2].end == 25);    // "T", a three-byte hyphen, "cell"
  CHECK(words[3].form == "patient");
  CHECK(words[3].end == 37);  // the apostrophe is three bytes, the "s" one
}

TEST_CASE("the ASCII fast path splits words exactly as ICU does, on the real corpora") {
  TextAnalyzer a;
  std::vector<std::string> texts;
  auto add_lines = [&](const std::filesystem::path& file, size_t max_lines) {
    std::ifstream in(file);
    std::string line;
    for (size_t n = 0; n < max_lines && std::getline(in, line); ++n) texts.push_back(line);
  };
  for (const auto& e : std::filesystem::directory_iterator(pep::test::corpus_dir() / "monographs")) add_lines(e.path(), 100000);
  if (const auto shared = pep::test::shared_dir()) {
    for (const auto& e : std::filesystem::directory_iterator(*shared / "corpus")) add_lines(e.path(), 100000);
    add_lines(*shared / "data" / "medquad" / "medquad.jsonl", 3000);  // JSON lines: text with escapes, fine
  }
  REQUIRE(texts.size() > 1000);
  CHECK(disagreements(a, texts) == 0);
}
