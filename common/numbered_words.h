// NumberedWords: a text's words as form ids of a FormTable (form_table.h), the plain value the
// MonographParser hands to the taggers and the IndexWriter in ParsedDocument (monograph.h).
// Layout: `ids` holds each word's form id followed by its parts' ids ("IM-862": im862, im, 862);
// parts[w] is how many parts word w has (0 for a simple word). The ids mean something only beside
// the FormTable that made them. No errors, no state beyond the value; thread-safe as any value.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace pep {

using FormIds = std::vector<uint32_t>;

struct NumberedWords {
  FormIds ids;
  std::vector<uint32_t> parts;
  size_t words() const { return parts.size(); }
  // Calls visit(w, form_id, part_ids) for each word w in order; part_ids is empty for a simple word.
  template <class Visit>
  void for_each_word(Visit visit) const {
    for (size_t w = 0, k = 0; w < parts.size(); k += 1 + parts[w], ++w)
      visit(w, ids[k], std::span<const uint32_t>(ids.data() + k + 1, parts[w]));
  }
};

}  // namespace pep
