// The FTS5 adapter: builds from passage records, ranks by bm25, marks snippets, filters facets.
#include <catch2/catch.hpp>

#include "fts5_index.h"
#include "scratch_dir.h"

using namespace pep::bench;

namespace {

pep::PassageRecord passage(const std::string& id, const std::string& doc, const std::string& text,
                           pep::FacetValues facets = {}) {
  pep::PassageRecord r;
  r.id = id;
  r.source.path = doc;
  r.passage.text = text;
  r.passage.facets = std::move(facets);
  return r;
}

}  // namespace

TEST_CASE("Fts5Index ranks by bm25, stems with porter and filters on facet columns") {
  ScratchDir dir("pepeval-unit");
  const auto db = dir.path() / "fts.db";
  Fts5Index::build(db, {
                           passage("a#1", "a.txt", "Lowering plasma VEGF in renal cell carcinoma.", {{"compound", {"thymogen"}}}),
                           passage("b#1", "b.txt", "Sepsis mortality was unchanged.", {{"compound", {"thymosin-alpha-1"}}}),
                           passage("b#2", "b.txt", "VEGF VEGF VEGF and sepsis.", {{"compound", {"thymosin-alpha-1", "thymogen"}}}),
                       });
  CHECK_THROWS_AS(Fts5Index::build(db, {}), Fts5Error);
  Fts5Index fts(db);

  const auto lowered = fts.search(fts5_or_query("lowered"));  // porter: lowered ~ lowering
  REQUIRE(lowered.size() == 1);
  CHECK(lowered[0].passage_id == "a#1");
  CHECK(lowered[0].doc == "a.txt");
  CHECK(lowered[0].snippet.find("<mark>Lowering</mark>") != std::string::npos);

  const auto vegf = fts.search(fts5_or_query("vegf"));
  REQUIRE(vegf.size() == 2);
  CHECK(vegf[0].passage_id == "b#2");  // more occurrences in a shorter text
  CHECK(vegf[0].bm25 <= vegf[1].bm25);

  CHECK(fts.search(fts5_or_query("vegf"), {{"compound", {"thymosin-alpha-1"}}}).size() == 1);
  CHECK(fts.search(fts5_or_query("vegf sepsis"), {{"compound", {"thymogen"}}}).size() == 2);
  // "thymosin" alone is not a whole stored value.
  CHECK(fts.search(fts5_or_query("sepsis"), {{"compound", {"thymosin"}}}).empty());
  CHECK_THROWS_AS(fts.search(fts5_or_query("vegf"), {{"colour", {"red"}}}), Fts5Error);
  CHECK(fts.search(fts5_prefix_query("carcin")).size() == 1);
  CHECK(fts.search(fts5_phrase_query("plasma vegf")).size() == 1);
  CHECK(fts.search(fts5_phrase_query("vegf plasma")).empty());
}
