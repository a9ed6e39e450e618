// FacetColumn: the facet values of every passage of one index, read once when the index is
// opened (from schema::kFacetsSlot) and kept in memory as small integer ids, so that counting
// facets over a match set costs an array walk per match instead of a value fetch and a parse.
//
// Contract:
//  - FacetColumn(db) reads every document's facet slot; memory is a few bytes per passage.
//  - Counter counts the facet values of the docids it is given; counts(facet) lists that facet's
//    values with their counts, most frequent first, then by value; values never seen are left out.
//  - Filter answers, without Xapian, whether a passage passes facet filters the way the API
//    applies them: in every filtered facet, one of the chosen values.
// Read-only after construction; one Counter per search.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "search_types.h"

namespace pep {

class FacetColumn {
 public:
  explicit FacetColumn(const Xapian::Database& db);

  struct Value {
    std::string facet, value;
  };
  // Every facet value some passage of the index has, once each, in order of first appearance.
  const std::vector<Value>& values() const { return values_; }
  // The values of one facet ("compound"), in the same order.
  std::vector<std::string> values_of(std::string_view facet) const;

  class Counter {
   public:
    explicit Counter(const FacetColumn& column) : column_(column), counts_(column.values_.size(), 0) {}
    void add(Xapian::docid did) {
      if (did + 1 >= column_.begin_.size()) return;
      for (uint32_t k = column_.begin_[did]; k < column_.begin_[did + 1]; ++k) ++counts_[column_.ids_[k]];
    }
    std::vector<FacetCount> counts(const std::string& facet) const;
    // Adds `part`'s counts (a counter of the same column) times `scale`, each rounded: how a
    // sample's counts stand in for the part of the match set it was drawn from.
    void add_scaled(const Counter& part, double scale);
    const FacetColumn& column() const { return column_; }

   private:
    const FacetColumn& column_;
    std::vector<uint32_t> counts_;
  };

  class Filter {
   public:
    bool accepts(Xapian::docid did) const;

   private:
    friend class FacetColumn;
    const FacetColumn* column_ = nullptr;
    std::vector<std::vector<uint32_t>> any_of_;  // per filtered facet: the chosen values' ids
  };
  // The filter of `filters` (facet -> chosen values) leaving out facet `except` ("" for none).
  Filter filter(const std::map<std::string, std::vector<std::string>>& filters, const std::string& except) const;

 private:
  std::vector<Value> values_;   // id -> (facet, value)
  std::vector<uint32_t> begin_;  // docid -> first index into ids_; begin_[did + 1] ends it
  std::vector<uint32_t> ids_;
};

// Feeds every document of a Xapian match set to a FacetColumn counter (by docid only: no value
// fetch), for the query shapes count_term_union leaves to Xapian's matcher.
class FacetSpy : public Xapian::MatchSpy {
 public:
  explicit FacetSpy(FacetColumn::Counter& counter) : counter_(counter) {}
  void operator()(const Xapian::Document& doc, double) override {
    counter_.add(doc.get_docid());
    ++seen_;
  }
  // How many documents the matcher showed it.
  Xapian::doccount seen() const { return seen_; }

 private:
  FacetColumn::Counter& counter_;
  Xapian::doccount seen_ = 0;
};

}  // namespace pep
