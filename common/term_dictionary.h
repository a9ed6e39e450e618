// TermDictionary: every word form in an index with how often it occurs, kept in the database
// metadata (schema::kMetaForms). The index matches and ranks on stems (index_schema.h), so this
// is what completes a prefix ("lowerin" -> "lowering"), corrects a misspelling and suggests words.
//
// Contract:
//  - encode(counts) gives "form\tcount\n" lines sorted by form; the constructor reads them back
//    (a malformed line is skipped, never thrown on).
//  - merge(encodings) gives one encoding with the counts of equal forms summed (merging shards).
//  - contains(form) is exact; with_prefix(p) is every entry whose form starts with p, by form.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pep {

class TermDictionary {
 public:
  struct Entry {
    std::string form;
    uint64_t count = 0;
  };

  TermDictionary() = default;
  explicit TermDictionary(std::string_view encoded);

  // `counts`: (form, count) pairs in any order, forms distinct.
  static std::string encode(std::vector<std::pair<std::string_view, uint64_t>> counts);
  static std::string merge(const std::vector<std::string>& encodings);

  bool contains(std::string_view form) const;
  std::span<const Entry> with_prefix(std::string_view prefix) const;
  size_t size() const { return entries_.size(); }

 private:
  std::vector<Entry> entries_;  // sorted by form, forms unique
};

}  // namespace pep
