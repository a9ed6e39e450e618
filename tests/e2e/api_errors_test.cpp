// Error codes, "valid" lists and facet labels (issue 20) where the Python OpenAPI check does not
// look: the pepsearch CLI, embedded and through --server, and searchd's body for each 400 case.
#include <nlohmann/json.hpp>
#include <set>

#include "searchd_process.h"
#include "vocabulary.h"

using namespace pep::test;
using nlohmann::json;

namespace {

std::set<std::string> slugs(const std::vector<pep::Concept>& concepts) {
  std::set<std::string> out;
  for (const auto& c : concepts) out.insert(c.slug);
  return out;
}

}  // namespace

TEST_CASE("searchd: each refused parameter answers its code, unknown ones with what is valid") {
  TempDir tmp;
  build_index(corpus_dir(), tmp / "index");
  SearchdProcess searchd(tmp / "index");
  auto c = searchd.client();
  const std::vector<std::pair<std::string, std::string>> cases{
      {"/api/search", "bad_parameter"},
      {"/api/search?q=x&per_page=101", "bad_parameter"},
      {"/api/search?q=" + std::string(1025, 'a'), "query_too_long"},
      {"/api/search?q=x&colour=red", "unknown_parameter"},
      {"/api/search?q=x&indication=nosuch", "unknown_facet_value"},
      {"/api/search?q=x%ZZ", "malformed_request"},
      {"/api/suggest?q=x&size=2", "unknown_parameter"},
  };
  for (const auto& [target, code] : cases) {
    auto res = c.Get(target.c_str());
    INFO(target);
    REQUIRE(res);
    CHECK(res->status == 400);
    const json j = json::parse(res->body);
    CHECK(j["code"] == code);
    CHECK(!j["error"].get<std::string>().empty());
  }
  const json unknown = json::parse(c.Get("/api/search?q=x&indication=nosuch")->body);
  const auto vocab = pep::Vocabulary::load(vocab_dir());
  CHECK(unknown["valid"].get<std::set<std::string>>() == slugs(vocab.indications));
  CHECK(unknown["error"].get<std::string>().find("hiv-aids") != std::string::npos);
  // A known value no passage has is not an error: an empty result.
  const json none = json::parse(c.Get("/api/search?q=thymogen&compound=kpv")->body);
  CHECK(none["total"] == 0);
}

TEST_CASE("searchd: pepsearch refuses an unknown facet value naming the valid ones, embedded and via --server") {
  TempDir tmp;
  build_index(corpus_dir(), tmp / "index");
  SearchdProcess searchd(tmp / "index");
  for (const std::string& where : {" --index " + shell_quote((tmp / "index").string()),
                                  " --server http://127.0.0.1:" + std::to_string(searchd.port())}) {
    const auto r = run(pepsearch_bin() + where + " --compound nosuch VEGF 2>&1");
    INFO(where << ": " << r.out);
    CHECK(r.exit_code == 2);
    CHECK(r.out.find("unknown compound 'nosuch'") != std::string::npos);
    CHECK(r.out.find("thymosin-alpha-1") != std::string::npos);  // the valid values are named
  }
}

TEST_CASE("searchd: facet counts carry the vocabulary's labels in pepsearch --json and /api/search") {
  TempDir tmp;
  build_index(corpus_dir(), tmp / "index");
  SearchdProcess searchd(tmp / "index");
  const auto r = run(pepsearch_bin() + " --json --index " + shell_quote((tmp / "index").string()) + " trial");
  REQUIRE(r.exit_code == 0);
  const json cli = json::parse(r.out);
  const json api = json::parse(searchd.client().Get("/api/search?q=trial")->body);
  CHECK(cli == api);
  std::map<std::string, std::string> label;
  for (const auto& [facet, counts] : cli["facets"].items())
    for (const auto& count : counts) label[facet + "=" + count["value"].get<std::string>()] = count["label"];
  CHECK(label["compound=thymosin-alpha-1"] == "Thymosin alpha-1");
  CHECK(label["indication=hiv-aids"] == "HIV/AIDS");
  CHECK(label["indication=colitis"] == "Colitis and IBD");
  CHECK(label["grade=a"] == "A");
  CHECK(label["evidence=rct"] == "Randomized controlled trial");
}
