#include "relevance_report.h"

#include <cstdio>

namespace pep::bench {
namespace {

std::string rank_text(int rank) { return rank > 0 ? std::to_string(rank) : "-"; }

// Pads to `width` display columns; counts UTF-8 code points, not bytes, so "α" lines up.
std::string pad(const std::string& s, size_t width) {
  size_t cols = 0;
  for (unsigned char c : s) cols += (c & 0xC0) != 0x80;
  return cols >= width ? s : s + std::string(width - cols, ' ');
}

nlohmann::json metrics_json(const Metrics& m) {
  return {{"mrr_at_10", m.mrr_at_10}, {"success_at_1", m.success_at_1}, {"success_at_3", m.success_at_3}, {"queries", m.queries}};
}

nlohmann::json outcome_json(const QueryOutcome& q) {
  return {{"id", q.id},
          {"query", q.query},
          {"filters", q.filters},
          {"pepsearch_rank", q.pepsearch_rank ? nlohmann::json(q.pepsearch_rank) : nlohmann::json()},
          {"fts5_rank", q.fts5_rank ? nlohmann::json(q.fts5_rank) : nlohmann::json()}};
}

void print_ranks(std::ostream& out, const std::vector<QueryOutcome>& queries) {
  size_t width = 5;
  for (const auto& q : queries) width = std::max(width, q.query.size() + (q.filters == "-" ? 0 : q.filters.size() + 3));
  width = std::min<size_t>(width, 60);
  out << pad("id", 6) << pad("query", width + 2) << pad("pepsearch", 11) << "fts5\n";
  for (const auto& q : queries) {
    const std::string shown = q.query + (q.filters == "-" ? "" : " [" + q.filters + "]");
    out << pad(q.id, 6) << pad(shown, width + 2) << pad(rank_text(q.pepsearch_rank), 11) << rank_text(q.fts5_rank) << "\n";
  }
}

void print_metrics(std::ostream& out, const Metrics& pep, const Metrics& fts) {
  char line[200];
  std::snprintf(line, sizeof line, "\n%-12s %9s %10s %10s\n%-12s %9.3f %10.3f %10.3f\n%-12s %9.3f %10.3f %10.3f\n", "", "MRR@10",
                "Success@1", "Success@3", "pepsearch", pep.mrr_at_10, pep.success_at_1, pep.success_at_3, "fts5", fts.mrr_at_10,
                fts.success_at_1, fts.success_at_3);
  out << line;
}

void ranks_of(const std::vector<QueryOutcome>& queries, Metrics& pep, Metrics& fts) {
  std::vector<int> p, f;
  for (const auto& q : queries) {
    p.push_back(q.pepsearch_rank);
    f.push_back(q.fts5_rank);
  }
  pep = summarize(p);
  fts = summarize(f);
}

}  // namespace

int first_relevant_rank(const std::vector<bool>& relevant, int cutoff) {
  for (size_t i = 0; i < relevant.size() && static_cast<int>(i) < cutoff; ++i)
    if (relevant[i]) return static_cast<int>(i) + 1;
  return 0;
}

Metrics summarize(const std::vector<int>& ranks) {
  Metrics m;
  m.queries = ranks.size();
  if (ranks.empty()) return m;
  double rr = 0;
  size_t top1 = 0, top3 = 0;
  for (int r : ranks) {
    if (r < 1 || r > kRankCutoff) continue;
    rr += 1.0 / r;
    top1 += r == 1;
    top3 += r <= 3;
  }
  m.mrr_at_10 = rr / static_cast<double>(ranks.size());
  m.success_at_1 = static_cast<double>(top1) / static_cast<double>(ranks.size());
  m.success_at_3 = static_cast<double>(top3) / static_cast<double>(ranks.size());
  return m;
}

RelevanceReport make_report(std::vector<QueryOutcome> queries, std::vector<FacetOutcome> facets) {
  RelevanceReport r;
  r.queries = std::move(queries);
  r.facets = std::move(facets);
  ranks_of(r.queries, r.pepsearch, r.fts5);
  return r;
}

RecordSetReport make_record_set(std::string name, std::vector<QueryOutcome> queries, bool listed) {
  RecordSetReport s;
  s.name = std::move(name);
  s.queries = std::move(queries);
  s.listed = listed;
  ranks_of(s.queries, s.pepsearch, s.fts5);
  return s;
}

void print_report(std::ostream& out, const RelevanceReport& r) {
  print_ranks(out, r.queries);
  print_metrics(out, r.pepsearch, r.fts5);
  for (const auto& set : r.record_sets) {
    out << "\n" << set.name << " (" << set.queries.size() << " queries)\n";
    if (set.listed) {
      print_ranks(out, set.queries);
    } else {
      size_t missed = 0;
      for (const auto& q : set.queries) missed += q.pepsearch_rank == 0;
      out << "pepsearch misses (no answer in the top " << kRankCutoff << "): " << missed << "\n";
    }
    print_metrics(out, set.pepsearch, set.fts5);
  }
  if (r.facets.empty()) return;
  size_t passed = 0;
  out << "\nfacets\n";
  for (const auto& f : r.facets) {
    passed += f.pass;
    out << pad(f.id, 6) << pad(f.pass ? "pass" : "FAIL", 6) << pad(f.query, 40) << f.facet << ": " << f.detail << "\n";
  }
  out << passed << "/" << r.facets.size() << " facet checks pass\n";
}

nlohmann::json report_json(const RelevanceReport& r) {
  nlohmann::json j;
  j["pepsearch"] = metrics_json(r.pepsearch);
  j["fts5"] = metrics_json(r.fts5);
  j["queries"] = nlohmann::json::array();
  for (const auto& q : r.queries) j["queries"].push_back(outcome_json(q));
  j["record_sets"] = nlohmann::json::object();
  for (const auto& set : r.record_sets) {
    nlohmann::json& js = j["record_sets"][set.name];
    js["pepsearch"] = metrics_json(set.pepsearch);
    js["fts5"] = metrics_json(set.fts5);
    js["queries"] = nlohmann::json::array();
    for (const auto& q : set.queries) js["queries"].push_back(outcome_json(q));
  }
  j["facets"] = nlohmann::json::array();
  for (const auto& f : r.facets)
    j["facets"].push_back({{"id", f.id}, {"query", f.query}, {"facet", f.facet}, {"pass", f.pass}, {"detail", f.detail}});
  return j;
}

}  // namespace pep::bench
