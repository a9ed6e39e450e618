// SentenceBreaker takes a hand-written scan for printable-ASCII text (speed); these tests hold it
// to ICU's boundaries on random text rich in the characters the sentence rules treat specially,
// and on the real corpora with whitespace collapsed, as the segmenter gives them.
#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>
#include <random>

#include "sentence_breaker.h"
#include "test_env.h"

using pep::SentenceBreaker;

namespace {

// Every boundary, walking forward as the segmenter does.
std::vector<size_t> boundaries(SentenceBreaker& b, const std::string& text, bool unicode) {
  if (unicode) b.set_text_unicode(text);
  else b.set_text(text);
  std::vector<size_t> out;
  for (size_t at = 0; at < text.size();) out.push_back(at = b.following(at));
  return out;
}

size_t disagreements(const std::vector<std::string>& texts) {
  SentenceBreaker b;
  size_t bad = 0;
  for (const auto& t : texts) {
    if (boundaries(b, t, false) == boundaries(b, t, true)) continue;
    if (++bad <= 5) UNSCOPED_INFO("text: " << t);
  }
  return bad;
}

std::string collapse(const std::string& s) {
  std::string out;
  for (char c : s) {
    const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out.push_back(space ? ' ' : c);
  }
  return out;
}

}  // namespace

TEST_CASE("sentence boundaries of printable ASCII match ICU's, on random text") {
  const std::string alphabet = "aAzZ09 .?!\"'()[]{},-:;#$%&*+/<=>@\\^_`|~ bB. .";
  std::mt19937 rng(20261201);
  std::vector<std::string> texts;
  for (int i = 0; i < 50000; ++i) {
    std::string t(std::uniform_int_distribution<size_t>(1, i % 2 ? 30 : 150)(rng), ' ');
    for (char& c : t) c = alphabet[std::uniform_int_distribution<size_t>(0, alphabet.size() - 1)(rng)];
    texts.push_back(t);
  }
  CHECK(disagreements(texts) == 0);
}

TEST_CASE("text that is not printable ASCII is left to ICU") {
  // set_text takes the ASCII scan only for printable ASCII: a line break, a control byte or a
  // non-ASCII sentence terminator ("\u3002") anywhere, even amid long ASCII runs, must give ICU's
  // boundaries.
  const std::vector<std::string> pieces{"Patients improved. ", "a", "B", " ", ". ", "? ", "\n", "\r\n", "\t", "\x01",
                                        "\x7f", "\xE3\x80\x82", "\xC2\xA0", "\xE2\x80\x94", "1.5 ", "U.S. ", "(see above). "};
  std::mt19937 rng(20261202);
  std::vector<std::string> texts;
  for (int i = 0; i < 20000; ++i) {
    std::string t;
    for (int k = static_cast<int>(rng() % 16); k >= 0; --k) t += pieces[rng() % pieces.size()];
    texts.push_back(t);
  }
  CHECK(disagreements(texts) == 0);
}

TEST_CASE("sentence boundaries of printable ASCII match ICU's, on the real corpora") {
  std::vector<std::string> texts;
  auto add_lines = [&](const std::filesystem::path& file) {
    std::ifstream in(file);
    for (std::string line; std::getline(in, line);) texts.push_back(collapse(line));
  };
  for (const auto& e : std::filesystem::directory_iterator(pep::test::corpus_dir() / "monographs")) add_lines(e.path());
  if (const auto shared = pep::test::shared_dir()) {
    for (const auto& e : std::filesystem::directory_iterator(*shared / "corpus")) add_lines(e.path());
    std::ifstream in(*shared / "data" / "medquad" / "medquad.jsonl");
    std::string line;
    for (int n = 0; n < 4000 && std::getline(in, line); ++n) texts.push_back(collapse(nlohmann::json::parse(line).at("text").get<std::string>()));
  }
  REQUIRE(texts.size() > 400);
  CHECK(disagreements(texts) == 0);
}

TEST_CASE("the ASCII scan answers again for an offset before its last answer") {
  SentenceBreaker b;
  const std::string t = "One sentence here. Another one there. And a third.";
  b.set_text(t);
  const size_t first = b.following(3);
  CHECK(t.substr(0, first) == "One sentence here. ");
  CHECK(b.following(5) == first);   // forwards, still before the first boundary
  CHECK(b.following(first) > first);
  CHECK(b.following(0) == first);   // backwards
}
