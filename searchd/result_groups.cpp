#include "result_groups.h"

#include <unordered_map>

#include "index_location.h"
#include "index_schema.h"

namespace pep {
namespace {

// Counts the matching passages of each source.
class SourceCounter : public Xapian::MatchSpy {
 public:
  void operator()(const Xapian::Document& doc, double) override { ++counts[doc.get_value(schema::kSourceSlot)]; }
  std::unordered_map<std::string, size_t> counts;
};

// Only the passages of `sources`: an OR of one-value ranges on the source slot.
Xapian::Query of_sources(const Xapian::Query& q, const std::vector<SourceGroup>& sources) {
  std::vector<Xapian::Query> any;
  for (const auto& g : sources) any.emplace_back(Xapian::Query::OP_VALUE_RANGE, schema::kSourceSlot, g.source_id, g.source_id);
  return Xapian::Query(Xapian::Query::OP_FILTER, q, Xapian::Query(Xapian::Query::OP_OR, any.begin(), any.end()));
}

// Fills each group's `more` with its next best passages: one run over the page's sources,
// collapsed to sub_limit + 1 passages per source (the best one is among them).
void add_more(const GroupQuery& query, std::vector<SourceGroup>& groups, int sub_limit) {
  if (groups.empty() || sub_limit <= 0) return;
  const auto keep = static_cast<Xapian::doccount>(sub_limit + 1);
  Xapian::Enquire enquire(query.db);
  enquire.set_weighting_scheme(query.weighting);
  enquire.set_query(of_sources(query.ranked, groups));
  enquire.set_collapse_key(schema::kSourceSlot, keep);
  const Xapian::MSet mset = enquire.get_mset(0, keep * static_cast<Xapian::doccount>(groups.size()));
  std::unordered_map<std::string, SourceGroup*> by_source;
  for (auto& g : groups) by_source[g.source_id] = &g;
  for (auto m = mset.begin(); m != mset.end(); ++m) {
    auto it = by_source.find(m.get_collapse_key());
    if (it == by_source.end()) continue;
    SourceGroup& g = *it->second;
    if (*m != g.best.docid && g.more.size() < static_cast<size_t>(sub_limit)) g.more.push_back({*m, m.get_weight()});
  }
}

}  // namespace

GroupedPage group_by_source(const GroupQuery& query, int page, int per_page, int sub_limit) {
  const Xapian::doccount all = query.db.get_doccount();
  if (all > 0 && query.db.get_value_freq(schema::kSourceSlot) == 0)
    throw IndexError("this index has no source ids to group results by (built by an older pepindex); rebuild it with pepindex build");

  GroupedPage out;
  SourceCounter counter;
  Xapian::Enquire count_all(query.db);
  count_all.set_weighting_scheme(Xapian::BoolWeight());
  count_all.set_query(query.matching);
  count_all.add_matchspy(&counter);
  out.total_passages = count_all.get_mset(0, 0, all).get_matches_estimated();
  out.total_groups = counter.counts.size();

  Xapian::Enquire enquire(query.db);
  enquire.set_weighting_scheme(query.weighting);
  enquire.set_query(query.ranked);
  enquire.set_collapse_key(schema::kSourceSlot, 1);
  const Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>((page - 1) * per_page),
                                             static_cast<Xapian::doccount>(per_page));
  for (auto m = mset.begin(); m != mset.end(); ++m) {
    SourceGroup g;
    g.source_id = m.get_collapse_key();
    g.best = {*m, m.get_weight()};
    const auto it = counter.counts.find(g.source_id);
    g.matches = it == counter.counts.end() ? 1 : it->second;
    out.groups.push_back(std::move(g));
  }
  add_more(query, out.groups, sub_limit);
  return out;
}

}  // namespace pep
