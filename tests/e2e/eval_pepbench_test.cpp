// pepbench at a tiny scale, so the benchmark cannot rot in CI: it must run end to end and write
// RESULT.json with the keys issue 6 names. No assertion on any time (shared machines are noise).
#include <algorithm>
#include <nlohmann/json.hpp>

#include "test_env.h"

using namespace pep::test;
using nlohmann::json;

TEST_CASE("pepbench: a tiny run writes RESULT.json with every contract key") {
  auto shared = shared_dir();
  if (!shared) return;
  const auto corpus = *shared / "data" / "medquad" / "medquad.jsonl";
  REQUIRE(std::filesystem::exists(corpus));
  TempDir tmp;
  const auto out = tmp / "result.json";
  const auto r = run(std::string(PEPBENCH_BIN) + " --corpus " + shell_quote(corpus.string()) +
                     " --limit-records 40 --queries 200 --threads-list 1,2 --growth 1,2 --http --http-seconds 1 --out " +
                     shell_quote(out.string()) + " --write-queries " + shell_quote((tmp / "q.tsv").string()));
  INFO(r.out);
  REQUIRE(r.exit_code == 0);
  const json j = json::parse(read_file(out));
  for (const char* k : {"pepsearch_s", "fts5_s", "ratio"}) CHECK(j["build"].contains(k));
  for (const char* k : {"pepsearch", "fts5", "ratio"}) CHECK(j["index_bytes"].contains(k));
  // The stock-Xapian reference build ran too (an extension: what Xapian's writer alone costs).
  CHECK(j["build"]["xapian_stock_s"].get<double>() > 0);
  CHECK(j["index_bytes"]["xapian_stock"].get<double>() > 0);
  CHECK(j["build"]["xapian_writer_alone_s"].get<double>() > 0);
  CHECK(j["index_bytes"]["xapian_writer_alone"].get<double>() > 0);
  // The main scale is built --build-runs times (default 3), each engine alternately; the reported
  // times are the medians of those runs.
  auto median_of = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
  };
  REQUIRE(j["build"]["pepsearch_runs_s"].size() == 3);
  REQUIRE(j["build"]["fts5_runs_s"].size() == 3);
  CHECK(j["build"]["pepsearch_s"].get<double>() == median_of(j["build"]["pepsearch_runs_s"].get<std::vector<double>>()));
  CHECK(j["build"]["fts5_s"].get<double>() == median_of(j["build"]["fts5_runs_s"].get<std::vector<double>>()));
  // Peak memory is read from the children's own /proc status (VmHWM): 0 would mean it was not.
  CHECK(j["build"]["pepsearch_peak_rss_mb"].get<double>() > 1);
  if (!j["http"].is_null()) CHECK(j["http"]["searchd_peak_rss_mb"].get<double>() > 1);
  if (!j["http"].is_null())
    for (const char* k : {"distinct_qps", "distinct_p50_ms", "distinct_p99_ms", "distinct_paths", "distinct_requests",
                          "distinct_cache_hits_at_most", "searchd_rss_mb"})
      CHECK(j["http"].contains(k));
  for (const char* k : {"pepsearch_p50_ms", "pepsearch_p99_ms", "fts5_p50_ms", "fts5_p99_ms", "p50_ratio", "p99_ratio", "qps"})
    CHECK(j["query"].contains(k));
  REQUIRE(j.contains("http"));  // null when searchd or wrk is missing
  if (!j["http"].is_null()) {
    for (const char* k : {"qps", "p99_ms", "ceiling_qps", "ratio"}) CHECK(j["http"].contains(k));
    // Single-word runs alternate between searchd and the ceiling (--http-runs 3); medians are reported.
    REQUIRE(j["http"]["qps_runs"].size() == 3);
    REQUIRE(j["http"]["ceiling_qps_runs"].size() == 3);
    CHECK(j["http"]["qps"].get<double>() == median_of(j["http"]["qps_runs"].get<std::vector<double>>()));
    CHECK(j["http"]["ceiling_qps"].get<double>() == median_of(j["http"]["ceiling_qps_runs"].get<std::vector<double>>()));
    CHECK(j["http"]["ratio"].get<double>() == Approx(j["http"]["qps"].get<double>() / j["http"]["ceiling_qps"].get<double>()));
  }
  REQUIRE(j["growth"].size() == 2);
  for (const auto& g : j["growth"])
    for (const char* k : {"scale", "build_s", "index_bytes", "p50_ms", "p99_ms"}) CHECK(g.contains(k));
  // Scale 2 is twice the records; copies vary their text (scaled_corpus.h), so the segmenter may
  // cut a copy into a passage more or fewer than the original.
  CHECK(j["growth"][1]["records"].get<size_t>() == 2 * j["growth"][0]["records"].get<size_t>());
  const double doubled = 2.0 * j["growth"][0]["passages"].get<double>();
  CHECK(j["growth"][1]["passages"].get<double>() == Approx(doubled).epsilon(0.1));
  for (const auto& g : j["growth"]) {
    // Each scale: the query set on every --threads-list count, and the broadest words.
    REQUIRE(g["threads"].size() == 2);
    for (const auto& t : g["threads"]) CHECK(t["pepsearch_p99_ms"].get<double>() > 0);
    CHECK(g["broad_queries"] == 20);
    CHECK(g["broad_mean_matches"].get<double>() > 0);
    if (j["http"].is_null()) continue;
    // searchd under distinct queries as well as the cached ones, and its memory after the runs.
    for (const char* k : {"http_qps", "http_distinct_qps", "http_distinct_p99_ms", "http_distinct_paths", "searchd_peak_rss_mb",
                          "searchd_rss_mb"})
      CHECK(g.contains(k));
    CHECK(g["http_distinct_paths"].get<size_t>() > 100);
  }
  CHECK(j["query"]["threads"].size() == 2);
  // Both engines answered: no query of the generated set failed in either.
  for (const auto& t : j["query"]["threads"]) {
    CHECK(t["pepsearch_errors"] == 0);
    CHECK(t["fts5_errors"] == 0);
  }
  // The query set is the documented size and reproducible (fixed seed).
  const std::string first = read_file(tmp / "q.tsv");
  CHECK(std::count(first.begin(), first.end(), '\n') == 201);
  const auto again = run(std::string(PEPBENCH_BIN) + " --corpus " + shell_quote(corpus.string()) +
                         " --limit-records 40 --queries 200 --threads-list 1 --growth '' --build-runs 1 --out " +
                         shell_quote((tmp / "r2.json").string()) + " --write-queries " + shell_quote((tmp / "q2.tsv").string()));
  REQUIRE(again.exit_code == 0);
  CHECK(read_file(tmp / "q2.tsv") == first);
  CHECK(json::parse(read_file(tmp / "r2.json"))["build"]["pepsearch_runs_s"].size() == 1);
}

TEST_CASE("pepbench: usage errors exit 2") {
  TempDir tmp;
  CHECK(run(std::string(PEPBENCH_BIN) + " --out " + shell_quote((tmp / "r.json").string())).exit_code == 2);  // no --corpus
  write_file(tmp / "c.jsonl", "{\"id\":\"a\",\"title\":\"t\",\"text\":\"x\"}\n");
  CHECK(run(std::string(PEPBENCH_BIN) + " --corpus " + shell_quote((tmp / "c.jsonl").string()) + " --threads-list 1,x --out " +
            shell_quote((tmp / "r.json").string())).exit_code == 2);
}
