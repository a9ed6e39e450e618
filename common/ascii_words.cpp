#include "ascii_words.h"

#include <unicode/utf8.h>

#include <array>
#include <cstring>

namespace pep {
namespace {

enum class AsciiClass { other, letter, digit, mid_letter, mid_num };

constexpr AsciiClass classify_ascii(char c) {
  if ((c >= 'a' && c <= 'z') || c == '@') return AsciiClass::letter;  // ICU's rules count '@' a letter
  if (c >= '0' && c <= '9') return AsciiClass::digit;
  if (c == '.' || c == '\'') return AsciiClass::mid_letter;  // MidNumLetQ: between letters or digits
  if (c == ',' || c == ';') return AsciiClass::mid_num;
  return AsciiClass::other;
}

// A table: the class is asked for every byte of every passage.
constexpr auto kAsciiClasses = [] {
  std::array<AsciiClass, 256> t{};
  for (int c = 0; c < 256; ++c) t[static_cast<size_t>(c)] = classify_ascii(static_cast<char>(c));
  return t;
}();

AsciiClass ascii_class(char c) { return kAsciiClasses[static_cast<unsigned char>(c)]; }

}  // namespace

bool is_dash(UChar32 c) {
  return (c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0xFE58 || c == 0xFE63;
}

bool is_apostrophe(UChar32 c) { return c == 0x2018 || c == 0x2019 || c == 0x02BC; }

std::vector<WordSpan> ascii_word_spans(const std::string& s) {
  std::vector<WordSpan> spans;
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    const AsciiClass c = ascii_class(s[i]);
    if (c != AsciiClass::letter && c != AsciiClass::digit) {
      ++i;
      continue;
    }
    size_t j = i + 1;
    bool letters_only = c == AsciiClass::letter;  // most words: assemble_words() then skips its checks
    while (j < n) {
      const AsciiClass cur = ascii_class(s[j]);
      if (cur == AsciiClass::letter || cur == AsciiClass::digit) {
        letters_only &= cur == AsciiClass::letter;
        ++j;
        continue;
      }
      if (j + 1 < n) {
        const AsciiClass prev = ascii_class(s[j - 1]), next = ascii_class(s[j + 1]);
        if (prev == AsciiClass::letter && cur == AsciiClass::mid_letter && next == AsciiClass::letter) {
          letters_only = false;
          j += 2;
          continue;
        }
        if (prev == AsciiClass::digit && (cur == AsciiClass::mid_letter || cur == AsciiClass::mid_num) && next == AsciiClass::digit) {
          letters_only = false;
          j += 2;
          continue;
        }
      }
      break;
    }
    spans.push_back({static_cast<int32_t>(i), static_cast<int32_t>(j), letters_only});
    i = j;
  }
  return spans;
}

// Plain ASCII without '_' (WB13), lower-cased into `lower`; false (lower unspecified) for any other
// text. Eight bytes at a time (SWAR): this sees every byte of every passage, and the byte loops
// it replaced (check, then lower-case) were 2.4% of a build's instructions.
bool lower_plain_ascii(std::string_view text, std::string& lower) {
  constexpr uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
  lower.resize(text.size());
  size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    uint64_t x;
    std::memcpy(&x, text.data() + i, 8);
    if (x & kHigh) return false;
    const uint64_t underscore = x ^ (kOnes * '_');  // a zero byte where x has '_'
    if ((underscore - kOnes) & ~underscore & kHigh) return false;
    // Bytes are < 0x80, so these sums stay within their byte: bit 7 is set from 'A' and from 'Z'+1.
    const uint64_t upper = ((x + kOnes * (0x80 - 'A')) ^ (x + kOnes * (0x80 - 'Z' - 1))) & kHigh;
    x |= upper >> 2;  // 0x80 >> 2 = 0x20: 'A' -> 'a'
    std::memcpy(lower.data() + i, &x, 8);
  }
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (static_cast<unsigned char>(c) >= 0x80 || c == '_') return false;
    lower[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  }
  return true;
}

bool map_to_ascii(std::string_view text, MappedAscii& out) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t n = static_cast<int32_t>(text.size());
  out.lower.reserve(text.size());
  out.source.reserve(text.size());
  for (int32_t i = 0; i < n;) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    char mapped;
    if (c >= 0 && c < 0x80 && c != '_') mapped = static_cast<char>((c >= 'A' && c <= 'Z') ? c + 32 : c);
    else if (is_dash(c)) mapped = '-';
    else if (is_apostrophe(c)) mapped = '\'';
    else return false;
    out.lower.push_back(mapped);
    out.source.emplace_back(static_cast<size_t>(start), static_cast<size_t>(i));
  }
  return true;
}


}  // namespace pep
