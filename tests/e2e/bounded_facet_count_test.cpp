// Bounded facet counting (decision 0016) against the exact count as oracle, on the first 3,000
// MedQuAD records (../shared): with the limit above the match count the answer is the exact one,
// flags absent; with a small limit the answer says it is approximate, and a union's estimates
// (term_union_count.h: slices spread over the index) are within the stated tolerance: the total
// within 10%, each facet value within 4 standard errors of a sample of `limit` matches,
// 4 * sqrt(exact * total / limit), plus total / limit for rounding. (Without the scaling, the
// broad words' largest counts would be off by more than that.)
#include <catch2/catch.hpp>

#include <cmath>
#include <nlohmann/json.hpp>

#include "query_engine.h"
#include "test_env.h"

using namespace pep::test;
using nlohmann::json;

namespace {

std::filesystem::path medquad_index(const TempDir& tmp) {
  const auto shared = shared_dir();
  if (!shared) return {};
  std::ifstream in(*shared / "data" / "medquad" / "medquad.jsonl");
  std::string corpus, line;
  for (int i = 0; i < 3000 && std::getline(in, line); ++i) corpus += line + "\n";
  write_file(tmp / "corpus" / "medquad-3000.jsonl", corpus);
  build_index(tmp / "corpus", tmp / "index");
  return tmp / "index";
}

pep::SearchResponse search(pep::QueryEngine& engine, const std::string& q, const std::string& indication = "") {
  pep::SearchRequest req;
  req.query = q;
  req.per_page = 5;
  if (!indication.empty()) req.filters["indication"] = {indication};
  return engine.search(req);
}

std::map<std::string, size_t> counts(const pep::SearchResponse& r) {
  std::map<std::string, size_t> out;
  for (const auto& [facet, list] : r.facets)
    for (const auto& c : list) out[facet + "=" + c.value] = c.count;
  return out;
}

}  // namespace

TEST_CASE("facet counts: exact under the limit, estimates within tolerance and marked over it") {
  TempDir tmp;
  const auto index = medquad_index(tmp);
  if (index.empty()) return;
  pep::QueryEngine exact(index), roomy(index), bounded(index);
  roomy.set_facet_count_limit(1000000);
  constexpr size_t kLimit = 1000;
  bounded.set_facet_count_limit(kLimit);

  size_t sampled = 0;
  for (const std::string q : {"treatment", "symptoms", "cancer", "treatment OR symptoms", "\"breast cancer\"", "genetic testing"}) {
    for (const std::string indication : {"", "aging"}) {
      INFO(q << " indication=" << indication);
      const auto e = search(exact, q, indication), r = search(roomy, q, indication), b = search(bounded, q, indication);
      CHECK_FALSE(e.total_approximate);
      CHECK_FALSE(e.facets_approximate);
      // Above the match count: the exact answer.
      CHECK(r.total == e.total);
      CHECK(counts(r) == counts(e));
      CHECK_FALSE(r.total_approximate);
      CHECK_FALSE(r.facets_approximate);
      CHECK(b.results.size() == e.results.size());  // the ranked page does not depend on counting
      // A filtered facet's own counts ignore its filter (multi-select), so they may be sampled when
      // the filtered total is not: compare what the answer says is exact with the exact answer.
      if (e.total <= kLimit) {
        CHECK(b.total == e.total);
        CHECK_FALSE(b.total_approximate);
      } else {
        CHECK(b.total_approximate);
        CHECK(b.facets_approximate);
      }
      if (!b.facets_approximate) {
        CHECK(counts(b) == counts(e));
        continue;
      }
      if (q.find('"') != std::string::npos || !indication.empty()) continue;  // tolerance: unfiltered unions
      ++sampled;
      CHECK(std::abs(static_cast<double>(b.total) - static_cast<double>(e.total)) <= 0.10 * static_cast<double>(e.total));
      const auto got = counts(b);
      const double per = static_cast<double>(e.total) / kLimit;
      for (const auto& [value, n] : counts(e)) {
        const double estimate = got.count(value) ? static_cast<double>(got.at(value)) : 0.0;
        INFO(value << ": exact " << n << ", estimate " << estimate);
        CHECK(std::abs(estimate - static_cast<double>(n)) <= 4 * std::sqrt(static_cast<double>(n) * per) + per);
      }
    }
  }
  CHECK(sampled >= 4);  // the broad words really went over the limit
}

TEST_CASE("pepsearch --facet-count-limit marks sampled answers in JSON and in words") {
  TempDir tmp;
  const auto index = medquad_index(tmp);
  if (index.empty()) return;
  const std::string base = pepsearch_bin() + " --index " + shell_quote(index.string()) + " ";
  const auto sampled = run(base + "--json --facet-count-limit 100 treatment");
  REQUIRE(sampled.exit_code == 0);
  const json s = json::parse(sampled.out);
  CHECK(s["total_approximate"] == true);
  CHECK(s["facets_approximate"] == true);
  const auto exact = run(base + "--json --facet-count-limit 0 treatment");
  REQUIRE(exact.exit_code == 0);
  const json e = json::parse(exact.out);
  CHECK_FALSE(e.contains("total_approximate"));  // present only when true
  CHECK_FALSE(e.contains("facets_approximate"));
  CHECK(e["results"] == s["results"]);
  const auto words = run("NO_COLOR=1 " + base + "--facet-count-limit 100 treatment");
  REQUIRE(words.exit_code == 0);
  CHECK(words.out.find("about ") != std::string::npos);
  CHECK(run(base + "--facet-count-limit -1 treatment 2>/dev/null").exit_code == 2);
}
