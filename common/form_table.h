// FormTable: numbers the distinct word forms one indexing worker meets and keeps, per form, what
// the later steps need of it: its stem and the stem's hash. A word is looked up here once, when
// MonographParser has analysed a passage; the taggers and the IndexWriter then read by number.
// (Before, the concept matchers' stems and the writer's terms each cost a hash lookup per word:
// ~15% of a build's wall time.)
//
// Contract:
//  - id(form) is dense from 0 in order of first sight and stable for the table's lifetime.
//  - ids(words) numbers a passage's words in order: each word's form, then each of its parts'.
//  - info(id) references stay valid while the table grows.
// Grows with the corpus' vocabulary (as the form dictionary of the index does). Not thread-safe:
// one per worker, beside its TextAnalyzer.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "text_analyzer.h"

namespace pep {

struct FormInfo {
  std::string form;
  std::string stem;      // TextAnalyzer::stem(form)
  size_t stem_hash = 0;  // std::hash of stem
};

// The form ids of one passage's words, laid out as FormTable::ids() says.
using FormIds = std::vector<uint32_t>;

class FormTable {
 public:
  explicit FormTable(const TextAnalyzer& analyzer);
  ~FormTable();
  FormTable(const FormTable&) = delete;
  FormTable& operator=(const FormTable&) = delete;

  uint32_t id(const std::string& form);
  FormIds ids(const std::vector<Word>& words);
  const FormInfo& info(uint32_t id) const { return forms_[id]; }
  size_t size() const { return forms_.size(); }

 private:
  const TextAnalyzer& analyzer_;
  std::deque<FormInfo> forms_;  // a deque: elements never move
  struct Lookup;  // form -> id, in form_table.cpp
  std::unique_ptr<Lookup> lookup_;
};

}  // namespace pep
