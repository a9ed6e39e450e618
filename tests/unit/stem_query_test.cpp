// StemLeaves against Xapian's own BM25 on the same postings: a small database whose documents hold
// the terms as Xapian terms, and the same lists in a stem postings file. A leaf must match the
// passages the Xapian term matches with the weight BM25Weight gives (with and without length
// normalisation), alone, under AND, OR and weight scaling; a synonym the passages OP_SYNONYM
// matches, weighed within the slack of Xapian's frequency estimate.
#include <catch2/catch.hpp>

#include <xapian.h>

#include <cmath>
#include <map>
#include <random>

#include "stem_postings.h"
#include "stem_query.h"
#include "test_env.h"

using namespace pep;
using namespace pep::test;

namespace {

using Ranked = std::map<Xapian::docid, double>;

Ranked run(const Xapian::Database& db, const Xapian::Query& q, double k1, double b) {
  Xapian::Enquire enquire(db);
  enquire.set_weighting_scheme(Xapian::BM25Weight(k1, 0, 1, b, 0.5));
  enquire.set_query(q);
  Ranked out;
  const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
  for (auto m = mset.begin(); m != mset.end(); ++m) out[*m] = m.get_weight();
  return out;
}

void check_alike(const Ranked& xapian, const Ranked& ours, double tolerance) {
  REQUIRE(ours.size() == xapian.size());
  for (const auto& [did, w] : xapian) {
    INFO("document " << did);
    REQUIRE(ours.count(did));
    CHECK(std::abs(ours.at(did) - w) <= tolerance * std::abs(w) + 1e-12);
  }
}

}  // namespace

TEST_CASE("stem leaves weigh passages as Xapian's BM25 weighs the same terms") {
  TempDir tmp;
  Xapian::WritableDatabase writable((tmp / "db").string(), Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
  PostingLists lists;
  std::mt19937 rng(5);
  const int kTerms = 30;
  for (Xapian::docid did = 1; did <= 400; ++did) {
    Xapian::Document doc;
    std::map<std::string, Xapian::termcount> wdf;
    for (int t = 0; t < kTerms; ++t)
      if (rng() % (t + 2) == 0) wdf["Zt" + std::to_string(t)] = 1 + rng() % (t % 3 == 0 ? 9 : 2);  // t0 in half, t29 in 1/31
    for (const auto& [term, n] : wdf) {
      doc.add_term(term, n);
      lists[term].add(did, n);
    }
    doc.add_term("Hheading", 1 + did % 3);  // other terms, as H terms are: they count in the length
    writable.add_document(doc);
  }
  writable.commit();
  const Xapian::Database db((tmp / "db").string());
  write_stem_postings(tmp / "stems.postings", {lists}, {0});
  const StemPostings stems(tmp / "stems.postings");

  for (const auto& [k1, b] : std::vector<std::pair<double, double>>{{1.0, 0.0}, {1.2, 0.75}, {2.0, 0.3}}) {
    INFO("k1 " << k1 << ", b " << b);
    const StemLeaves leaves(stems, k1, b);
    size_t compared = 0;
    for (int t = 0; t < kTerms; ++t) {
      const std::string a = "Zt" + std::to_string(t), c = "Zt" + std::to_string((t * 7 + 3) % kTerms);
      INFO(a << ", " << c);
      check_alike(run(db, Xapian::Query(a), k1, b), run(db, leaves.term(a), k1, b), 1e-9);
      check_alike(run(db, Xapian::Query(Xapian::Query::OP_AND, Xapian::Query(a), Xapian::Query(c)), k1, b),
                  run(db, leaves.all({a, c}), k1, b), 1e-9);
      const Xapian::Query x_or(Xapian::Query::OP_OR, Xapian::Query(a), Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(c), 0.4));
      const Xapian::Query o_or(Xapian::Query::OP_OR, leaves.term(a), Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, leaves.term(c), 0.4));
      check_alike(run(db, x_or, k1, b), run(db, o_or, k1, b), 1e-9);
      // Beside a Xapian term (as the H terms are), the sums agree too.
      check_alike(run(db, Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(a), Xapian::Query("Hheading")), k1, b),
                  run(db, Xapian::Query(Xapian::Query::OP_OR, leaves.term(a), Xapian::Query("Hheading")), k1, b), 1e-9);
      ++compared;
    }
    CHECK(compared == kTerms);
    CHECK(run(db, leaves.term("Znot-there"), k1, b).empty());

    // Synonyms: the same passages; the weight differs only through the frequency estimate.
    for (int t = 0; t + 3 < kTerms; t += 3) {
      const std::string a = "Zt" + std::to_string(t), c = "Zt" + std::to_string(t + 1), d = "Zt" + std::to_string(t + 3);
      INFO(a << ", " << c << ", " << d);
      const std::vector<Xapian::Query> alternatives{Xapian::Query(a), Xapian::Query(c),
                                                    Xapian::Query(Xapian::Query::OP_AND, Xapian::Query(c), Xapian::Query(d))};
      const Xapian::Query x_syn(Xapian::Query::OP_SYNONYM, alternatives.begin(), alternatives.end());
      check_alike(run(db, x_syn, k1, b), run(db, leaves.synonym({{a}, {c}, {c, d}}), k1, b), 0.05);
      const std::vector<Xapian::Query> one{Xapian::Query(Xapian::Query::OP_AND, Xapian::Query(a), Xapian::Query(d))};
      const Xapian::Query x_one(Xapian::Query::OP_SYNONYM, one.begin(), one.end());
      check_alike(run(db, x_one, k1, b), run(db, leaves.synonym({{a, d}}), k1, b), 0.05);
    }
    CHECK(leaves.synonym({}).empty());
  }
}
