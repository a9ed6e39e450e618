#include "searchd_load.h"

#include <httplib.h>
#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <thread>

#include "child_process.h"
#include "http_load.h"

namespace pep::bench {
namespace {

using nlohmann::json;

std::string base_url(const std::string& ready_line) {
  const size_t at = ready_line.find("http://");
  if (at == std::string::npos) throw std::runtime_error("no URL in '" + ready_line + "'");
  std::string url = ready_line.substr(at);
  while (!url.empty() && (url.back() == '/' || url.back() == ' ' || url.back() == '\r')) url.pop_back();
  return url;
}

// The middle run of several, by throughput; its latencies are reported with it.
HttpLoad median_run(std::vector<HttpLoad> runs) {
  std::sort(runs.begin(), runs.end(), [](const HttpLoad& a, const HttpLoad& b) { return a.qps < b.qps; });
  return runs[runs.size() / 2];
}

json qps_of(const std::vector<HttpLoad>& runs) {
  json out = json::array();
  for (const auto& r : runs) out.push_back(r.qps);
  return out;
}

void wait_ready(const std::string& url) {
  httplib::Client client(url);
  for (int i = 0; i < 600; ++i) {  // up to 60 s for a large index to open
    auto res = client.Get("/readyz");
    if (res && res->status == 200) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

// Sends each path once, so the timed runs over them measure the response cache rather than a
// first pass of searches (at large scales one pass over the words outlasts a whole timed run).
void warm_cache(const std::string& url, const std::vector<std::string>& paths) {
  httplib::Client client(url);
  client.set_read_timeout(std::chrono::seconds(60));
  for (const auto& p : paths) client.Get(p);
}

}  // namespace

std::vector<std::string> search_paths(const std::vector<BenchQuery>& queries) {
  std::vector<std::string> out;
  for (const auto& q : queries) {
    std::string path = "/api/search?q=" + url_encode(typed_text(q));
    for (const auto& [name, values] : q.filters)
      for (const auto& v : values) path += "&" + name + "=" + url_encode(v);
    out.push_back(std::move(path));
  }
  return out;
}

std::optional<json> measure_searchd(const SearchdLoadOptions& o, const std::filesystem::path& index_dir,
                                    const std::vector<BenchQuery>& queries, const std::vector<std::string>& distinct_paths,
                                    const std::filesystem::path& work, bool with_ceiling) {
  for (const auto& [what, path] : {std::pair{"searchd", o.searchd}, {"wrk", o.wrk}, {"pepbench_ceiling", o.ceiling}})
    if (::access(path.c_str(), X_OK) != 0) {
      std::cerr << "pepbench: --http skipped: no " << what << " binary at " << path << "\n";
      return std::nullopt;
    }
  const std::vector<std::string> mix = search_paths(queries);
  std::vector<std::string> words;
  for (size_t i = 0; i < queries.size(); ++i)
    if (queries[i].kind == QueryKind::word && queries[i].filters.empty()) words.push_back(mix[i]);
  HttpLoadOptions load;
  load.wrk = o.wrk;
  load.seconds = o.seconds;

  std::vector<std::string> argv{o.searchd, "--index", index_dir.string(), "--host", "127.0.0.1", "--port", "0"};
  argv.insert(argv.end(), o.searchd_args.begin(), o.searchd_args.end());
  BackgroundChild searchd(argv, "listening on", std::chrono::seconds(120));
  const std::string url = base_url(searchd.ready_line());
  wait_ready(url);
  // With the ceiling, the single-word runs alternate between the two servers, `runs` times each,
  // and the medians are reported: one 5 s run on a shared machine can come out at half the next.
  std::optional<BackgroundChild> ceiling;
  std::string ceiling_url;
  if (with_ceiling) {
    ceiling.emplace(std::vector<std::string>{o.ceiling, "--port", "0"}, "listening on", std::chrono::seconds(30));
    ceiling_url = base_url(ceiling->ready_line());
  }
  const size_t runs = with_ceiling ? std::max<size_t>(1, o.runs) : 1;
  std::cerr << "pepbench: wrk against searchd at " << url << (with_ceiling ? " and the ceiling at " + ceiling_url : std::string()) << " ("
            << load.seconds << " s each, " << runs << " run(s)) ...\n";
  std::vector<HttpLoad> singles, ceilings;
  warm_cache(url, words);
  for (size_t k = 0; k < runs; ++k) {
    singles.push_back(run_wrk(load, url, words, work));
    if (ceiling) ceilings.push_back(run_wrk(load, ceiling_url, words, work));
  }
  const HttpLoad all = run_wrk(load, url, mix, work);
  HttpLoadOptions spread = load;
  spread.interleave = true;
  const HttpLoad distinct = run_wrk(spread, url, distinct_paths, work);
  const double peak = searchd.stop();
  const HttpLoad single = median_run(singles);
  long errors = all.errors + distinct.errors;
  for (const auto& r : singles) errors += r.errors;
  // A thread repeats a path only after sending all of its share (interleave); threads never share one.
  const long share = static_cast<long>(distinct_paths.size()) / spread.threads;
  const long repeats = std::max<long>(0, distinct.requests - share);
  json h = {{"qps", single.qps},          {"p50_ms", single.p50_ms},      {"p99_ms", single.p99_ms},
            {"qps_runs", qps_of(singles)},
            {"mix_qps", all.qps},         {"mix_p50_ms", all.p50_ms},     {"mix_p99_ms", all.p99_ms},
            {"distinct_qps", distinct.qps}, {"distinct_p50_ms", distinct.p50_ms}, {"distinct_p99_ms", distinct.p99_ms},
            {"distinct_paths", distinct_paths.size()}, {"distinct_requests", distinct.requests},
            {"distinct_cache_hits_at_most", repeats},
            {"errors", errors},           {"searchd_peak_rss_mb", peak},  {"searchd_rss_mb", searchd.rss_at_stop_mb()},
            {"seconds", load.seconds},    {"connections", load.connections}, {"wrk_threads", load.threads}};
  if (!ceiling) return h;
  const HttpLoad c = median_run(ceilings);
  h["ceiling_qps"] = c.qps;
  h["ceiling_p99_ms"] = c.p99_ms;
  h["ceiling_qps_runs"] = qps_of(ceilings);
  h["ratio"] = single.qps > 0 && c.qps > 0 ? single.qps / c.qps : 0;
  return h;
}

}  // namespace pep::bench
