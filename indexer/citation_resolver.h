// CitationResolver: finds inline citation markers in a passage, resolves them against the
// document's reference list, and removes numeric markers from the text so "1415" in
// "CAS 122933-59-9.1415" is not a search term.
//
// Markers understood:
//   [8]  [8][9]  [2, 3]  [4-6]           bracketed numbers
//   worse (Grade A negative).1  trials.3  disease.1415  negligible,4  (Grade B)3
//                                        digits glued after punctuation; a run of digits is
//                                        split into increasing reference numbers <= list size
//   Renga 2020   Yang et al. (2013)      author-year, when an entry has that author and year
// Author-year mentions stay in the text (a reader searches for "Renga"); bracketed markers
// that point past the list are removed and reported as unresolved; glued digits are only
// treated as markers when the document has a reference list to check them against.
#pragma once

#include <string>
#include <vector>

#include "monograph.h"

namespace pep {

struct ResolvedCitations {
  std::string text;                 // text with numeric markers removed
  std::vector<int> citations;       // sorted, unique reference numbers
  std::vector<std::string> unresolved;  // markers that point at no entry
};

class CitationResolver {
 public:
  explicit CitationResolver(const std::vector<Reference>& references);
  ResolvedCitations resolve(const std::string& text) const;

  // "1415" -> {14, 15} for a list of 17 entries; empty when no split fits.
  static std::vector<int> split_glued_numbers(const std::string& digits, int list_size);

 private:
  const std::vector<Reference>& references_;
  int list_size_ = 0;
};

}  // namespace pep
