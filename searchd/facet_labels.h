// FacetLabels: for each facet, the values a request may filter on and the display label a facet
// count carries. Known values are the slugs of the index's vocabulary (compounds.tsv,
// indications.tsv, evidence.tsv; the grades grade_scale.tsv maps to) and every value a passage of
// the index has (FacetColumn), so nothing the index holds is refused. A label is the
// vocabulary's display name ("KPV", "HIV/AIDS"); a grade's is its letter in upper case ("A");
// a value the vocabulary does not name is its own label. An indication also has its parent.
// Built once per opened index (QueryEngine), read-only after: safe to share between readers.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "facet_column.h"
#include "vocabulary.h"

namespace pep {

class FacetLabels {
 public:
  FacetLabels(const Vocabulary& vocab, const FacetColumn& column);

  bool knows(const std::string& facet, const std::string& value) const;
  // The facet's known values, sorted; empty for a facet schema::kFacets does not list.
  std::vector<std::string> valid(const std::string& facet) const;
  std::string label(const std::string& facet, const std::string& value) const;
  // The value's parent in the vocabulary's tree (indications.tsv), "" at the top or for none.
  std::string parent(const std::string& facet, const std::string& value) const;

 private:
  std::map<std::string, std::map<std::string, std::string>, std::less<>> labels_;  // facet -> value -> label
  std::map<std::string, std::string, std::less<>> indication_parents_;             // value -> parent slug
};

}  // namespace pep
