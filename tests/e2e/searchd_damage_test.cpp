// A replica's index damaged under searchd (issue #23): files of the served generation truncated or
// overwritten in place, at runtime and across a restart. searchd must never answer /api/search
// from it (503 index_unavailable, even for an answer it has cached), /readyz must say 503 so a load
// balancer takes the replica out, /metrics must show it not ready, and a good generation published
// (pepindex build or rollback) must bring it back. Also: every answer names the generation by its
// manifest id (X-Pepsearch-Generation-Id) and /metrics exports it (pepsearch_index_generation_info).
#include <nlohmann/json.hpp>
#include <thread>

#include "manifest.h"
#include "searchd_process.h"

using namespace pep::test;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

std::string manifest_id(const fs::path& index) { return pep::read_manifest(fs::canonical(index / "current")).id; }

// The info line /metrics should carry for generation `gen` with id `id`.
std::string info_line(const std::string& gen, const std::string& id) {
  return "pepsearch_index_generation_info{generation=\"" + gen + "\",id=\"" + id + "\"} 1\n";
}

// A search is refused the way a load balancer can act on: 503 with code index_unavailable.
void check_refused(httplib::Client& c, const std::string& target, const std::string& names) {
  const auto r = c.Get(target);
  REQUIRE(r);
  INFO(target << ": " << r->body);
  CHECK(r->status == 503);
  CHECK(json::parse(r->body)["code"] == "index_unavailable");
  CHECK(r->body.find(names) != std::string::npos);
  CHECK_FALSE(r->has_header("X-Pepsearch-Results"));
}

// Asks /readyz until it names generation `id` (searchd looks for a new one at most every 200 ms);
// gives up after 15 s, and the checks that follow say what it serves.
void wait_for_generation(httplib::Client& c, const std::string& id) {
  for (int i = 0; i < 300; ++i) {
    const auto r = c.Get("/readyz");
    if (r && r->status == 200 && json::parse(r->body)["id"] == id) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

void overwrite_middle(const fs::path& file) {
  std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
  f.seekp(static_cast<std::streamoff>(fs::file_size(file) / 2));
  f.write("\x5a\xa5\x5a\xa5\x5a\xa5\x5a\xa5", 8);
}

}  // namespace

TEST_CASE("searchd damage: answers and /metrics name the generation by its manifest id") {
  TempDir tmp;
  const fs::path index = tmp / "index";
  build_index(corpus_dir(), index);
  const std::string id0 = manifest_id(index);
  SearchdProcess searchd(index);
  auto c = searchd.client();
  const auto search = c.Get("/api/search?q=thymosin");
  REQUIRE(search);
  CHECK(search->get_header_value("X-Pepsearch-Generation") == "gen-0");
  CHECK(search->get_header_value("X-Pepsearch-Generation-Id") == id0);
  CHECK(c.Get("/api/suggest?q=thym")->get_header_value("X-Pepsearch-Generation-Id") == id0);
  CHECK(c.Get("/api/evidence")->get_header_value("X-Pepsearch-Generation-Id") == id0);
  CHECK(json::parse(c.Get("/readyz")->body)["id"] == id0);
  CHECK(c.Get("/metrics")->body.find(info_line("gen-0", id0)) != std::string::npos);

  build_index(corpus_dir(), index);  // gen-1, another id (its build time differs)
  const std::string id1 = manifest_id(index);
  REQUIRE(id1 != id0);
  wait_for_generation(c, id1);
  CHECK(json::parse(c.Get("/readyz")->body)["id"] == id1);
  const std::string metrics = c.Get("/metrics")->body;
  CHECK(metrics.find(info_line("gen-1", id1)) != std::string::npos);
  CHECK(metrics.find("pepsearch_index_generation_info{generation=\"gen-0\"") == std::string::npos);  // one series

  // A rollback serves an older generation: /metrics follows it there too.
  REQUIRE(run(pepindex_bin() + " rollback " + shell_quote(index.string()) + " 2>&1").exit_code == 0);
  wait_for_generation(c, id0);
  CHECK(c.Get("/api/search?q=thymosin")->get_header_value("X-Pepsearch-Generation-Id") == id0);
  CHECK(c.Get("/metrics")->body.find(info_line("gen-0", id0)) != std::string::npos);
}

TEST_CASE("searchd damage: a served generation damaged at runtime is refused until a good one is published") {
  const auto [file, damage] = GENERATE(table<std::string, std::string>({{"postlist.glass", "truncate"},
                                                                        {"passages.store", "overwrite"},
                                                                        {"positions.store", "truncate"},
                                                                        {"generation.json", "overwrite"}}));
  DYNAMIC_SECTION(damage << " " << file) {
    TempDir tmp;
    const fs::path index = tmp / "index";
    build_index(corpus_dir(), index);
    SearchdProcess searchd(index);
    auto c = searchd.client();
    const auto before = c.Get("/api/search?q=VEGF");  // cached from now on
    REQUIRE(before);
    REQUIRE(before->status == 200);
    REQUIRE(c.Get("/readyz")->status == 200);

    const fs::path target = index / "gen-0" / file;
    if (damage == "truncate")
      fs::resize_file(target, fs::file_size(target) / 2);
    else
      overwrite_middle(target);
    check_refused(c, "/readyz", "gen-0");
    check_refused(c, "/api/search?q=VEGF", "gen-0");  // the cached answer is not served either
    check_refused(c, "/api/suggest?q=thym", "gen-0");
    CHECK(c.Get("/metrics")->body.find("pepsearch_index_ready 0\n") != std::string::npos);

    build_index(corpus_dir(), index);  // gen-1: good
    const auto ready = c.Get("/readyz");
    REQUIRE(ready);
    CHECK(ready->status == 200);
    CHECK(json::parse(ready->body)["generation"] == "gen-1");
    const auto after = c.Get("/api/search?q=VEGF");
    REQUIRE(after);
    CHECK(after->status == 200);
    CHECK(json::parse(after->body)["results"] == json::parse(before->body)["results"]);
    CHECK(c.Get("/metrics")->body.find("pepsearch_index_ready 1\n") != std::string::npos);
  }
}

TEST_CASE("searchd damage: restarted on a damaged generation it stays unready, and a rollback restores it") {
  TempDir tmp;
  const fs::path index = tmp / "index";
  build_index(corpus_dir(), index);
  build_index(corpus_dir(), index);  // gen-0 stays as the rollback target
  fs::resize_file(index / "gen-1" / "postlist.glass", 0);
  SearchdProcess searchd(index);
  auto c = searchd.client();
  for (int i = 0; i < 3; ++i) {  // refused each time, without the generation being served in between
    check_refused(c, "/readyz", "postlist.glass");
    check_refused(c, "/api/search?q=VEGF", "postlist.glass");
  }
  REQUIRE(run(pepindex_bin() + " rollback " + shell_quote(index.string()) + " 2>&1").exit_code == 0);
  const auto ready = c.Get("/readyz");
  REQUIRE(ready);
  CHECK(ready->status == 200);
  CHECK(json::parse(ready->body)["generation"] == "gen-0");
  CHECK(c.Get("/api/search?q=VEGF")->status == 200);
}
