#include "result_detector.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace pep {
namespace {

// std::isalnum and std::tolower of the "C" locale, inlined: they are asked about every byte of
// every passage, and the library calls were a visible share of a build.
bool digit(char c) { return c >= '0' && c <= '9'; }
bool alnum(char c) { return digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool starts_with_ci(std::string_view s, size_t at, std::string_view word) {
  if (at + word.size() > s.size()) return false;
  for (size_t i = 0; i < word.size(); ++i)
    if (lower(s[at + i]) != word[i]) return false;
  return true;
}

// Units and nouns that make a bare number a reported figure ("20 mg", "24 weeks", "202 patients").
constexpr std::array<std::string_view, 12> kUnits{"mg", "µg", "mcg", "pg/ml", "ng/ml", "weeks", "days", "months",
                                                  "patients", "subjects", "participants", "years"};

}  // namespace

// A hand-written scan rather than std::regex: this runs on every passage of every build, and
// libstdc++'s regex engine was the largest cost of indexing (see docs/benchmark.md).
double result_strength(const Passage& p) {
  const std::string_view t = p.text;
  int signals = 0;
  for (size_t i = 0; i < t.size(); ++i) {
    const bool word_start = i == 0 || !alnum(t[i - 1]);
    if (digit(t[i]) && (i == 0 || !digit(t[i - 1]))) {
      size_t j = i;
      while (j < t.size() && (digit(t[j]) || t[j] == '.' || t[j] == ',')) ++j;
      size_t k = j;
      while (k < t.size() && t[k] == ' ') ++k;
      if (k < t.size() && t[k] == '%') ++signals;                      // 40.6%
      else
        for (auto u : kUnits)
          if (starts_with_ci(t, k, u)) {
            ++signals;                                                  // 20 mg, 202 patients
            break;
          }
      i = j - 1;
      continue;
    }
    if (!word_start) continue;
    // Each cue starts with its own letter, so one switch replaces five comparisons per word.
    switch (t[i]) {
      case 'P':
      case 'n': {  // P = 0.02, P<0.05, n=25
        if (i + 1 >= t.size()) break;
        size_t k = i + 1;
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
        if (starts_with_ci(t, i, "vs") && i + 3 < t.size()) {
          size_t k = i + 2;
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
        if (starts_with_ci(t, i, "hazard ratio") || starts_with_ci(t, i, "odds ratio") || starts_with_ci(t, i, "risk ratio"))
          ++signals;
        break;
      case 'G':  // an explicit evidence grade
        if (t.compare(i, 6, "Grade ") == 0 && i + 6 < t.size() && t[i + 6] >= 'A' && t[i + 6] <= 'D') ++signals;
        break;
      default:
        break;
    }
  }
  return std::min(1.0, signals / 4.0);
}

}  // namespace pep
