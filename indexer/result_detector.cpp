#include "result_detector.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace pep {
namespace {

// std::isalnum and std::tolower of the "C" locale, inlined: they are asked about every byte of
// every passage, and the library calls were a visible share of a build.
constexpr bool digit(char c) { return c >= '0' && c <= '9'; }
constexpr bool letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
constexpr bool alnum(char c) { return digit(c) || letter(c); }
constexpr char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool starts_with_ci(std::string_view s, size_t at, std::string_view word) {
  if (at + word.size() > s.size()) return false;
  for (size_t i = 0; i < word.size(); ++i)
    if (lower(s[at + i]) != word[i]) return false;
  return true;
}

// What the scan stops at: a digit (a number may start), or a letter a cue starts with when it
// starts a word. kRoles gives a byte's roles; kAfter gives, from the byte before, which roles
// may stop the scan (a cue letter only after a byte that is not a letter or digit).
enum ByteRole : unsigned char { kPlain = 0, kDigit = 1, kCueLetter = 2 };
constexpr auto kRoles = [] {
  std::array<unsigned char, 256> t{};
  for (int c = '0'; c <= '9'; ++c) t[static_cast<size_t>(c)] = kDigit;
  for (unsigned char c : {'P', 'n', 'v', 'V', 'h', 'H', 'o', 'O', 'r', 'R', 'G'}) t[c] = kCueLetter;
  return t;
}();
constexpr auto kAfter = [] {
  std::array<unsigned char, 256> t{};
  for (int c = 0; c < 256; ++c) t[static_cast<size_t>(c)] = alnum(static_cast<char>(c)) ? kDigit : kDigit | kCueLetter;
  return t;
}();

}  // namespace

// A hand-written scan rather than std::regex: this runs on every passage of every build, and
// libstdc++'s regex engine was the largest cost of indexing (see docs/benchmark.md).
// Two table lookups per byte and no branch on the byte's class: cue letters (n, o, r, h) are a
// quarter of English letters, but only at the start of a word do they matter, and testing them
// one by one cost more than the rest of the scan ("IL6": a digit inside a word still stops it).
double result_strength(const Passage& p, const std::vector<std::string>& units) {
  const std::string_view t = p.text;
  int signals = 0;
  unsigned char may_stop = kDigit | kCueLetter;  // the text's start is a word start
  for (size_t i = 0; i < t.size();) {
    const unsigned char c = static_cast<unsigned char>(t[i]);
    const unsigned char role = kRoles[c] & may_stop;
    may_stop = kAfter[c];
    if (role == kPlain) {
      ++i;
      continue;
    }
    if (role == kDigit) {  // never preceded by a digit: a number's run is taken whole
      size_t j = i;
      while (j < t.size() && (digit(t[j]) || t[j] == '.' || t[j] == ',')) ++j;
      may_stop = kAfter[static_cast<unsigned char>(t[j - 1])];
      size_t k = j;
      while (k < t.size() && t[k] == ' ') ++k;
      if (k < t.size() && t[k] == '%') ++signals;                      // 40.6%
      else
        for (const auto& u : units)
          if (starts_with_ci(t, k, u)) {
            ++signals;                                                  // 20 mg, 202 patients
            break;
          }
      i = j;
      continue;
    }
    const size_t w = i++;  // a cue letter starting a word
    // Each cue starts with its own letter, so one switch replaces five comparisons per word.
    switch (t[w]) {
      case 'P':
      case 'n': {  // P = 0.02, P<0.05, n=25
        if (w + 1 >= t.size()) break;
        size_t k = w + 1;
        while (k < t.size() && t[k] == ' ') ++k;
        if (k < t.size() && (t[k] == '=' || t[k] == '<')) {
          ++k;
          while (k < t.size() && t[k] == ' ') ++k;
          if (k < t.size() && (digit(t[k]) || t[k] == '.')) ++signals;
        }
        break;
      }
      case 'v':
      case 'V':
        if (starts_with_ci(t, w, "vs") && w + 3 < t.size()) {
          size_t k = w + 2;
          if (t[k] == '.') ++k;
          while (k < t.size() && t[k] == ' ') ++k;
          if (k < t.size() && digit(t[k])) ++signals;  // 23% vs 21%
        }
        break;
      case 'h':
      case 'H':
      case 'o':
      case 'O':
      case 'r':
      case 'R':
        if (starts_with_ci(t, w, "hazard ratio") || starts_with_ci(t, w, "odds ratio") || starts_with_ci(t, w, "risk ratio"))
          ++signals;
        break;
      case 'G':  // an explicit evidence grade
        if (t.compare(w, 6, "Grade ") == 0 && w + 6 < t.size() && t[w + 6] >= 'A' && t[w + 6] <= 'D') ++signals;
        break;
      default:
        break;
    }
  }
  return std::min(1.0, signals / 4.0);
}

}  // namespace pep
