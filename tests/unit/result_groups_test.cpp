// group_by_source against an oracle: a random database whose passages carry Xapian terms and a
// source id in the source slot. The oracle is the flat BM25 ranking of every match, grouped by
// hand: sources in the order of their best passage, each source's passages in rank order.
#include <catch2/catch.hpp>

#include <xapian.h>

#include <map>
#include <random>
#include <set>

#include "index_location.h"
#include "index_schema.h"
#include "result_groups.h"
#include "test_env.h"

using namespace pep;
using namespace pep::test;

namespace {

struct Oracle {
  std::vector<std::string> sources;                            // by best passage
  std::map<std::string, std::vector<Xapian::docid>> passages;  // rank order
  size_t total = 0;
};

Oracle flat_oracle(const Xapian::Database& db, const Xapian::Query& q, const Xapian::Weight& weighting) {
  Xapian::Enquire enquire(db);
  enquire.set_weighting_scheme(weighting);
  enquire.set_query(q);
  const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
  Oracle o;
  for (auto m = mset.begin(); m != mset.end(); ++m) {
    const std::string source = m.get_document().get_value(schema::kSourceSlot);
    auto& list = o.passages[source];
    if (list.empty()) o.sources.push_back(source);
    list.push_back(*m);
    ++o.total;
  }
  return o;
}

}  // namespace

TEST_CASE("group_by_source pages over sources as the flat ranking groups them") {
  TempDir tmp;
  {
    Xapian::WritableDatabase writable((tmp / "db").string(), Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
    std::mt19937 rng(27);
    for (Xapian::docid did = 1; did <= 600; ++did) {
      Xapian::Document doc;
      for (int t = 0; t < 8; ++t)
        if (rng() % (t + 2) == 0) doc.add_term("Zt" + std::to_string(t), 1 + rng() % 4);
      doc.add_term("Zall");
      doc.add_value(schema::kSourceSlot, "src" + std::to_string(rng() % 37));  // sources interleaved
      writable.add_document(doc);
    }
    writable.commit();
  }
  const Xapian::Database db((tmp / "db").string());
  const Xapian::BM25Weight weighting(1.0, 0, 1, 0, 0.5);
  for (const auto& terms : std::vector<std::vector<std::string>>{{"Zt0"}, {"Zt3", "Zt5"}, {"Zt7"}, {"Zall"}}) {
    const Xapian::Query q(Xapian::Query::OP_OR, terms.begin(), terms.end());
    const Oracle o = flat_oracle(db, q, weighting);
    for (const auto& [per_page, sub_limit] : std::vector<std::pair<int, int>>{{4, 3}, {10, 0}, {7, 20}}) {
      INFO(q.get_description() << ", " << per_page << " per page, sub_limit " << sub_limit);
      std::vector<std::string> seen;
      std::set<Xapian::docid> shown;
      for (int page = 1;; ++page) {
        const GroupedPage g = group_by_source({db, weighting, q, q}, page, per_page, sub_limit);
        CHECK(g.total_passages == o.total);
        CHECK(g.total_groups == o.sources.size());
        for (const auto& group : g.groups) {
          const auto& list = o.passages.at(group.source_id);
          seen.push_back(group.source_id);
          CHECK(group.best.docid == list[0]);
          CHECK(group.matches == list.size());
          REQUIRE(group.more.size() == std::min<size_t>(sub_limit, list.size() - 1));
          for (size_t k = 0; k < group.more.size(); ++k) {
            CHECK(group.more[k].docid == list[k + 1]);
            CHECK(shown.insert(group.more[k].docid).second);
          }
          CHECK(shown.insert(group.best.docid).second);
        }
        if (g.groups.size() < static_cast<size_t>(per_page)) break;
      }
      CHECK(seen == o.sources);
    }
  }
}
