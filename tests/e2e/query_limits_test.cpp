// A query of nothing but stop words searches only its first QueryBuilder::kMaxStopWordQueryWords
// distinct words (each reads a long posting list): 64 stop words answer exactly as their first 8
// distinct ones do. Through the real pepsearch.
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "query_builder.h"
#include "reliability_table.h"

using namespace pep::test;
using nlohmann::json;

TEST_CASE("query limits: a 64-stop-word query is searched as its first 8 distinct stop words") {
  TempDir tmp;
  build_index(corpus_dir(), tmp / "index");
  std::vector<std::string> stop;
  std::ifstream in(vocab_dir() / "stopwords.list");
  for (std::string line; std::getline(in, line);)
    if (!line.empty() && line[0] != '#') stop.push_back(line);
  REQUIRE(stop.size() > pep::QueryBuilder::kMaxStopWordQueryWords);
  std::string first_distinct, all64;
  for (size_t i = 0; i < pep::QueryBuilder::kMaxStopWordQueryWords; ++i) first_distinct += stop[i] + " ";
  for (size_t i = 0; i < 64; ++i) all64 += stop[i % stop.size()] + " ";
  const std::string cmd = pepsearch_bin() + " --json --limit 100 --index " + shell_quote((tmp / "index").string()) + " ";
  const auto capped = run(cmd + shell_quote(all64));
  const auto direct = run(cmd + shell_quote(first_distinct));
  REQUIRE(capped.exit_code == direct.exit_code);
  if (capped.exit_code != 0) return;
  const json a = json::parse(capped.out), b = json::parse(direct.out);
  CHECK(a["total"] == b["total"]);
  REQUIRE(a["results"].size() == b["results"].size());
  for (size_t i = 0; i < a["results"].size(); ++i) CHECK(a["results"][i]["id"] == b["results"][i]["id"]);
  record_case("query", "64 stop words", "searched as the first 8 distinct ones",
              std::to_string(a["total"].get<long>()) + " matches, the same as the 8");
}
