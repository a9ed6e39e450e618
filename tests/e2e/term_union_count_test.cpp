// count_term_union against Xapian's own matcher on a real index (the bundled corpus): same total
// and same facet counts for single terms, OR and SYNONYM groups, weight-scaled groups, with and
// without facet filters; other query shapes are left to Xapian.
#include <catch2/catch.hpp>

#include <xapian.h>

#include "facet_column.h"
#include "index_location.h"
#include "index_schema.h"
#include "term_union_count.h"
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
  const Xapian::Database db(live_index_path(tmp / "index").string());
  const FacetColumn column(db);

  const auto stems = terms_with_prefix(db, "Z");
  REQUIRE(stems.size() > 100);
  std::vector<Xapian::Query> queries;
  for (size_t i = 0; i < stems.size(); i += stems.size() / 40) {
    const std::string& a = stems[i];
    const std::string& b = stems[(i * 7 + 3) % stems.size()];
    const std::string& c = stems[(i * 13 + 5) % stems.size()];
    queries.emplace_back(a);
    queries.emplace_back(Xapian::Query::OP_OR, Xapian::Query(a), Xapian::Query(b));
    const std::vector<std::string> group{a, b, c};
    queries.emplace_back(Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(c),
                                       Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                                     Xapian::Query(Xapian::Query::OP_SYNONYM, group.begin(), group.end()), 0.5)));
  }
  queries.emplace_back("Znot-a-term-of-this-index");

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
  for (const auto& q : queries)
    for (const auto& f : filters) {
      FacetColumn::Counter fast(column);
      const auto terms = union_terms(q);
      REQUIRE(terms.has_value());
      const auto n = count_term_union(db, *terms, column.filter(f, ""), fast);

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

  // Other shapes are Xapian's to count.
  CHECK_FALSE(union_terms(Xapian::Query(Xapian::Query::OP_AND, Xapian::Query(stems[1]), Xapian::Query(stems[2]))));
  CHECK_FALSE(union_terms(Xapian::Query(Xapian::Query::OP_PHRASE, Xapian::Query(stems[1]), Xapian::Query(stems[2]))));
  CHECK_FALSE(union_terms(Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(stems[1]),
                                        Xapian::Query(Xapian::Query::OP_AND, Xapian::Query(stems[2]), Xapian::Query(stems[3])))));
  CHECK_FALSE(union_terms(Xapian::Query::MatchAll));
  CHECK_FALSE(union_terms(Xapian::Query()));
}
