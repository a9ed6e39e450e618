#include "result_groups.h"

#include <algorithm>
#include <unordered_map>

#include "index_schema.h"

namespace pep {
namespace {

// Counts the matching passages of each source, and keeps the docids of the sources in `keep`.
class SourceCounter : public Xapian::MatchSpy {
 public:
  explicit SourceCounter(std::unordered_map<std::string, std::vector<Xapian::docid>>& keep) : keep_(keep) {}
  void operator()(const Xapian::Document& doc, double) override {
    const std::string source = doc.get_value(schema::kSourceSlot);
    ++counts[source];
    if (auto it = keep_.find(source); it != keep_.end()) it->second.push_back(doc.get_docid());
  }
  std::unordered_map<std::string, size_t> counts;

 private:
  std::unordered_map<std::string, std::vector<Xapian::docid>>& keep_;
};

// Matches exactly the given docids (ascending): lets a query run over a known set of passages
// with skip_to, where a filter on the source value would read every passage's value.
class DocidSet : public Xapian::PostingSource {
 public:
  explicit DocidSet(std::vector<Xapian::docid> ids) : ids_(std::move(ids)) {}
  PostingSource* clone() const override { return new DocidSet(ids_); }
  void init(const Xapian::Database&) override { at_ = kBefore; }
  Xapian::doccount get_termfreq_min() const override { return static_cast<Xapian::doccount>(ids_.size()); }
  Xapian::doccount get_termfreq_est() const override { return static_cast<Xapian::doccount>(ids_.size()); }
  Xapian::doccount get_termfreq_max() const override { return static_cast<Xapian::doccount>(ids_.size()); }
  void next(double) override { at_ = at_ == kBefore ? 0 : at_ + 1; }
  void skip_to(Xapian::docid did, double) override {
    const size_t from = at_ == kBefore ? 0 : at_;
    at_ = static_cast<size_t>(std::lower_bound(ids_.begin() + static_cast<std::ptrdiff_t>(from), ids_.end(), did) - ids_.begin());
  }
  bool at_end() const override { return at_ != kBefore && at_ >= ids_.size(); }
  Xapian::docid get_docid() const override { return ids_[at_]; }
  std::string get_description() const override { return "DocidSet(" + std::to_string(ids_.size()) + ")"; }

 private:
  static constexpr size_t kBefore = static_cast<size_t>(-1);
  std::vector<Xapian::docid> ids_;
  size_t at_ = kBefore;
};

// The page of groups: the ranked matches collapsed to one passage, the best, per source.
std::vector<SourceGroup> page_of_groups(const GroupQuery& query, int page, int per_page) {
  Xapian::Enquire enquire(query.db);
  enquire.set_weighting_scheme(query.weighting);
  enquire.set_query(query.ranked);
  enquire.set_collapse_key(schema::kSourceSlot, 1);
  const Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>((page - 1) * per_page),
                                             static_cast<Xapian::doccount>(per_page));
  std::vector<SourceGroup> groups;
  for (auto m = mset.begin(); m != mset.end(); ++m) {
    SourceGroup g;
    g.source_id = m.get_collapse_key();
    g.best = {*m, m.get_weight()};
    groups.push_back(std::move(g));
  }
  return groups;
}

// Fills each group's `more` with its next best passages: one ranked run over the page's
// sources' matching passages, collapsed to sub_limit + 1 per source (the best one among them).
void add_more(const GroupQuery& query, std::vector<SourceGroup>& groups, std::vector<Xapian::docid> passages, int sub_limit) {
  if (groups.empty() || sub_limit <= 0) return;
  std::sort(passages.begin(), passages.end());
  const auto keep = static_cast<Xapian::doccount>(sub_limit + 1);
  Xapian::Enquire enquire(query.db);
  enquire.set_weighting_scheme(query.weighting);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query.ranked, Xapian::Query((new DocidSet(std::move(passages)))->release())));
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
  GroupedPage out;
  out.groups = page_of_groups(query, page, per_page);

  // Every match, unranked: the passages of each source, and the page's sources' docids.
  std::unordered_map<std::string, std::vector<Xapian::docid>> page_passages;
  for (const auto& g : out.groups) page_passages[g.source_id];
  SourceCounter counter(page_passages);
  Xapian::Enquire count_all(query.db);
  count_all.set_weighting_scheme(Xapian::BoolWeight());
  count_all.set_query(query.matching);
  count_all.add_matchspy(&counter);
  out.total_passages = count_all.get_mset(0, 0, all).get_matches_estimated();
  out.total_groups = counter.counts.size();

  std::vector<Xapian::docid> passages;
  for (auto& g : out.groups) {
    const auto it = counter.counts.find(g.source_id);
    g.matches = it == counter.counts.end() ? 1 : it->second;
    const auto& ids = page_passages[g.source_id];
    passages.insert(passages.end(), ids.begin(), ids.end());
  }
  add_more(query, out.groups, std::move(passages), sub_limit);
  return out;
}

}  // namespace pep
