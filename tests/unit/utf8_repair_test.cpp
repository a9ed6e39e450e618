// repair_utf8 (document_reader.h): the reader's replacement of invalid UTF-8 by U+FFFD.
#include <catch2/catch.hpp>

#include <unicode/utf8.h>

#include <random>
#include <string>
#include <vector>

#include "document_reader.h"

TEST_CASE("repair_utf8 finds every invalid sequence ICU finds, behind its fast check for valid text") {
  // Random strings of valid and invalid pieces: overlongs, surrogates, stray continuation bytes,
  // truncated sequences, code points past U+10FFFF. Each must be counted as ICU's U8_NEXT counts.
  const std::vector<std::string> pieces{"a", "Kaposi ", "\xC3\xA9", "\xE2\x80\x94", "\xF0\x9F\x98\x80", "\xC0\xAF", "\xED\xA0\x80",
                                        "\x80", "\xE2\x80", "\xF4\x90\x80\x80", "\xFF", "\xEF\xBF\xBE"};
  std::mt19937 rng(7);
  size_t with_bad = 0;
  for (int round = 0; round < 5000; ++round) {
    std::string text;
    for (int k = static_cast<int>(rng() % 12); k >= 0; --k) text += pieces[rng() % pieces.size()];
    size_t expected = 0;
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    for (int32_t i = 0, n = static_cast<int32_t>(text.size()); i < n;) {
      UChar32 c;
      U8_NEXT(s, i, n, c);
      if (c < 0) ++expected;
    }
    std::string repaired = text;
    INFO(round);
    REQUIRE(pep::repair_utf8(repaired) == expected);
    CHECK((expected == 0) == (repaired == text));
    with_bad += expected > 0;
  }
  CHECK(with_bad > 1000);
}
