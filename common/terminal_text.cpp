#include "terminal_text.h"

#include <cstdint>
#include <cstdio>

#include "utf8.h"

namespace pep {

namespace {

bool is_control(UChar32 c) {
  return c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
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
      [&](int32_t b, int32_t e) {
        for (int32_t k = b; k < e; ++k) {
          std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<uint8_t>(text[static_cast<size_t>(k)]));
          out += buf;
        }
      });
  return out;
}

std::string escape_invalid_utf8(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  char buf[4];
  walk_utf8(
      name, [&](int32_t b, int32_t e, UChar32) { out.append(name.substr(static_cast<size_t>(b), static_cast<size_t>(e - b))); },
      [&](int32_t b, int32_t e) {
        for (int32_t k = b; k < e; ++k) {
          std::snprintf(buf, sizeof buf, "%%%02X", static_cast<uint8_t>(name[static_cast<size_t>(k)]));
          out += buf;
        }
      });
  return out;
}

}  // namespace pep
