// count_term_union against Xapian's own matcher on a real index (the bundled corpus): same total
// and same facet counts for single terms, OR and synonym groups, weight-scaled groups, with and
// without facet filters; and the QueryBuilder hands other query shapes to Xapian.
#include <catch2/catch.hpp>

#include <xapian.h>

#include "facet_column.h"
#include "index_location.h"
#include "index_schema.h"
#include "passage_store.h"
#include "position_store.h"
#include "query_builder.h"
#include "term_dictionary.h"
#include "term_union_count.h"
#include "vocabulary.h"
#include "test_env.h"

using namespace pep;
using namespace pep::test;

namespace {

std::vector<std::string> terms_with_prefix(const Xapian::Database& db, const std::string& prefix) {
  std::vector<std::string> out;
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) out.push_back(*t);
  return out;
}

std::vector<std::pair<std::string, size_t>> listed(const FacetColumn::Counter& c, const schema::Facet& facet) {
  std::vector<std::pair<std::string, size_t>> out;
  for (const auto& fc : c.counts(std::string(facet.name))) out.emplace_back(fc.value, fc.count);
  return out;
}

}  // namespace

TEST_CASE("counting a union of terms from posting lists gives what Xapian's matcher gives") {
  TempDir tmp;
  build_index(corpus_dir(), tmp / "index");
  const auto path = live_index_path(tmp / "index");
  const Xapian::Database db(path.string());
  const FacetColumn column(db);
  const std::vector<std::string> stems = terms_with_prefix(db, std::string(schema::kStemPrefix));
  REQUIRE(stems.size() > 100);
  std::vector<std::pair<std::vector<std::string>, Xapian::Query>> queries;  // the union's terms, its query
  for (size_t i = 0; i < stems.size(); i += stems.size() / 40) {
    const std::string& a = stems[i];
    const std::string& b = stems[(i * 7 + 3) % stems.size()];
    const std::string& c = stems[(i * 13 + 5) % stems.size()];
    const std::string group[] = {a, b, c};
    queries.push_back({{a}, Xapian::Query(a)});
    queries.push_back({{a, b}, Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(a), Xapian::Query(b))});
    queries.push_back({{c, a, b, c},
                       Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(c),
                                     Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                                   Xapian::Query(Xapian::Query::OP_SYNONYM, std::begin(group), std::end(group)), 0.5))});
  }
  queries.push_back({{"Znot-a-term-of-this-index"}, Xapian::Query("Znot-a-term-of-this-index")});

  // No filter, one value, two values of one facet, two facets; plus a value no passage has.
  std::vector<std::map<std::string, std::vector<std::string>>> filters{{}};
  for (const auto& facet : schema::kFacets) {
    const auto values = terms_with_prefix(db, std::string(facet.prefix));
    if (values.size() >= 1) filters.push_back({{std::string(facet.name), {values[0].substr(facet.prefix.size())}}});
    if (values.size() >= 2)
      filters.push_back({{std::string(facet.name), {values[0].substr(facet.prefix.size()), values[1].substr(facet.prefix.size())}}});
  }
  filters.push_back({{"compound", {"thymogen"}}, {"grade", {"a", "b"}}});
  filters.push_back({{"grade", {"no-such-grade"}}});

  size_t compared = 0, nonzero = 0;
  for (const auto& [terms, q] : queries)
    for (const auto& f : filters) {
      FacetColumn::Counter fast(column);
      const auto n = count_term_union(db, terms, column.filter(f, ""), fast);

      std::vector<Xapian::Query> each;
      for (const auto& [name, values] : f) {
        std::vector<Xapian::Query> any;
        for (const auto& v : values) any.emplace_back(std::string(schema::find_facet(name)->prefix) + v);
        each.emplace_back(Xapian::Query::OP_OR, any.begin(), any.end());
      }
      Xapian::Query full = q;
      if (!each.empty()) full = Xapian::Query(Xapian::Query::OP_FILTER, q, Xapian::Query(Xapian::Query::OP_AND, each.begin(), each.end()));
      FacetColumn::Counter slow(column);
      FacetSpy spy(slow);
      Xapian::Enquire enquire(db);
      enquire.set_weighting_scheme(Xapian::BoolWeight());
      enquire.set_query(full);
      enquire.add_matchspy(&spy);
      const auto expected = enquire.get_mset(0, 0, db.get_doccount()).get_matches_estimated();

      INFO(full.get_description());
      CHECK(n == expected);
      for (const auto& facet : schema::kFacets) CHECK(listed(fast, facet) == listed(slow, facet));
      ++compared;
      nonzero += n > 0;
    }
  CHECK(compared > 500);
  CHECK(nonzero > compared / 4);  // the comparison is about real matches, not empty sets

  // The builder names the union's terms for words, aliases and completions, and for nothing else.
  const Vocabulary vocab = Vocabulary::from_json(db.get_metadata(std::string(schema::kMetaVocabulary)));
  const TermDictionary forms(db.get_metadata(std::string(schema::kMetaForms)));
  const TextAnalyzer analyzer;
  PositionStore positions(path / schema::kPositionStoreFile);
  const QueryBuilder builder(db, vocab, forms, analyzer, positions);
  const RankingParams rank;
  const auto words = builder.build("lowering levels", rank).union_terms;
  REQUIRE(words.has_value());
  CHECK(std::find(words->begin(), words->end(), "Zlower") != words->end());
  CHECK(words->size() >= 2);
  const auto typed = builder.build("thymo", rank).union_terms;  // an unfinished word: its completions
  REQUIRE(typed.has_value());
  CHECK(typed->size() >= 2);
  CHECK_FALSE(builder.build("\"evidence grade\"", rank).union_terms);  // a phrase
  CHECK_FALSE(builder.build("IM-862", rank).union_terms);              // a compound's pieces, as a phrase
  CHECK_FALSE(builder.build("the of", rank).union_terms);              // only stop words
  CHECK_FALSE(builder.build("", rank).union_terms);
}
