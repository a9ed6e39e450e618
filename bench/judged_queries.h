// Judged queries: the rows of an evaluation file in the format of ../shared/eval/queries.tsv and
// facets.tsv (the format is documented in each file's '#' header). Loading only parses; judging
// a result against a row is relevance_judge.h's job.
#pragma once

#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace pep::bench {

struct EvalFileError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// One row of queries.tsv: id, query, filters, docs, anchors.
struct JudgedQuery {
  std::string id;
  std::string query;
  std::map<std::string, std::vector<std::string>> filters;  // facet name -> values; "-" in the file = none
  std::vector<std::string> docs;                            // corpus-relative paths
  std::vector<std::string> anchors;                         // any one of them makes a passage relevant
};

// One row of facets.tsv: id, query, doc, anchor, facet, values.
struct FacetExpectation {
  std::string id;
  std::string query;
  std::string doc;
  std::string anchor;
  std::string facet;
  std::vector<std::string> values;  // the result's facet must hold every one
};

// Throw EvalFileError naming the file and line for a row with the wrong number of columns.
std::vector<JudgedQuery> load_judged_queries(const std::filesystem::path& file);
std::vector<FacetExpectation> load_facet_expectations(const std::filesystem::path& file);

// "a|b|c" -> {"a","b","c"}; empty pieces dropped.
std::vector<std::string> split_list(const std::string& text, char sep);
// "compound=thymogen;grade=A" -> {compound:[thymogen], grade:[a]} (values lower-cased, as the CLI
// does); "-" or "" -> {}.
std::map<std::string, std::vector<std::string>> parse_filters(const std::string& text);

}  // namespace pep::bench
