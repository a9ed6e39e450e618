#include "facet_labels.h"

#include "ascii_case.h"
#include "index_schema.h"

namespace pep {

FacetLabels::FacetLabels(const Vocabulary& vocab, const FacetColumn& column) {
  for (const auto& f : schema::kFacets) labels_[std::string(f.name)];
  const std::pair<const char*, const std::vector<Concept>*> named[] = {
      {"compound", &vocab.compounds}, {"indication", &vocab.indications}, {"evidence", &vocab.evidence}};
  for (const auto& [facet, concepts] : named)
    for (const auto& c : *concepts) labels_[facet][c.slug] = c.name.empty() ? c.slug : c.name;
  for (const auto& c : vocab.indications)
    if (!c.parent.empty()) indication_parents_[c.slug] = c.parent;
  for (const auto& g : vocab.grade_scale) labels_["grade"][g.grade] = ascii_upper(g.grade);
  for (const auto& v : column.values()) {
    auto facet = labels_.find(v.facet);
    if (facet == labels_.end()) continue;  // not a facet of this schema: never requested, never counted
    facet->second.emplace(v.value, v.facet == "grade" ? ascii_upper(v.value) : v.value);
  }
}

bool FacetLabels::knows(const std::string& facet, const std::string& value) const {
  auto it = labels_.find(facet);
  return it != labels_.end() && it->second.count(value) > 0;
}

std::vector<std::string> FacetLabels::valid(const std::string& facet) const {
  std::vector<std::string> out;
  if (auto it = labels_.find(facet); it != labels_.end())
    for (const auto& [value, label] : it->second) out.push_back(value);
  return out;
}

std::string FacetLabels::label(const std::string& facet, const std::string& value) const {
  if (auto it = labels_.find(facet); it != labels_.end())
    if (auto v = it->second.find(value); v != it->second.end()) return v->second;
  return value;
}

std::string FacetLabels::parent(const std::string& facet, const std::string& value) const {
  if (facet != "indication") return "";
  auto it = indication_parents_.find(value);
  return it == indication_parents_.end() ? "" : it->second;
}

}  // namespace pep
