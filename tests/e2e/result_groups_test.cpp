// group=source end to end (issue #27): pepsearch --group source and searchd's /api/search?group=source
// on the shared corpus, checked against an oracle computed from the flat, ungrouped ranking of
// every match: a source's group is its passages in flat rank order, the groups come in the order
// of their best passages, and the counts are counts over that list.
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "searchd_process.h"

using namespace pep::test;
using nlohmann::json;

namespace {

json pepsearch_json(const std::filesystem::path& index, const std::string& args, int expect_exit = 0) {
  const auto r = run(pepsearch_bin() + " --json --index " + shell_quote(index.string()) + " " + args);
  INFO("pepsearch " << args);
  REQUIRE(r.exit_code == expect_exit);
  return json::parse(r.out);
}

std::string source_of(const json& result) { return result["source"]["id"]; }

// The flat ranking of every match, fetched 100 at a time.
std::vector<json> all_flat(const std::filesystem::path& index, const std::string& query) {
  std::vector<json> out;
  for (int page = 1;; ++page) {
    const json j = pepsearch_json(index, query + " --limit 100 --page " + std::to_string(page));
    for (const auto& r : j["results"]) out.push_back(r);
    if (j["results"].size() < 100) break;
  }
  return out;
}

// What grouping the flat ranking gives: sources in order of their best passage, each with its
// passages' ids in rank order.
struct Oracle {
  std::vector<std::string> sources;
  std::map<std::string, std::vector<std::string>> ids;
};

Oracle oracle_of(const std::vector<json>& flat) {
  Oracle o;
  for (const auto& r : flat) {
    auto& ids = o.ids[source_of(r)];
    if (ids.empty()) o.sources.push_back(source_of(r));
    ids.push_back(r["id"]);
  }
  return o;
}

// Both corpora: the shared monographs and the bundled ones, so there are pages of groups.
void build_both(const std::filesystem::path& index) {
  auto shared = shared_dir();
  REQUIRE(shared);
  const auto r = run(pepindex_bin() + " build --corpus " + shell_quote((*shared / "corpus").string()) + " --corpus " +
                     shell_quote(corpus_dir().string()) + " --index " + shell_quote(index.string()));
  REQUIRE(r.exit_code == 0);
}

// Checks every page of `query` grouped `per_page` groups at a time against the flat oracle.
void check_groups(const std::filesystem::path& index, const std::string& query, int per_page, int sub_limit) {
  const std::vector<json> flat = all_flat(index, query);
  REQUIRE(!flat.empty());
  const Oracle o = oracle_of(flat);
  const json first_flat = pepsearch_json(index, query);
  std::vector<std::string> seen_sources;
  std::set<std::string> seen_ids;
  const int pages = static_cast<int>((o.sources.size() + per_page - 1) / per_page);
  for (int page = 1; page <= pages + 1; ++page) {
    const json g = pepsearch_json(index, query + " --group source --sub-limit " + std::to_string(sub_limit) + " --limit " +
                                             std::to_string(per_page) + " --page " + std::to_string(page),
                                  page <= pages ? 0 : 1);  // past the last group: no results, exit 1
    INFO(query << ", page " << page << " of groups of " << per_page);
    CHECK(g["group"] == "source");
    CHECK(g["total"] == flat.size());
    CHECK(g["total_groups"] == o.sources.size());
    CHECK(g["facets"] == first_flat["facets"]);  // counts of passages, as without grouping
    CHECK(g["results"].size() == (page <= pages ? std::min<size_t>(per_page, o.sources.size() - (page - 1) * per_page) : 0));
    for (const auto& group : g["results"]) {
      const std::string src = source_of(group);
      const auto& ids = o.ids.at(src);
      seen_sources.push_back(src);
      CHECK(group["id"] == ids[0]);  // the source's best passage
      CHECK(group["sub_total"] == ids.size());
      REQUIRE(group["sub_results"].size() == std::min<size_t>(sub_limit, ids.size() - 1));
      for (size_t k = 0; k < group["sub_results"].size(); ++k) {
        const json& sub = group["sub_results"][k];
        CHECK(source_of(sub) == src);
        CHECK(sub["id"] == ids[k + 1]);  // the next best, in rank order
        CHECK(sub["score"].get<double>() <= group["score"].get<double>());
        for (const char* key : {"id", "section", "snippet", "source", "offsets"}) CHECK(sub.contains(key));
        CHECK(seen_ids.insert(sub["id"].get<std::string>()).second);
      }
      CHECK(seen_ids.insert(group["id"].get<std::string>()).second);
    }
  }
  CHECK(seen_sources == o.sources);  // groups by best passage, each once, pages in sequence
}

}  // namespace

TEST_CASE("group=source: groups, their order, sub-results and counts follow the flat ranking") {
  if (!shared_dir()) return;
  TempDir tmp;
  build_both(tmp / "index");
  for (const std::string query : {"'thymosin sepsis'", "trial", "'VEGF lowering'", "trial --indication sepsis",
                                  "'\"clinical trial\"'", "thymosn", "the"}) {
    check_groups(tmp / "index", query, 2, 3);
    check_groups(tmp / "index", query, 3, 1);
  }
  check_groups(tmp / "index", "trial", 10, 0);
  check_groups(tmp / "index", "trial", 10, 20);
}

TEST_CASE("group=source: without it, and with group none, the response is the flat one") {
  if (!shared_dir()) return;
  TempDir tmp;
  build_both(tmp / "index");
  const json flat = pepsearch_json(tmp / "index", "'thymosin sepsis'");
  CHECK(pepsearch_json(tmp / "index", "'thymosin sepsis' --group none") == flat);
  std::set<std::string> keys;
  for (const auto& [k, v] : flat.items()) keys.insert(k);
  // "evidence": the query names a pair with claims (docs/searchd.md); no group fields.
  CHECK(keys == std::set<std::string>{"query", "total", "page", "per_page", "results", "facets", "evidence"});
  for (const auto& r : flat["results"]) {
    CHECK(!r.contains("sub_results"));
    CHECK(!r.contains("sub_total"));
  }
}

TEST_CASE("group=source: /api/search and pepsearch --server give what the embedded pepsearch gives") {
  if (!shared_dir()) return;
  TempDir tmp;
  build_both(tmp / "index");
  SearchdProcess searchd(tmp / "index");
  auto c = searchd.client();
  const auto api = [&](const std::string& target) {
    auto res = c.Get(target.c_str());
    REQUIRE(res);
    INFO(target << " -> " << res->body);
    return std::make_pair(res->status, json::parse(res->body));
  };
  CHECK(api("/api/search?q=thymosin%20sepsis&group=source&per_page=2&page=2&sub_limit=2").second ==
        pepsearch_json(tmp / "index", "'thymosin sepsis' --group source --limit 2 --page 2 --sub-limit 2"));
  CHECK(api("/api/search?q=thymosin%20sepsis&group=source").second == pepsearch_json(tmp / "index", "'thymosin sepsis' --group source"));
  CHECK(api("/api/search?q=thymosin%20sepsis&group=").second == api("/api/search?q=thymosin%20sepsis").second);
  CHECK(api("/api/search?q=thymosin%20sepsis&group=none").second == api("/api/search?q=thymosin%20sepsis").second);
  CHECK(api("/api/search?q=trial&group=compound").first == 400);
  CHECK(api("/api/search?q=trial&group=source&sub_limit=21").first == 400);
  CHECK(api("/api/search?q=trial&group=source&group=none").first == 400);

  check_server_matches_embedded(tmp / "index", searchd.port(),
                                {"'thymosin sepsis' --group source", "trial --group source --limit 2 --page 3 --sub-limit 1",
                                 "zzzqqqxx --group source"});
}

TEST_CASE("group=source: the CLI prints each monograph's title once, its other passages indented") {
  if (!shared_dir()) return;
  TempDir tmp;
  build_both(tmp / "index");
  const std::string index = " --index " + shell_quote((tmp / "index").string()) + " ";
  const json g = pepsearch_json(tmp / "index", "'thymosin sepsis' --group source --sub-limit 2");
  const auto out = run("NO_COLOR=1 " + pepsearch_bin() + index + "'thymosin sepsis' --group source --sub-limit 2");
  REQUIRE(out.exit_code == 0);
  INFO(out.out);
  size_t at = 0;
  for (size_t i = 0; i < g["results"].size(); ++i) {
    const json& group = g["results"][i];
    const std::string title_line = std::to_string(i + 1) + ". " + group["source"]["title"].get<std::string>() + "\n";
    const size_t title = out.out.find(title_line, at);
    REQUIRE(title != std::string::npos);
    at = title + title_line.size();
    CHECK(out.out.compare(at, 6, "   \xE2\x80\x94") == 0);  // "   — best passage's section"
    for (const auto& sub : group["sub_results"]) {
      const std::string sub_line = "      \xE2\x80\x94 " + sub["section"].get<std::string>() + "\n";
      const size_t found = out.out.find(sub_line, at);
      CHECK(found != std::string::npos);
      if (found != std::string::npos) at = found + sub_line.size();
    }
  }
  const size_t more = g["results"][0]["sub_total"].get<size_t>() - 1 - g["results"][0]["sub_results"].size();
  if (more > 0) CHECK(out.out.find(std::to_string(more) + " more matching passage") != std::string::npos);
  CHECK(out.out.find(" in " + std::to_string(g["total_groups"].get<size_t>()) + " monograph") != std::string::npos);
}
