// The evidence map through the real binaries (issue #25): pepindex builds ../shared/corpus and
// corpus/monographs, pepsearch --evidence-map answers with the pairs, `evidence` rides along a
// search that names a pair and only then, and the indication tree counts a parent's passages as
// the union of its children's, once.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <set>

#include "searchd_process.h"
#include "test_env.h"

using namespace pep::test;
using nlohmann::json;

namespace {

// Both corpora in one index: four monographs of each compound from three publishers.
struct Index {
  TempDir tmp;
  Index() {
    auto shared = shared_dir();
    const std::string extra = shared ? " --corpus " + shell_quote((*shared / "corpus").string()) : "";
    const auto r = run(pepindex_bin() + " build --corpus " + shell_quote((corpus_dir() / "monographs").string()) + extra +
                       " --index " + shell_quote((tmp / "index").string()) + " >/dev/null");
    REQUIRE(r.exit_code == 0);
  }
  CommandResult pepsearch(const std::string& args) const {
    return run(pepsearch_bin() + " --index " + shell_quote((tmp / "index").string()) + " " + args);
  }
  json search(const std::string& args) const {
    const auto r = pepsearch("--json " + args);
    REQUIRE(r.exit_code <= 1);
    return json::parse(r.out);
  }
};

const json* find_claim(const json& pair, int n) {
  for (const auto& c : pair["claims"])
    if (c["trial"].is_object() && c["trial"]["n"] == n) return &c;
  return nullptr;
}

}  // namespace

TEST_CASE("pepsearch --evidence-map: thymosin alpha-1 in sepsis, the positive and the null trial flagged") {
  const Index index;
  const json j = index.search("--evidence-map --compound thymosin-alpha-1 --indication sepsis");
  REQUIRE(j["pairs"].size() == 1);
  const json& pair = j["pairs"][0];
  CHECK(pair["compound_label"] == "Thymosin alpha-1");
  CHECK(pair["conflict"] == true);
  CHECK(pair["conflict_reasons"] == json::array({"findings"}));
  const json* etass = find_claim(pair, 361);
  const json* tests = find_claim(pair, 1106);
  REQUIRE(etass);
  REQUIRE(tests);
  CHECK((*tests)["finding"] == "null");
  bool positive_361 = false;
  for (const auto& c : pair["claims"]) positive_361 = positive_361 || (c["trial"].is_object() && c["trial"]["n"] == 361 && c["finding"] == "positive");
  CHECK(positive_361);
  // Every claim links to a passage that search returns under the same id.
  for (const auto& c : pair["claims"]) CHECK(c["passage"]["id"].get<std::string>().find('#') != std::string::npos);
  CHECK(pair["sources"].get<int>() >= (shared_dir() ? 3 : 1));
  CHECK(pair["grade"] == (shared_dir() ? "a" : "b"));  // 003's [T1–T2] beside the editors' Grade B

  const auto table = index.pepsearch("--evidence-map --compound thymosin-alpha-1 --indication sepsis");
  CHECK(table.exit_code == 0);
  CHECK(table.out.find("Sepsis !") != std::string::npos);
  CHECK(table.out.find("1106") != std::string::npos);
}

TEST_CASE("pepsearch --evidence-map: filters, unknown slugs and the tree's axes") {
  const Index index;
  const json all = index.search("--evidence-map");
  std::set<std::string> compounds;
  for (const auto& p : all["pairs"]) compounds.insert(p["compound"]);
  CHECK(compounds == std::set<std::string>{"thymogen", "thymosin-alpha-1"});
  // The axes list every compound and indication passages are tagged with, claims or not, so the
  // map shows the whole corpus: oracle = the facet values of a broad search.
  std::set<std::string> axis_compounds, axis_indications;
  for (const auto& c : all["compounds"]) axis_compounds.insert(c["value"]);
  for (const auto& i : all["indications"]) axis_indications.insert(i["value"]);
  const json broad = index.search("--limit 1 peptide");
  REQUIRE(broad["facets"]["compound"].size() > 2);
  for (const auto& f : broad["facets"]["compound"]) CHECK(axis_compounds.count(f["value"]));
  for (const auto& f : broad["facets"]["indication"]) CHECK(axis_indications.count(f["value"]));
  CHECK(axis_compounds.count("kpv"));  // tagged, no claims
  bool kaposi_under_cancer = false;
  for (const auto& i : all["indications"]) kaposi_under_cancer = kaposi_under_cancer || (i["value"] == "kaposi-sarcoma" && i["parent"] == "cancer");
  CHECK(kaposi_under_cancer);
  // A parent takes in its children's pairs.
  const json cancer = index.search("--evidence-map --indication cancer");
  std::set<std::string> under;
  for (const auto& p : cancer["pairs"]) under.insert(p["indication"]);
  CHECK(under.count("kaposi-sarcoma"));
  CHECK(under.count("renal-cell-carcinoma"));
  CHECK_FALSE(under.count("sepsis"));
  CHECK(index.pepsearch("--evidence-map --compound nosuch 2>/dev/null").exit_code == 2);
  CHECK(index.pepsearch("--evidence-map --compound kpv 2>/dev/null").exit_code == 1);  // known, no claims
  CHECK(index.pepsearch("--evidence-map sepsis 2>/dev/null").exit_code == 2);  // no QUERY with it
}

TEST_CASE("search: the evidence of the pair a query names, and none for other queries") {
  const Index index;
  const json sepsis = index.search("thymosin sepsis");
  REQUIRE(sepsis.contains("evidence"));
  CHECK(sepsis["evidence"]["compound"] == "thymosin-alpha-1");
  CHECK(sepsis["evidence"]["indication"] == "sepsis");
  CHECK(sepsis["evidence"]["conflict"] == true);
  const json kaposi = index.search("IM-862 kaposi");
  REQUIRE(kaposi.contains("evidence"));
  CHECK(kaposi["evidence"]["compound"] == "thymogen");
  CHECK(kaposi["evidence"]["indication"] == "kaposi-sarcoma");
  CHECK(kaposi["evidence"]["grade"] == "a");
  for (const std::string q : {"VEGF", "sepsis", "thymogen", "thymogen sepsis hepatitis C"}) {
    INFO(q);
    CHECK_FALSE(index.search(shell_quote(q)).contains("evidence"));
  }
  const auto text = index.pepsearch("thymosin sepsis");
  CHECK(text.out.rfind("Evidence: Thymosin alpha-1 for Sepsis", 0) == 0);  // before any passage
  CHECK(text.out.find("sources disagree") != std::string::npos);
}

TEST_CASE("indication tree: a parent counts its children's passages once, and filters to them") {
  const Index index;
  const json j = index.search("trial --limit 1");
  std::map<std::string, size_t> count;
  std::map<std::string, std::string> parent;
  for (const auto& c : j["facets"]["indication"]) {
    count[c["value"]] = c["count"];
    parent[c["value"]] = c["parent"].is_null() ? "" : c["parent"].get<std::string>();
  }
  CHECK(parent["kaposi-sarcoma"] == "cancer");
  CHECK(parent["sepsis"].empty());
  // Oracle: the passages filtered by the parent are those filtered by the parent or any child
  // (values of one facet are ORed), and the parent's count is that total.
  std::string children;
  size_t sum = 0;
  for (const auto& [value, p] : parent)
    if (p == "cancer") children += " --indication " + value, sum += count[value];
  REQUIRE_FALSE(children.empty());
  const size_t parent_total = index.search("trial --limit 1 --indication cancer")["total"];
  const size_t union_total = index.search("trial --limit 1 --indication cancer" + children)["total"];
  CHECK(count["cancer"] == parent_total);
  CHECK(parent_total == union_total);
  CHECK(count["cancer"] >= count["kaposi-sarcoma"]);
  CHECK(count["cancer"] < sum);  // passages naming two cancers are counted once
}

TEST_CASE("pepsearch --evidence-map --server prints what the embedded map prints") {
  const Index index;
  SearchdProcess searchd(index.tmp / "index");
  const std::string server = " --server http://127.0.0.1:" + std::to_string(searchd.port());
  for (const std::string args : {"--evidence-map --json", "--evidence-map --indication cancer",
                                 "--evidence-map --json --compound thymosin-alpha-1 --indication sepsis"}) {
    INFO(args);
    const auto embedded = index.pepsearch(args);
    const auto served = run(pepsearch_bin() + server + " " + args);
    CHECK(served.exit_code == embedded.exit_code);
    CHECK(served.out == embedded.out);
  }
  CHECK(run(pepsearch_bin() + server + " --evidence-map --compound nosuch 2>/dev/null").exit_code == 2);
}
