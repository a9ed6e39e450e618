#include "collapse_whitespace.h"

#include <bit>
#include <cstdint>
#include <cstring>

namespace pep {
namespace {

bool is_space(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// Whether a no-break space (U+00A0, bytes C2 A0) starts at p.
bool is_nbsp(const char* p, const char* end) {
  return static_cast<unsigned char>(p[0]) == 0xC2 && p + 1 < end && static_cast<unsigned char>(p[1]) == 0xA0;
}

// Whether the eight bytes at p can be copied as they are after a word byte: no byte below 0x20,
// no 0xC2 (a no-break space may start there), no two spaces in a row, and no space last (the gap
// it may begin is then left to the byte loop). Whole eight-byte words, the SWAR way: this reads
// every byte of the corpus, and one byte at a time it was 2.4% of a build's instructions.
bool copies_unchanged(const char* p) {
  static_assert(std::endian::native == std::endian::little, "the last byte is taken as the top one");
  constexpr uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull, kLow7 = 0x7F7F7F7F7F7F7F7Full;
  uint64_t x;
  std::memcpy(&x, p, 8);
  const uint64_t control = (x - kOnes * 0x20) & ~x & kHigh;  // nonzero if any byte is below 0x20
  const uint64_t c2 = x ^ (kOnes * 0xC2);
  const uint64_t lead = (c2 - kOnes) & ~c2 & kHigh;  // nonzero if any byte is 0xC2
  const uint64_t sp = x ^ (kOnes * ' ');
  const uint64_t spaces = ~(((sp & kLow7) + kLow7) | sp | kLow7);  // the high bit of exactly each ' '
  return (control | lead | (spaces & (spaces >> 8)) | (spaces >> 63)) == 0;
}

}  // namespace

std::string collapse_whitespace(std::string_view text) {
  std::string out(text.size(), '\0');
  char* const begin = out.data();
  char* o = begin;
  const char* p = text.data();
  const char* const end = p + text.size();
  while (p < end) {
    const char* const gap = p;
    while (p < end && (is_space(static_cast<unsigned char>(*p)) || is_nbsp(p, end))) p += is_space(static_cast<unsigned char>(*p)) ? 1 : 2;
    if (p == end) break;
    if (p != gap && o != begin) *o++ = ' ';
    *o++ = *p++;  // a word's first byte; the rest of it, and any plain text after, follow
    for (; end - p >= 8 && copies_unchanged(p); p += 8, o += 8) std::memcpy(o, p, 8);
    while (p < end && !is_space(static_cast<unsigned char>(*p)) && !is_nbsp(p, end)) *o++ = *p++;
  }
  out.resize(static_cast<size_t>(o - begin));
  return out;
}

}  // namespace pep
