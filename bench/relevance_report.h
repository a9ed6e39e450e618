// Relevance metrics over judged queries and the report pepeval prints: the rank of the first
// relevant result per query and engine, then MRR@10, Success@1 and Success@3 per engine; beside the
// judged monograph queries, record-judged sets (record_queries.h) with the same metrics.
//   rank       1-based position of the first relevant result, 0 when none is in the top 10
//   MRR@10     mean over queries of 1/rank (0 for a miss)
//   Success@k  share of queries whose first relevant result is at rank k or better
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

namespace pep::bench {

inline constexpr int kRankCutoff = 10;

// `relevant` holds one flag per result, in ranked order; only the first `cutoff` count.
int first_relevant_rank(const std::vector<bool>& relevant, int cutoff = kRankCutoff);

struct Metrics {
  double mrr_at_10 = 0;
  double success_at_1 = 0;
  double success_at_3 = 0;
  size_t queries = 0;
};

// Ranks as from first_relevant_rank (0 = miss). An empty list scores 0.
Metrics summarize(const std::vector<int>& ranks);

struct QueryOutcome {
  std::string id;
  std::string query;
  std::string filters;  // as written in the file ("-" for none)
  int pepsearch_rank = 0;
  int fts5_rank = 0;
};

struct FacetOutcome {
  std::string id;
  std::string query;
  std::string facet;
  bool pass = false;
  std::string detail;  // why it failed, or the values found
};

// A record-judged set (consumer questions, known items): its outcomes (filters "-") and metrics.
// `listed` says whether print_report shows every query or only the summary and the misses count.
struct RecordSetReport {
  std::string name;
  std::vector<QueryOutcome> queries;
  Metrics pepsearch;
  Metrics fts5;
  bool listed = true;
};

struct RelevanceReport {
  std::vector<QueryOutcome> queries;
  std::vector<FacetOutcome> facets;
  Metrics pepsearch;
  Metrics fts5;
  std::vector<RecordSetReport> record_sets;
};

RelevanceReport make_report(std::vector<QueryOutcome> queries, std::vector<FacetOutcome> facets);
RecordSetReport make_record_set(std::string name, std::vector<QueryOutcome> queries, bool listed);
void print_report(std::ostream& out, const RelevanceReport& report);
nlohmann::json report_json(const RelevanceReport& report);

}  // namespace pep::bench
