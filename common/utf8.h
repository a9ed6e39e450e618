// UTF-8 checking shared by the indexer and the terminal/JSON output: one walker over a string's
// code points, and the reader's repair of invalid UTF-8.
//
// `walk_utf8(text, valid, invalid)` steps through `text` with ICU's U8_NEXT and calls
// `valid(begin, end, code_point)` for each well-formed sequence and `invalid(begin, end)` for each
// ill-formed one (a maximal subpart, as ICU judges it: one call may cover several bytes); `begin`
// and `end` are int32_t byte offsets into `text`. Callers decide what an invalid sequence becomes:
// terminal_text.h escapes each of its bytes, `repair_utf8` puts one U+FFFD in its place.
// `repair_utf8` replaces every invalid sequence of `text` in place and returns how many; valid
// text (nearly all of it) is recognised by simdjson's SIMD check and left untouched.
// No errors (texts over 2 GiB are not supported by the int32_t offsets), no state: safe on any thread.
#pragma once

#include <unicode/utf8.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace pep {

template <typename Valid, typename Invalid>
void walk_utf8(std::string_view text, Valid valid, Invalid invalid) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t n = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < n) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) invalid(start, i);
    else valid(start, i, c);
  }
}

// Replaces invalid UTF-8 sequences with U+FFFD; returns how many were replaced.
size_t repair_utf8(std::string& text);

}  // namespace pep
