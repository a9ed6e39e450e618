// Every query leaf is a Xapian term weighed by Xapian's own BM25Weight with the engine's k1 and b
// (RankingParams): a word's score is what Enquire gives its Z term, a query of only stop words is
// scored as the synonym of their W and Z terms with the same k1, and a word typed twice weighs
// more than once (each occurrence is a leaf, as Xapian's QueryParser makes it).
#include <catch2/catch.hpp>

#include <xapian.h>

#include <map>

#include "index_location.h"
#include "generation.h"
#include "index_schema.h"
#include "passage_record.h"
#include "query_engine.h"
#include "test_env.h"
#include "text_analyzer.h"

using namespace pep;
using namespace pep::test;

namespace {

// Passage id -> score, for the whole match set.
std::map<std::string, double> scores_of(QueryEngine& engine, const std::string& query) {
  SearchRequest req;
  req.query = query;
  req.per_page = 100;
  req.snippets = false;
  req.facet_counts = false;
  std::map<std::string, double> out;
  for (const auto& r : engine.search(req).results) out[r.record.id] = r.score;
  return out;
}

// The same, by Xapian alone: `q` under BM25Weight(k1, k2 = 0, k3 = 1, b, min_normlen 0.5).
std::map<std::string, double> xapian_scores(const std::filesystem::path& index, const Xapian::Query& q, double k1, double b) {
  const auto path = live_index_path(index);
  Generation gen(path, Verify::kSizes);
  const Xapian::Database& db = gen.database();
  Xapian::Enquire enquire(db);
  enquire.set_weighting_scheme(Xapian::BM25Weight(k1, 0, 1, b, 0.5));
  enquire.set_query(q);
  std::map<std::string, double> out;
  const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
  for (auto m = mset.begin(); m != mset.end(); ++m) out[gen.record(*m).id] = m.get_weight();
  return out;
}

}  // namespace

TEST_CASE("query leaves are scored by Xapian's BM25Weight, stop words with the same k1, and wqf counts") {
  TempDir tmp;
  write_file(tmp / "c" / "a.txt", "First\nThe trial of the peptide was done in the clinic of the city.\n");
  write_file(tmp / "c" / "b.txt", "Second\nPeptide levels fell in the second week, peptide by peptide.\n");
  write_file(tmp / "c" / "c.txt", "Third\nFew filler words: levels fell, which is rare.\n");
  build_index(tmp / "c", tmp / "index");
  QueryEngine engine(tmp / "index");
  const TextAnalyzer analyzer;
  for (const double b : {0.0, 0.5}) {
    INFO("b = " << b);
    RankingParams rank;
    rank.k1 = 1.3;
    rank.b = b;
    rank.heading = 0;  // the leaves alone: no heading boost, no result prior
    rank.result = 0;
    engine.set_ranking(rank);

    auto same = [](const std::map<std::string, double>& a, const std::map<std::string, double>& e) {
      REQUIRE(a.size() == e.size());
      for (const auto& [id, w] : e) CHECK(a.at(id) == Approx(w).epsilon(1e-12));
    };
    const std::string peptide = std::string(schema::kStemPrefix) + analyzer.stem("peptide");
    const auto one = scores_of(engine, "peptide");
    REQUIRE(one.size() == 2);
    same(one, xapian_scores(tmp / "index", Xapian::Query(peptide), rank.k1, b));

    const std::string stop[] = {std::string(schema::kStopPrefix) + "the", std::string(schema::kStemPrefix) + "the"};
    const auto the = scores_of(engine, "the");
    REQUIRE(the.size() == 2);
    same(the, xapian_scores(tmp / "index", Xapian::Query(Xapian::Query::OP_SYNONYM, std::begin(stop), std::end(stop)), rank.k1, b));

    const auto twice = scores_of(engine, "peptide peptide");
    REQUIRE(twice.size() == one.size());
    for (const auto& [id, w] : one) CHECK(twice.at(id) > w);
  }
}
