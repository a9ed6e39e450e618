// collapse_whitespace (collapse_whitespace.h): whitespace runs and no-break spaces to single spaces.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "collapse_whitespace.h"

namespace {

// The contract, one byte at a time: what the eight-bytes-at-a-time copy must agree with.
std::string reference(const std::string& s) {
  std::string out;
  bool gap = false;
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const bool nbsp = c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0;
    if (c == ' ' || (c >= '\t' && c <= '\r') || nbsp) {
      gap = true;
      i += nbsp;
      continue;
    }
    if (gap && !out.empty()) out.push_back(' ');
    gap = false;
    out.push_back(s[i]);
  }
  return out;
}

}  // namespace

TEST_CASE("collapse_whitespace keeps words and leaves one space between them") {
  CHECK(pep::collapse_whitespace("") == "");
  CHECK(pep::collapse_whitespace(" \t\n ") == "");
  CHECK(pep::collapse_whitespace("  Thymogen   (oglufanide)\n\tlowers VEGF  ") == "Thymogen (oglufanide) lowers VEGF");
  CHECK(pep::collapse_whitespace("Grade\xC2\xA0" "A\xC2\xA0\xC2\xA0 negative") == "Grade A negative");
  CHECK(pep::collapse_whitespace("\xC2\xA9 2024 \xC2") == "\xC2\xA9 2024 \xC2");  // other C2 characters, a lone C2 at the end
  CHECK(pep::collapse_whitespace("a plain sentence of words well over eight bytes long.") ==
        "a plain sentence of words well over eight bytes long.");
}

TEST_CASE("collapse_whitespace agrees with the byte-at-a-time rule on random texts") {
  // Pieces that meet the eight-byte blocks at every offset: single and double spaces, each
  // whitespace byte, no-break spaces, other C2 characters, control and high bytes.
  const std::vector<std::string> pieces{"a", "word", "VEGF", " ", "  ", "\t", "\n", "\r\n", "\v", "\f", "\xC2\xA0",
                                        "\xC2\xA9", "\xC2", "\xA0", "\x01", "\x1F", "!", "\xE2\x80\x94", "12.5", "\xFF"};
  std::mt19937 rng(11);
  size_t changed = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    for (int k = static_cast<int>(rng() % 24); k >= 0; --k) text += pieces[rng() % pieces.size()];
    INFO(round);
    REQUIRE(pep::collapse_whitespace(text) == reference(text));
    changed += pep::collapse_whitespace(text) != text;
  }
  CHECK(changed > 10000);
}
