// A reader never has to think about spelling: aliases, Greek letters, subscripts, hyphens,
// typos and half-typed words all reach the passage that answers. Each case would fail if the
// analysis, the vocabulary expansion or the query builder lost that ability.
#include <nlohmann/json.hpp>

#include "test_env.h"

using namespace pep::test;
using nlohmann::json;

namespace {

class VariantsIndex {
 public:
  VariantsIndex() {
    write_file(tmp_ / "c" / "a.txt",
               "Sepsis trial\n"
               "In a randomized trial thymosin alpha-1 lowered 28-day mortality in severe sepsis.\n"
               "Dosing notes\n"
               "Tα1 restored T-cell counts after chemotherapy in a small cohort.\n");
    write_file(tmp_ / "c" / "b.txt",
               "Kaposi data\n"
               "IM-862 was tested against Kaposi sarcoma in 202 patients without benefit.\n"
               "Chemistry\n"
               "The dipeptide has the formula C₁₆H₁₉N₃O₅ and a molar mass near 333 g/mol.\n"
               "Meta-analysis\n"
               "A meta-analysis reported a 40.6% response when combined with antivirals.\n"
               "Cytokines\n"
               "Levels of IL-1β fell while plasma VEGF also declined over eight weeks.\n");
    write_file(tmp_ / "c" / "c.txt",
               "Unrelated\n"
               "Gardening advice about tomatoes and watering schedules in the summer.\n");
    build_index(tmp_ / "c", tmp_ / "index");
  }
  json search(const std::string& q) const {
    const auto r = run(pepsearch_bin() + " --json --index " + shell_quote((tmp_ / "index").string()) + " " + shell_quote(q));
    if (r.exit_code != 0) return json{{"results", json::array()}};
    return json::parse(r.out);
  }
  // The first result's text contains `needle`.
  bool top_has(const std::string& q, const std::string& needle) const {
    const json j = search(q);
    INFO(q << " -> " << j["results"].dump().substr(0, 300));
    return !j["results"].empty() && j["results"][0]["text"].get<std::string>().find(needle) != std::string::npos;
  }

 private:
  TempDir tmp_;
};

const VariantsIndex& index() {
  static VariantsIndex i;
  return i;
}

}  // namespace

TEST_CASE("compound aliases from the vocabulary are expanded at query time") {
  CHECK(index().top_has("Zadaxin sepsis", "thymosin alpha-1 lowered"));
  CHECK(index().top_has("thymalfasin mortality", "thymosin alpha-1 lowered"));
  CHECK(index().top_has("oglufanide Kaposi", "IM-862 was tested"));
  CHECK(index().top_has("Glu-Trp kaposi", "IM-862 was tested"));
}

TEST_CASE("IM862, IM-862, IM 862 and IM‐862 are one thing") {
  for (const char* q : {"IM862", "IM-862", "IM 862", "im‐862", "ＩＭ８６２"}) CHECK(index().top_has(q, "IM-862 was tested"));
}

TEST_CASE("Greek letters, subscripts and hyphens match their plain spellings") {
  CHECK(index().top_has("Talpha1 T cell counts", "Tα1 restored"));
  CHECK(index().top_has("TA1 chemotherapy", "Tα1 restored"));
  CHECK(index().top_has("tcell counts", "Tα1 restored"));
  CHECK(index().top_has("C16H19N3O5", "C₁₆H₁₉N₃O₅"));
  CHECK(index().top_has("IL-1beta", "IL-1β"));
  CHECK(index().top_has("IL-1 beta", "IL-1β"));
  CHECK(index().top_has("metaanalysis", "A meta-analysis"));
}

TEST_CASE("percentages and decimals are searchable as written") {
  CHECK(index().top_has("40.6%", "40.6% response"));
  CHECK(index().top_has("response 40.6", "40.6% response"));
}

TEST_CASE("unknown words are corrected from the index vocabulary, and the response says so") {
  const json j = index().search("kaposi sarcma");
  REQUIRE_FALSE(j["results"].empty());
  CHECK(j["results"][0]["text"].get<std::string>().find("Kaposi sarcoma") != std::string::npos);
  CHECK(j["corrected_query"] == "kaposi sarcoma");
  CHECK(index().top_has("mortallity sepsis", "lowered 28-day mortality"));
  CHECK_FALSE(index().search("sepsis").contains("corrected_query"));
}

TEST_CASE("the last word of a query is also a prefix (search as you type)") {
  CHECK(index().top_has("Kaposi sarc", "Kaposi sarcoma"));
  CHECK(index().top_has("VEGF decl", "VEGF also declined"));
  CHECK(index().top_has("chemother", "chemotherapy"));
}

TEST_CASE("question words and filler do not drown the words that matter") {
  CHECK(index().top_has("what is the treatment for sepsis", "severe sepsis"));
  CHECK(index().top_has("can IM-862 help with kaposi sarcoma?", "IM-862 was tested"));
  // A query of nothing but stop words still searches them rather than returning nothing.
  CHECK_FALSE(index().search("what is the")["results"].empty());
}

TEST_CASE("quoted text must match as a phrase") {
  // Both passages mention Kaposi and patients; only one has the exact phrase.
  const json loose = index().search("sarcoma patients");
  const json exact = index().search("\"Kaposi sarcoma in 202 patients\"");
  REQUIRE_FALSE(exact["results"].empty());
  CHECK(exact["total"] == 1);
  CHECK(exact["results"][0]["text"].get<std::string>().find("Kaposi sarcoma in 202 patients") != std::string::npos);
  CHECK(index().search("\"patients 202 in\"")["results"].empty());  // the words, but not in that order
  CHECK(index().top_has("\u201Ct-cell counts\u201D", "Tα1 restored"));   // curly quotes, hyphenated word
  CHECK(loose["total"].get<int>() >= exact["total"].get<int>());
}

TEST_CASE("a parallel build knows the words of every shard for prefixes and spelling") {
  // One document per shard; each has a word no other has. The shards' word dictionaries are
  // merged with the index, so completing or correcting any of them reaches its passage.
  TempDir tmp;
  write_file(tmp / "c" / "a.txt", "First\nThe amphotericin arm was stopped early.\n");
  write_file(tmp / "c" / "b.txt", "Second\nThe bronchiectasis cohort was small.\n");
  write_file(tmp / "c" / "c.txt", "Third\nThe cryptococcal cases were few.\n");
  const auto built = run(pepindex_bin() + " build --threads 3 --corpus " + shell_quote((tmp / "c").string()) + " --index " +
                         shell_quote((tmp / "index").string()));
  REQUIRE(built.exit_code == 0);
  auto top = [&](const std::string& q) {
    const auto r = run(pepsearch_bin() + " --json --index " + shell_quote((tmp / "index").string()) + " " + shell_quote(q));
    if (r.exit_code != 0) return std::string();
    const json j = json::parse(r.out);
    return j["results"].empty() ? std::string() : j["results"][0]["text"].get<std::string>();
  };
  CHECK(top("amphoter").find("amphotericin") != std::string::npos);
  CHECK(top("bronchiect").find("bronchiectasis") != std::string::npos);
  CHECK(top("cryptoc").find("cryptococcal") != std::string::npos);
  CHECK(top("bronchiectasys cohort").find("bronchiectasis") != std::string::npos);
  CHECK(top("cryptococal cases").find("cryptococcal") != std::string::npos);
}
