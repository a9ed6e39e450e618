#include "terminal_text.h"

#include <unicode/utf8.h>

#include <cstdint>
#include <cstdio>

namespace pep {

namespace {

bool is_control(UChar32 c) {
  return c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

// Calls `valid(begin, end, code point)` for each well-formed sequence and `invalid(byte)` for each
// byte that is not part of one.
template <typename Valid, typename Invalid>
void walk_utf8(std::string_view text, Valid valid, Invalid invalid) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t n = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < n) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) {
      for (int32_t k = start; k < i; ++k) invalid(s[k]);
    } else {
      valid(start, i, c);
    }
  }
}

}  // namespace

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  char buf[12];
  walk_utf8(
      text,
      [&](int32_t b, int32_t e, UChar32 c) {
        if (!is_control(c)) {
          out.append(text.substr(static_cast<size_t>(b), static_cast<size_t>(e - b)));
          return;
        }
        std::snprintf(buf, sizeof buf, c < 0x80 ? "\\x%02x" : "\\u%04x", static_cast<unsigned>(c));
        out += buf;
      },
      [&](uint8_t byte) {
        std::snprintf(buf, sizeof buf, "\\x%02x", byte);
        out += buf;
      });
  return out;
}

std::string escape_invalid_utf8(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  char buf[4];
  walk_utf8(
      name, [&](int32_t b, int32_t e, UChar32) { out.append(name.substr(static_cast<size_t>(b), static_cast<size_t>(e - b))); },
      [&](uint8_t byte) {
        std::snprintf(buf, sizeof buf, "%%%02X", byte);
        out += buf;
      });
  return out;
}

}  // namespace pep
