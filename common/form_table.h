// FormTable: numbers the distinct word forms one indexing worker meets and keeps, per form, what
// the later steps need of it: its stem and the stem's hash. A passage's words are numbered here
// once, as MonographParser analyses it; the taggers and the IndexWriter then read by number.
// (Before, the concept matchers' stems and the writer's terms each cost a hash lookup per word:
// ~15% of a build's wall time.)
//
// Contract:
//  - id(form) is dense from 0 in order of first sight and stable for the table's lifetime.
//  - number(text) numbers the words TextAnalyzer::analyze(text) finds, in order: each word's
//    form, then each of its parts' (NumberedWords).
//  - info(id) references stay valid while the table grows.
// Grows with the corpus' vocabulary (as the form dictionary of the index does). Not thread-safe:
// one per worker, beside its TextAnalyzer.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "numbered_words.h"
#include "text_analyzer.h"

namespace pep {

struct FormInfo {
  std::string form;
  std::string stem;  // TextAnalyzer::stem(form)
};

class FormTable {
 public:
  explicit FormTable(const TextAnalyzer& analyzer);
  ~FormTable();
  FormTable(const FormTable&) = delete;
  FormTable& operator=(const FormTable&) = delete;

  uint32_t id(std::string_view form);
  NumberedWords number(std::string_view text);
  const FormInfo& info(uint32_t id) const { return chunks_[id >> kChunkBits][id & (kChunkSize - 1)]; }
  // std::hash of info(id).stem. Kept apart from FormInfo, 8 bytes a form, because the concept
  // matchers read it at every word of every passage, and a FormInfo (two strings) was a cache
  // miss each time; the stem itself is read only where a name may start.
  size_t stem_hash(uint32_t id) const { return stem_hashes_[id]; }
  size_t size() const { return stem_hashes_.size(); }

 private:
  const TextAnalyzer& analyzer_;
  // Forms in chunks of 4,096 that never move (info() references stay valid). Not a std::deque:
  // libstdc++'s holds 7 of these per block, so every info() divided and chased a scattered block.
  static constexpr uint32_t kChunkBits = 12, kChunkSize = uint32_t{1} << kChunkBits;
  std::vector<std::unique_ptr<FormInfo[]>> chunks_;
  std::vector<size_t> stem_hashes_;  // by id: one per form, so also the table's size
  struct Lookup;  // form -> id, in form_table.cpp
  std::unique_ptr<Lookup> lookup_;
};

}  // namespace pep
