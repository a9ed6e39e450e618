#include "facet_column.h"

#include <algorithm>
#include <cmath>
#include <string_view>
#include <unordered_map>

#include "index_schema.h"

namespace pep {

FacetColumn::FacetColumn(const Xapian::Database& db) {
  const Xapian::docid last = db.get_lastdocid();
  begin_.assign(static_cast<size_t>(last) + 2, 0);
  std::unordered_map<std::string, uint32_t> id_of;  // "facet=value" -> id
  std::vector<std::pair<Xapian::docid, uint32_t>> pairs;
  for (auto v = db.valuestream_begin(schema::kFacetsSlot); v != db.valuestream_end(schema::kFacetsSlot); ++v) {
    const std::string s = *v;
    size_t start = 0;
    while (start < s.size()) {
      size_t end = s.find(schema::kValueSeparator, start);
      if (end == std::string::npos) end = s.size();
      const std::string item = s.substr(start, end - start);
      const size_t eq = item.find('=');
      if (eq != std::string::npos) {
        auto [it, fresh] = id_of.emplace(item, static_cast<uint32_t>(values_.size()));
        if (fresh) values_.push_back({item.substr(0, eq), item.substr(eq + 1)});
        pairs.emplace_back(v.get_docid(), it->second);
      }
      start = end + 1;
    }
  }
  // The value stream is in docid order, so pairs are grouped by docid already.
  ids_.reserve(pairs.size());
  size_t k = 0;
  for (Xapian::docid did = 0; did <= last; ++did) {
    begin_[did] = static_cast<uint32_t>(ids_.size());
    for (; k < pairs.size() && pairs[k].first == did; ++k) ids_.push_back(pairs[k].second);
  }
  begin_[static_cast<size_t>(last) + 1] = static_cast<uint32_t>(ids_.size());
}

FacetColumn::Filter FacetColumn::filter(const std::map<std::string, std::vector<std::string>>& filters,
                                       const std::string& except) const {
  Filter f;
  f.column_ = this;
  for (const auto& [facet, chosen] : filters) {
    if (facet == except || chosen.empty()) continue;
    std::vector<uint32_t> ids;  // stays empty when no passage has any chosen value: nothing passes
    for (uint32_t id = 0; id < values_.size(); ++id)
      if (values_[id].facet == facet && std::find(chosen.begin(), chosen.end(), values_[id].value) != chosen.end()) ids.push_back(id);
    f.any_of_.push_back(std::move(ids));
  }
  return f;
}

bool FacetColumn::Filter::accepts(Xapian::docid did) const {
  const auto& begin = column_->begin_;
  const auto& ids = column_->ids_;
  if (any_of_.empty()) return true;
  if (did + 1 >= begin.size()) return false;
  for (const auto& any : any_of_) {
    bool found = false;
    for (uint32_t k = begin[did]; k < begin[did + 1] && !found; ++k)
      found = std::find(any.begin(), any.end(), ids[k]) != any.end();
    if (!found) return false;
  }
  return true;
}

std::vector<FacetCount> FacetColumn::Counter::counts(const std::string& facet) const {
  std::vector<FacetCount> out;
  for (size_t id = 0; id < counts_.size(); ++id)
    if (counts_[id] > 0 && column_.values_[id].facet == facet) out.push_back({column_.values_[id].value, counts_[id], "", ""});
  std::sort(out.begin(), out.end(), [](const FacetCount& a, const FacetCount& b) {
    return a.count != b.count ? a.count > b.count : a.value < b.value;
  });
  return out;
}

void FacetColumn::Counter::add_scaled(const Counter& part, double scale) {
  for (size_t id = 0; id < counts_.size() && id < part.counts_.size(); ++id)
    counts_[id] += static_cast<uint32_t>(std::llround(part.counts_[id] * scale));
}

std::vector<std::string> FacetColumn::values_of(std::string_view facet) const {
  std::vector<std::string> out;
  for (const auto& v : values_)
    if (v.facet == facet) out.push_back(v.value);
  return out;
}

}  // namespace pep
