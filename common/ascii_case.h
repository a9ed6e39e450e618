// ASCII case folding for names that are ASCII by definition or compared as such: vocabulary
// entries, headings matched against word lists, HTML tag and charset names, facet slugs. Bytes
// outside A-Z pass unchanged (UTF-8 included); text that needs Unicode folding goes through
// TextAnalyzer instead. Pure functions, thread-safe.
#pragma once

#include <string>

namespace pep {

inline std::string ascii_lower(std::string s) {
  for (auto& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

// A grade letter or slug for display ("b" -> "B").
inline std::string ascii_upper(std::string s) {
  for (auto& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}

}  // namespace pep
