// Every vocabulary file under corpus/vocab is well formed and unambiguous.
#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "test_env.h"
#include "text_analyzer.h"
#include "vocabulary.h"

using namespace pep;

TEST_CASE("vocabularies load, slugs are unique, and every name analyses to words") {
  const Vocabulary v = Vocabulary::load(test::vocab_dir());
  TextAnalyzer a;
  for (const auto* list : {&v.compounds, &v.indications, &v.evidence, &v.terms, &v.consumer_terms}) {
    REQUIRE_FALSE(list->empty());
    std::map<std::string, std::string> owner;  // normalized alias -> slug
    for (const auto& c : *list) {
      std::vector<std::string> names = c.aliases;
      names.push_back(c.name);
      for (const auto& n : names) {
        const std::string key = a.normalize(n);
        INFO(c.slug << ": '" << n << "'");
        CHECK_FALSE(key.empty());
        auto [it, fresh] = owner.emplace(key, c.slug);
        CHECK((fresh || it->second == c.slug));  // one spelling cannot name two things
      }
    }
  }
  // The query side matches terms and consumer terms as one list: a spelling names one of them.
  std::map<std::string, std::string> query_owner;
  for (const auto* list : {&v.terms, &v.consumer_terms})
    for (const auto& c : *list) {
      std::vector<std::string> names = c.aliases;
      names.push_back(c.name);
      for (const auto& n : names) {
        INFO(c.slug << ": '" << n << "'");
        auto [it, fresh] = query_owner.emplace(a.normalize(n), c.slug);
        CHECK((fresh || it->second == c.slug));
      }
    }
  CHECK(v.segmenter.heading_is(HeadingKind::kOverview, "Overview"));
  CHECK_FALSE(v.segmenter.heading_is(HeadingKind::kOverview, "Safety"));
  CHECK(v.grade_scale.size() >= 4);
  CHECK_FALSE(v.stopwords.empty());
  CHECK_FALSE(v.boilerplate.empty());
}

TEST_CASE("the facet values the API promises exist in the vocabularies") {
  const Vocabulary v = Vocabulary::load(test::vocab_dir());
  std::set<std::string> slugs;
  for (const auto& c : v.compounds) slugs.insert(c.slug);
  for (const auto& c : v.indications) slugs.insert(c.slug);
  for (const char* s : {"thymogen", "thymosin-alpha-1", "kaposi-sarcoma", "renal-cell-carcinoma", "hepatitis-b", "hepatitis-c",
                        "sepsis", "covid-19"})
    CHECK(slugs.count(s) == 1);
}

TEST_CASE("a malformed vocabulary line names the file and line") {
  test::TempDir tmp;
  test::write_file(tmp / "bad.tsv", "# comment\nthymogen\tThymogen\tIM-862\nBad Slug\tName\n");
  try {
    load_concepts(tmp / "bad.tsv");
    FAIL("expected a VocabularyError");
  } catch (const VocabularyError& e) {
    CHECK(std::string(e.what()).find("bad.tsv:3") != std::string::npos);
  }
  test::write_file(tmp / "bad2.tsv", "x\tX\ta||b\n");
  CHECK_THROWS_AS(load_concepts(tmp / "bad2.tsv"), VocabularyError);
}

TEST_CASE("the vocabulary survives the round trip through the index metadata") {
  const Vocabulary v = Vocabulary::load(test::vocab_dir());
  const Vocabulary back = Vocabulary::from_json(v.to_json());
  CHECK(back.compounds.size() == v.compounds.size());
  CHECK(back.terms.size() == v.terms.size());
  CHECK(back.consumer_terms.size() == v.consumer_terms.size());
  CHECK(back.compounds[0].aliases == v.compounds[0].aliases);
}
