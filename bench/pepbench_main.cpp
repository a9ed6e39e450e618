// pepbench: pepsearch beside SQLite FTS5 on a JSONL corpus, in one run over the same passages
// (pepsearch's own segmentation, read back from the index it built). Measures the build
// (`pepindex build` as a child: wall time, peak RSS; FTS5 in one transaction), index bytes, the
// in-process query latency of a generated query set (query_set.h) on 1..N threads, optionally
// searchd under wrk beside a fixed-JSON ceiling server, and the growth at several corpus scales.
// Prints a table and writes RESULT.json (keys in docs/benchmark.md; extend them, never rename).
// Exit codes: 0 ok, 1 a measured step failed, 2 usage or input error.
// Over 400 lines on purpose: the order of the steps and the RESULT.json keys each writes read best
// in one place; what is measured lives in its own files (child_process, searchd_load, latency_runner).
#include <httplib.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "child_process.h"
#include "fts5_index.h"
#include "http_load.h"
#include "indexed_passages.h"
#include "latency_runner.h"
#include "query_engine.h"
#include "query_set.h"
#include "scaled_corpus.h"
#include "searchd_load.h"
#include "scratch_dir.h"
#include "sharded_build.h"
#include "xapian_stock_index.h"

namespace fs = std::filesystem;
using namespace pep::bench;
using nlohmann::json;

namespace {

struct Options {
  std::string corpus;
  size_t scale = 1;
  size_t queries = 1000;
  std::vector<size_t> threads{1, 2};
  std::vector<size_t> growth{1, 2, 4};
  size_t limit_records = 0;
  size_t build_runs = 3;
  uint64_t seed = 20260501;
  bool http = false;
  int http_seconds = 5;
  size_t http_runs = 3;
  std::string pepindex, searchd, ceiling, wrk = "/usr/bin/wrk";
  std::string out, write_queries;
  std::string ranking;  // pepsearch --ranking parameters for the query runs
  size_t distinct_queries = 20000;
  size_t facet_count_limit = pep::QueryEngine::kDefaultFacetCountLimit;  // as searchd's default
};

struct ScaleRun {
  size_t scale = 1;
  size_t records = 0;
  size_t passages = 0;
  ChildResult pepindex;  // the run of median wall time
  double fts5_build_s = 0;  // median
  std::vector<double> pepindex_runs_s, fts5_runs_s;  // every build, in the order they ran
  std::uintmax_t pepsearch_bytes = 0;
  std::uintmax_t fts5_bytes = 0;
  fs::path index_dir;
  fs::path fts5_file;
  std::optional<StockXapianBuild> stock;  // only for the main scale: a reference, not a contender
  std::optional<StockXapianBuild> writer_alone;  // likewise
  std::vector<pep::PassageRecord> records_read;  // kept only for the run that draws the query set
};

struct EngineLatency {
  LatencyStats pepsearch;
  LatencyStats fts5;
  size_t pepsearch_errors = 0;
  size_t fts5_errors = 0;
};

fs::path self_dir() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::current_path() : exe.parent_path();
}

double ratio(double a, double b) { return b > 0 ? a / b : 0; }

ScaleRun build_scale(const Options& o, size_t scale, const fs::path& work, bool keep_passages) {
  ScaleRun r;
  r.scale = scale;
  const fs::path corpus = work / ("corpus-x" + std::to_string(scale));
  r.records = write_scaled_corpus(o.corpus, corpus, scale, o.limit_records);
  r.index_dir = work / ("index-x" + std::to_string(scale));
  r.fts5_file = work / ("fts5-x" + std::to_string(scale) + ".db");
  // The main scale's builds run --build-runs times, pepindex and FTS5 alternating, and the
  // medians are reported: one build on a shared machine can be 30% off either way.
  const size_t runs = keep_passages ? std::max<size_t>(1, o.build_runs) : 1;
  std::vector<ChildResult> pep_runs;
  std::vector<pep::PassageRecord> passages;
  for (size_t k = 0; k < runs; ++k) {
    std::cerr << "pepbench: scale " << scale << ": " << r.records << " records; pepindex build " << k + 1 << "/" << runs << " ...\n";
    fs::remove_all(r.index_dir);
    pep_runs.push_back(run_measured({o.pepindex, "build", "--corpus", corpus.string(), "--index", r.index_dir.string()}));
    if (pep_runs.back().exit_code != 0)
      throw std::runtime_error("pepindex build failed (exit " + std::to_string(pep_runs.back().exit_code) + ") at scale " + std::to_string(scale));
    r.pepindex_runs_s.push_back(pep_runs.back().wall_s);
    if (k == 0) {
      r.pepsearch_bytes = live_index_bytes(r.index_dir);
      passages = read_indexed_passages(r.index_dir);
      r.passages = passages.size();
    }
    std::cerr << "pepbench: scale " << scale << ": " << r.passages << " passages; FTS5 build " << k + 1 << "/" << runs << " ...\n";
    fs::remove(r.fts5_file);
    const auto started = std::chrono::steady_clock::now();
    Fts5Index::build(r.fts5_file, passages);
    r.fts5_runs_s.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  }
  fs::remove_all(corpus);
  std::vector<size_t> order(pep_runs.size());
  for (size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return pep_runs[a].wall_s < pep_runs[b].wall_s; });
  r.pepindex = pep_runs[order[order.size() / 2]];
  std::vector<double> fts5_sorted = r.fts5_runs_s;
  std::sort(fts5_sorted.begin(), fts5_sorted.end());
  r.fts5_build_s = fts5_sorted[fts5_sorted.size() / 2];
  r.fts5_bytes = fs::file_size(r.fts5_file);
  if (keep_passages) {
    std::cerr << "pepbench: scale " << scale << ": stock Xapian build (reference) ...\n";
    const fs::path stock_dir = work / ("xapian-stock-x" + std::to_string(scale));
    r.stock = build_stock_xapian(stock_dir, passages);
    fs::remove_all(stock_dir);
    // As many shards as pepindex builds by default.
    const unsigned threads = pep::default_build_threads();
    std::cerr << "pepbench: scale " << scale << ": Xapian writer alone, " << threads << " thread(s) (reference) ...\n";
    const fs::path alone_dir = work / ("xapian-writer-x" + std::to_string(scale));
    r.writer_alone = build_xapian_writer_alone(alone_dir, passages, threads);
    fs::remove_all(alone_dir);
    r.records_read = std::move(passages);
  }
  return r;
}

// `ranking`: pepsearch's ranking parameters as for pepsearch --ranking ("" = the defaults).
EngineLatency measure_queries(const ScaleRun& run, const std::vector<BenchQuery>& queries, size_t threads,
                              const std::string& ranking, size_t facet_count_limit) {
  EngineLatency e;
  std::atomic<size_t> pep_errors{0}, fts_errors{0}, sink{0};
  e.pepsearch = run_latency(queries, threads, [&]() -> QueryRunner {
    auto engine = std::make_shared<pep::QueryEngine>(run.index_dir);
    if (!ranking.empty()) engine->set_ranking(pep::RankingParams::parse(ranking));
    engine->set_facet_count_limit(facet_count_limit);
    return [engine, &pep_errors, &sink](const BenchQuery& q) {
      pep::SearchRequest req;
      req.query = typed_text(q);
      req.filters = q.filters;
      req.per_page = 10;  // snippets and facet counts are on by default
      try {
        sink += engine->search(req).results.size();
      } catch (const std::exception&) {
        ++pep_errors;
      }
    };
  });
  e.fts5 = run_latency(queries, threads, [&]() -> QueryRunner {
    auto fts = std::make_shared<Fts5Index>(run.fts5_file);
    return [fts, &fts_errors, &sink](const BenchQuery& q) {
      try {
        sink += fts->search(fts5_match(q), q.filters, 10).size();
      } catch (const std::exception&) {
        ++fts_errors;
      }
    };
  });
  e.pepsearch_errors = pep_errors;
  e.fts5_errors = fts_errors;
  return e;
}

json by_kind(const std::vector<BenchQuery>& queries, const EngineLatency& e) {
  json out = json::object();
  for (QueryKind k : {QueryKind::word, QueryKind::two_words, QueryKind::three_words, QueryKind::phrase, QueryKind::prefix}) {
    for (bool filtered : {false, true}) {
      std::vector<double> pep, fts;
      for (size_t i = 0; i < queries.size(); ++i)
        if (queries[i].kind == k && queries[i].filters.empty() != filtered) {
          pep.push_back(e.pepsearch.each_ms[i]);
          fts.push_back(e.fts5.each_ms[i]);
        }
      if (pep.empty()) continue;
      out[std::string(kind_name(k)) + (filtered ? "+facet" : "")] = {
          {"queries", pep.size()},
          {"pepsearch_p50_ms", percentile(pep, 0.5)}, {"pepsearch_p99_ms", percentile(pep, 0.99)},
          {"fts5_p50_ms", percentile(fts, 0.5)},      {"fts5_p99_ms", percentile(fts, 0.99)}};
    }
  }
  return out;
}

SearchdLoadOptions searchd_load(const Options& o) {
  SearchdLoadOptions l;
  l.searchd = o.searchd;
  l.ceiling = o.ceiling;
  l.wrk = o.wrk;
  l.seconds = o.http_seconds;
  l.runs = o.http_runs;
  l.searchd_args = {"--facet-count-limit", std::to_string(o.facet_count_limit)};
  return l;
}

// The distinct HTTP set: queries drawn like the query set but with another seed, de-duplicated
// by path, at most `count` of them.
std::vector<std::string> distinct_paths(const std::vector<pep::PassageRecord>& passages, size_t count, uint64_t seed) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (auto& p : search_paths(generate_query_set(passages, count * 2, seed ^ 0x5eed)))
    if (out.size() < count && seen.insert(p).second) out.push_back(std::move(p));
  return out;
}

// The broadest single words, one thread, snippets and facet counts on: what counting every match
// costs as the corpus grows (limit 0), or counting with a facet count limit. Returns p50/p99 and
// the mean number of matches, under keys starting with `key`.
json measure_broad(const ScaleRun& run, const std::vector<std::string>& words, const std::string& ranking, size_t limit,
                   const std::string& key) {
  std::vector<BenchQuery> queries;
  for (const auto& w : words) queries.push_back({QueryKind::word, w, {}});
  auto engine = std::make_shared<pep::QueryEngine>(run.index_dir);
  if (!ranking.empty()) engine->set_ranking(pep::RankingParams::parse(ranking));
  engine->set_facet_count_limit(limit);
  double matches = 0;
  const LatencyStats l = run_latency(queries, 1, [&]() -> QueryRunner {
    return [engine, &matches](const BenchQuery& q) {
      pep::SearchRequest req;
      req.query = q.text;
      req.per_page = 10;
      matches += static_cast<double>(engine->search(req).total);
    };
  });
  // run_latency runs every query once more as warm-up (up to 20): count the timed pass only.
  const double timed = static_cast<double>(words.size());
  return {{key + "_queries", words.size()}, {key + "_p50_ms", l.p50_ms}, {key + "_p99_ms", l.p99_ms},
          {key + "_mean_matches", timed > 0 ? matches / (timed + std::min<double>(timed, 20)) : 0}};
}

void write_query_file(const fs::path& file, const std::vector<BenchQuery>& queries) {
  std::ofstream out(file);
  out << "# kind\ttyped text\tfts5 match\tfilters\n";
  for (const auto& q : queries) {
    std::string filters;
    for (const auto& [name, values] : q.filters)
      for (const auto& v : values) filters += (filters.empty() ? "" : ";") + name + "=" + v;
    out << kind_name(q.kind) << "\t" << typed_text(q) << "\t" << fts5_match(q) << "\t" << (filters.empty() ? "-" : filters) << "\n";
  }
}

void print_table(const json& r) {
  const auto& b = r["build"];
  const auto& x = r["index_bytes"];
  const auto& q = r["query"];
  std::printf("pepbench: %zu passages from %s (scale %zu)\n\n", r["passages"].get<size_t>(), r["corpus"].get<std::string>().c_str(),
              r["scale"].get<size_t>());
  std::printf("%-26s %14s %14s %8s\n", "", "pepsearch", "fts5", "ratio");
  std::printf("%-26s %14.2f %14.2f %8.2f   (median of %zu alternating builds each)\n", "build (s)", b["pepsearch_s"].get<double>(),
              b["fts5_s"].get<double>(), b["ratio"].get<double>(), b["pepsearch_runs_s"].size());
  std::printf("%-26s %14.1f %14s\n", "build peak RSS (MB)", b["pepsearch_peak_rss_mb"].get<double>(), "-");
  std::printf("%-26s %14.2f %14s %8.2f   (reference: Xapian TermGenerator, 1 thread, defaults; %.1f MB)\n", "build (s), stock Xapian",
              b["xapian_stock_s"].get<double>(), "", b["xapian_stock_ratio"].get<double>(), x["xapian_stock"].get<double>() / 1e6);
  std::printf("%-26s %14.2f %14s %8.2f   (reference: pre-tokenised terms, no positions; Xapian's add_document, commits, compaction; %.1f MB)\n",
              "build (s), Xapian alone", b["xapian_writer_alone_s"].get<double>(), "", b["xapian_writer_alone_ratio"].get<double>(),
              x["xapian_writer_alone"].get<double>() / 1e6);
  std::printf("%-26s %14.1f %14.1f %8.2f\n", "index size (MB)", x["pepsearch"].get<double>() / 1e6, x["fts5"].get<double>() / 1e6,
              x["ratio"].get<double>());
  for (const auto& t : q["threads"]) {
    const std::string n = std::to_string(t["threads"].get<size_t>());
    std::printf("%-26s %14.2f %14.2f %8.2f\n", ("query p50 (ms), " + n + " thr").c_str(), t["pepsearch_p50_ms"].get<double>(),
                t["fts5_p50_ms"].get<double>(), ratio(t["pepsearch_p50_ms"].get<double>(), t["fts5_p50_ms"].get<double>()));
    std::printf("%-26s %14.2f %14.2f %8.2f\n", ("query p99 (ms), " + n + " thr").c_str(), t["pepsearch_p99_ms"].get<double>(),
                t["fts5_p99_ms"].get<double>(), ratio(t["pepsearch_p99_ms"].get<double>(), t["fts5_p99_ms"].get<double>()));
    std::printf("%-26s %14.2f %14.2f %8.2f\n", ("query max (ms), " + n + " thr").c_str(), t["pepsearch_max_ms"].get<double>(),
                t["fts5_max_ms"].get<double>(), ratio(t["pepsearch_max_ms"].get<double>(), t["fts5_max_ms"].get<double>()));
    std::printf("%-26s %14.0f %14.0f %8.2f\n", ("QPS, " + n + " thr").c_str(), t["pepsearch_qps"].get<double>(), t["fts5_qps"].get<double>(),
                ratio(t["pepsearch_qps"].get<double>(), t["fts5_qps"].get<double>()));
  }
  if (r["http"].is_null()) {
    std::printf("\nhttp: not measured (%s)\n", r["http_note"].get<std::string>().c_str());
  } else {
    const auto& h = r["http"];
    std::printf("\nhttp (wrk, %d s, median of %zu alternating runs): searchd single-word %.0f req/s, p99 %.2f ms; mix %.0f req/s, p99 %.2f ms; "
                "ceiling %.0f req/s; ratio %.2f; searchd peak RSS %.0f MB; distinct queries %.0f req/s, p99 %.2f ms\n",
                h["seconds"].get<int>(), h["qps_runs"].size(), h["qps"].get<double>(), h["p99_ms"].get<double>(), h["mix_qps"].get<double>(),
                h["mix_p99_ms"].get<double>(), h["ceiling_qps"].get<double>(), h["ratio"].get<double>(),
                h["searchd_peak_rss_mb"].get<double>(), h["distinct_qps"].get<double>(), h["distinct_p99_ms"].get<double>());
  }
  std::printf("\n%-6s %9s %8s %8s %8s %7s %7s %7s %7s %7s %8s %8s %8s %8s %7s %7s %7s\n", "scale", "passages", "build s",
              "buildMB", "MB", "p50", "p99", "p99/2t", "broad50", "bnd50", "cachedq", "distq", "dist p99", "searchd", "fts5 s", "fts5MB",
              "f p99");
  auto num = [](const json& g, const char* k) { return g.contains(k) && g[k].is_number() ? g[k].get<double>() : -1.0; };
  for (const auto& g : r["growth"]) {
    double p99_2t = -1;
    for (const auto& t : g.value("threads", json::array()))
      if (t["threads"] == 2) p99_2t = t["pepsearch_p99_ms"].get<double>();
    std::printf("%-6zu %9zu %8.1f %8.0f %8.0f %7.2f %7.2f %7.2f %7.2f %7.2f %8.0f %8.0f %8.2f %8.0f %7.1f %7.0f %7.2f\n",
                g["scale"].get<size_t>(), g["passages"].get<size_t>(), num(g, "build_s"), num(g, "peak_rss_mb"),
                num(g, "index_bytes") / 1e6, num(g, "p50_ms"), num(g, "p99_ms"), p99_2t, num(g, "broad_p50_ms"), num(g, "broad_bounded_p50_ms"), num(g, "http_qps"),
                num(g, "http_distinct_qps"), num(g, "http_distinct_p99_ms"), num(g, "searchd_peak_rss_mb"), num(g, "fts5_build_s"),
                num(g, "fts5_index_bytes") / 1e6, num(g, "fts5_p99_ms"));
  }
  std::printf("(times in ms unless named; broad50/bnd50 = p50 of the 20 broadest words, exact / bounded counts; buildMB = pepindex peak RSS; cachedq/distq = searchd req/s over HTTP for the "
              "cached single words / distinct queries; searchd = its peak RSS in MB; -1 = not measured)\n");
}

std::vector<size_t> parse_list(const std::string& text, const char* flag) {
  std::vector<size_t> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    const std::string item = text.substr(start, end - start);
    if (!item.empty()) {
      if (item.find_first_not_of("0123456789") != std::string::npos || std::stoul(item) == 0 || std::stoul(item) > 64)
        throw CLI::ValidationError(std::string(flag) + ": '" + item + "' is not a number from 1 to 64");
      out.push_back(std::stoul(item));
    }
    start = end + 1;
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"pepbench: build and query speed of pepsearch beside SQLite FTS5 on the same passages"};
  Options o;
  const fs::path here = self_dir();
  o.pepindex = (here / ".." / "indexer" / "pepindex").lexically_normal().string();
  o.searchd = (here / ".." / "searchd" / "searchd").lexically_normal().string();
  o.ceiling = (here / "pepbench_ceiling").string();
  std::string threads_list = "1,2", growth_list = "1,2,4";
  app.add_option("--corpus", o.corpus, "JSONL corpus file (e.g. ../shared/data/medquad/medquad.jsonl)")->required()->check(CLI::ExistingFile);
  app.add_option("--scale", o.scale, "corpus copies for the main comparison")->check(CLI::Range(1, 64))->capture_default_str();
  app.add_option("--queries", o.queries, "size of the generated query set")->check(CLI::Range(1, 1000000))->capture_default_str();
  app.add_option("--threads-list", threads_list, "thread counts for in-process queries")->capture_default_str();
  app.add_option("--growth", growth_list, "scales for the growth curve ('' for none)")->capture_default_str();
  app.add_option("--limit-records", o.limit_records, "use only the first N records of the corpus (0 = all)")->capture_default_str();
  app.add_option("--seed", o.seed, "seed of the query-set generator")->capture_default_str();
  app.add_option("--build-runs", o.build_runs, "builds of the main scale, pepindex and FTS5 alternating; medians are reported")
      ->check(CLI::Range(1, 20))
      ->capture_default_str();
  app.add_flag("--http", o.http, "also load searchd and the fixed-JSON ceiling with wrk (loopback)");
  app.add_option("--http-seconds", o.http_seconds, "wrk duration per run")->check(CLI::Range(1, 60))->capture_default_str();
  app.add_option("--distinct-queries", o.distinct_queries, "distinct HTTP queries drawn for the uncached run (at most)")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  app.add_option("--facet-count-limit", o.facet_count_limit,
                 "pepsearch's and searchd's facet count limit for every run (0 = exact); the broadest words run both ways")
      ->capture_default_str();
  app.add_option("--http-runs", o.http_runs, "single-word runs against searchd and the ceiling, alternating; medians are reported")
      ->check(CLI::Range(1, 20))
      ->capture_default_str();
  app.add_option("--pepindex", o.pepindex, "pepindex binary")->capture_default_str();
  app.add_option("--searchd", o.searchd, "searchd binary")->capture_default_str();
  app.add_option("--ceiling", o.ceiling, "pepbench_ceiling binary")->capture_default_str();
  app.add_option("--wrk", o.wrk, "wrk binary")->capture_default_str();
  app.add_option("--write-queries", o.write_queries, "also write the generated query set (TSV) here");
  app.add_option("--out", o.out, "RESULT.json to write")->required();
  app.add_option("--ranking", o.ranking, "pepsearch ranking parameters for the query runs (k1=1.2,subject=0,...)");
  try {
    app.parse(argc, argv);
    o.threads = parse_list(threads_list, "--threads-list");
    o.growth = parse_list(growth_list, "--growth");
    if (o.threads.empty()) throw CLI::ValidationError("--threads-list: give at least one thread count");
    if (::access(o.pepindex.c_str(), X_OK) != 0) throw CLI::ValidationError("no pepindex binary at " + o.pepindex + "; pass --pepindex");
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }

  try {
    ScratchDir work("pepbench");
    const ScaleRun main_run = build_scale(o, o.scale, work.path(), true);
    const std::vector<BenchQuery> queries = generate_query_set(main_run.records_read, o.queries, o.seed);
    if (!o.write_queries.empty()) write_query_file(o.write_queries, queries);

    json r;
    r["corpus"] = o.corpus;
    r["records"] = main_run.records;
    r["passages"] = main_run.passages;
    r["scale"] = o.scale;
    r["seed"] = o.seed;
    r["query_count"] = queries.size();
    r["build"] = {{"pepsearch_s", main_run.pepindex.wall_s},
                  {"fts5_s", main_run.fts5_build_s},
                  {"ratio", ratio(main_run.pepindex.wall_s, main_run.fts5_build_s)},
                  {"pepsearch_peak_rss_mb", main_run.pepindex.peak_rss_mb},
                  {"pepsearch_cpu_s", main_run.pepindex.user_s + main_run.pepindex.sys_s},
                  {"xapian_stock_s", main_run.stock->seconds},
                  {"xapian_stock_ratio", ratio(main_run.stock->seconds, main_run.fts5_build_s)},
                  {"xapian_writer_alone_s", main_run.writer_alone->seconds},
                  {"xapian_writer_alone_ratio", ratio(main_run.writer_alone->seconds, main_run.fts5_build_s)},
                  {"pepsearch_runs_s", main_run.pepindex_runs_s},
                  {"fts5_runs_s", main_run.fts5_runs_s}};
    r["index_bytes"] = {{"pepsearch", main_run.pepsearch_bytes},
                        {"fts5", main_run.fts5_bytes},
                        {"xapian_stock", main_run.stock->bytes},
                        {"xapian_writer_alone", main_run.writer_alone->bytes},
                        {"ratio", ratio(static_cast<double>(main_run.pepsearch_bytes), static_cast<double>(main_run.fts5_bytes))}};

    json per_thread = json::array();
    std::optional<EngineLatency> single;
    for (size_t t : o.threads) {
      std::cerr << "pepbench: " << queries.size() << " queries on " << t << " thread(s) ...\n";
      EngineLatency e = measure_queries(main_run, queries, t, o.ranking, o.facet_count_limit);
      per_thread.push_back({{"threads", t},
                            {"pepsearch_p50_ms", e.pepsearch.p50_ms}, {"pepsearch_p99_ms", e.pepsearch.p99_ms},
                            {"pepsearch_max_ms", e.pepsearch.max_ms}, {"pepsearch_qps", e.pepsearch.qps},
                            {"fts5_p50_ms", e.fts5.p50_ms},           {"fts5_p99_ms", e.fts5.p99_ms},
                            {"fts5_max_ms", e.fts5.max_ms},           {"fts5_qps", e.fts5.qps},
                            {"pepsearch_errors", e.pepsearch_errors}, {"fts5_errors", e.fts5_errors}});
      if (!single) single = std::move(e);
    }
    const EngineLatency& s = *single;  // the first entry of --threads-list (1 by default)
    r["query"] = {{"pepsearch_p50_ms", s.pepsearch.p50_ms},
                  {"pepsearch_p99_ms", s.pepsearch.p99_ms},
                  {"pepsearch_max_ms", s.pepsearch.max_ms},
                  {"fts5_p50_ms", s.fts5.p50_ms},
                  {"fts5_p99_ms", s.fts5.p99_ms},
                  {"fts5_max_ms", s.fts5.max_ms},
                  {"p50_ratio", ratio(s.pepsearch.p50_ms, s.fts5.p50_ms)},
                  {"p99_ratio", ratio(s.pepsearch.p99_ms, s.fts5.p99_ms)},
                  {"qps", s.pepsearch.qps},
                  {"fts5_qps", s.fts5.qps},
                  {"threads", per_thread},
                  {"by_kind", by_kind(queries, s)}};

    const std::vector<std::string> distinct =
        o.http ? distinct_paths(main_run.records_read, o.distinct_queries, o.seed) : std::vector<std::string>();
    r["http"] = nullptr;
    if (!o.http) {
      r["http_note"] = "not requested (pass --http)";
    } else if (auto h = measure_searchd(searchd_load(o), main_run.index_dir, queries, distinct, work.path(), true)) {
      r["http"] = *h;
    } else {
      r["http_note"] = "searchd, wrk or pepbench_ceiling binary missing";
    }

    const std::vector<std::string> broad = broad_words(main_run.records_read, 20);
    r["growth"] = json::array();
    for (size_t g : o.growth) {
      std::optional<ScaleRun> other;
      if (g != o.scale) other = build_scale(o, g, work.path(), false);
      const ScaleRun& run = other ? *other : main_run;
      json threads = g == o.scale ? per_thread : json::array();
      std::optional<EngineLatency> first;
      for (size_t t : o.threads) {
        if (g == o.scale) break;
        std::cerr << "pepbench: scale " << g << ": " << queries.size() << " queries on " << t << " thread(s) ...\n";
        EngineLatency e = measure_queries(run, queries, t, o.ranking, o.facet_count_limit);
        threads.push_back({{"threads", t},
                           {"pepsearch_p50_ms", e.pepsearch.p50_ms}, {"pepsearch_p99_ms", e.pepsearch.p99_ms},
                           {"pepsearch_qps", e.pepsearch.qps},
                           {"fts5_p50_ms", e.fts5.p50_ms},           {"fts5_p99_ms", e.fts5.p99_ms},
                           {"fts5_qps", e.fts5.qps}});
        if (!first) first = std::move(e);
      }
      const EngineLatency& e = g == o.scale ? s : *first;
      r["growth"].push_back({{"scale", g},
                             {"build_s", run.pepindex.wall_s},
                             {"index_bytes", run.pepsearch_bytes},
                             {"p50_ms", e.pepsearch.p50_ms},
                             {"p99_ms", e.pepsearch.p99_ms},
                             {"passages", run.passages},
                             {"records", run.records},
                             {"peak_rss_mb", run.pepindex.peak_rss_mb},
                             {"fts5_build_s", run.fts5_build_s},
                             {"fts5_index_bytes", run.fts5_bytes},
                             {"fts5_p50_ms", e.fts5.p50_ms},
                             {"fts5_p99_ms", e.fts5.p99_ms},
                             {"threads", threads}});
      std::cerr << "pepbench: scale " << g << ": the " << broad.size() << " broadest words ...\n";
      r["growth"].back().update(measure_broad(run, broad, o.ranking, 0, "broad"));
      if (o.facet_count_limit > 0) {
        r["growth"].back().update(measure_broad(run, broad, o.ranking, o.facet_count_limit, "broad_bounded"));
        r["growth"].back()["facet_count_limit"] = o.facet_count_limit;
      }
      // searchd's memory and throughput as the corpus grows (the ceiling does not depend on it).
      if (o.http && !r["http"].is_null()) {
        const json h = g == o.scale ? r["http"]
                                    : measure_searchd(searchd_load(o), run.index_dir, queries, distinct, work.path(), false)
                                          .value_or(json());
        if (h.is_object())
          for (const char* k : {"qps", "p99_ms", "mix_qps", "mix_p99_ms", "distinct_qps", "distinct_p50_ms", "distinct_p99_ms",
                                "distinct_paths", "distinct_requests", "distinct_cache_hits_at_most", "searchd_peak_rss_mb",
                                "searchd_rss_mb"})
            r["growth"].back()[std::string(k).rfind("searchd", 0) == 0 ? k : "http_" + std::string(k)] = h[k];
      }
      if (other) {
        std::error_code ec;
        fs::remove_all(other->index_dir, ec);
        fs::remove(other->fts5_file, ec);
      }
      std::ofstream partial(o.out);  // each scale's figures are kept even if a later scale fails
      partial << r.dump(2) << "\n";
    }

    std::ofstream out(o.out);
    out << r.dump(2) << "\n";
    if (!out) throw std::runtime_error("cannot write " + o.out);
    print_table(r);
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "pepbench: " << e.what() << "\n";
    return 1;
  }
}
