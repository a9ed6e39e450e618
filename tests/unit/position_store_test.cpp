#include <catch2/catch.hpp>

#include <fstream>
#include <random>

#include "index_location.h"
#include "position_store.h"
#include "positional_filter.h"
#include "test_env.h"

using pep::IndexError;
using pep::PositionStore;
using pep::PositionStoreWriter;
using pep::TermPosition;

namespace {

// Postings as a passage has them: positions counting up with gaps (stop words), some positions
// holding two terms (a compound's joined form and its first piece), some documents empty.
std::vector<std::vector<TermPosition>> sample_documents(size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::vector<std::vector<TermPosition>> out;
  for (size_t i = 0; i < n; ++i) {
    std::vector<TermPosition> d;
    const size_t len = i % 13 == 0 ? 0 : rng() % 300;
    uint32_t pos = 0;
    for (size_t k = 0; k < len; ++k) {
      pos += 1 + rng() % 3;
      d.push_back({pos, static_cast<uint32_t>(rng())});
      if (rng() % 7 == 0) d.push_back({pos, static_cast<uint32_t>(rng())});
    }
    if (i == 5) d.push_back({4000000000u, 7});  // large positions need long varints
    std::sort(d.begin(), d.end(), [](const auto& a, const auto& b) { return a.position != b.position ? a.position < b.position : a.key < b.key; });
    out.push_back(std::move(d));
  }
  return out;
}

void write_store(const std::filesystem::path& file, const std::vector<std::vector<TermPosition>>& docs) {
  PositionStoreWriter w(file);
  for (const auto& d : docs) {
    auto shuffled = d;  // the writer sorts
    std::reverse(shuffled.begin(), shuffled.end());
    w.add(shuffled);
  }
  w.finish();
}

}  // namespace

TEST_CASE("the position store gives back every document's postings in position order") {
  pep::test::TempDir dir;
  const auto docs = sample_documents(2000, 1);
  write_store(dir.path() / "p.store", docs);
  PositionStore store(dir.path() / "p.store");
  REQUIRE(store.size() == docs.size());
  std::vector<TermPosition> got;
  for (uint32_t id = 1; id <= store.size(); ++id) {
    store.get(id, got);
    REQUIRE(got == docs[id - 1]);
  }
  CHECK_THROWS_AS(store.get(0, got), IndexError);
  CHECK_THROWS_AS(store.get(store.size() + 1, got), IndexError);
}

TEST_CASE("an empty position store opens with no documents") {
  pep::test::TempDir dir;
  write_store(dir.path() / "p.store", {});
  PositionStore store(dir.path() / "p.store");
  CHECK(store.size() == 0);
}

TEST_CASE("merged position stores number documents in input order") {
  pep::test::TempDir dir;
  const auto a = sample_documents(300, 2), b = sample_documents(450, 3);
  write_store(dir.path() / "a.store", a);
  write_store(dir.path() / "b.store", b);
  CHECK(pep::merge_position_stores({dir.path() / "a.store", dir.path() / "b.store"}, dir.path() / "m.store") == 750);
  PositionStore m(dir.path() / "m.store");
  REQUIRE(m.size() == 750);
  std::vector<TermPosition> got;
  for (uint32_t id = 1; id <= 750; ++id) {
    m.get(id, got);
    REQUIRE(got == (id <= 300 ? a[id - 1] : b[id - 301]));
  }
}

TEST_CASE("a damaged position store is refused with the rebuild hint, never read wrongly") {
  pep::test::TempDir dir;
  const auto docs = sample_documents(200, 4);
  write_store(dir.path() / "p.store", docs);
  const std::string good = pep::test::read_file(dir.path() / "p.store");

  pep::test::write_file(dir.path() / "t.store", good.substr(0, good.size() - 3));
  CHECK_THROWS_WITH(PositionStore(dir.path() / "t.store"), Catch::Contains("pepindex build"));
  CHECK_THROWS_AS(PositionStore(dir.path() / "missing.store"), IndexError);

  // Flipped bytes: records carry checksums and the directory is checked, so nearly every flip is
  // refused (a flip in the footer's unused bits, or one the checks cannot see, may pass).
  std::mt19937 rng(5);
  size_t caught = 0;
  for (int trial = 0; trial < 300; ++trial) {
    std::string bad = good;
    bad[rng() % bad.size()] ^= static_cast<char>(1 + rng() % 255);
    pep::test::write_file(dir.path() / "b.store", bad);
    try {
      PositionStore s(dir.path() / "b.store");
      std::vector<TermPosition> got;
      for (uint32_t id = 1; id <= s.size(); ++id) s.get(id, got);
    } catch (const IndexError&) {
      ++caught;
    }
  }
  INFO(caught << " of 300 damaged copies refused");
  CHECK(caught >= 290);
}

TEST_CASE("find gives the positions of the asked keys only, and false when one is missing") {
  pep::test::TempDir dir;
  const auto docs = sample_documents(300, 6);
  write_store(dir.path() / "p.store", docs);
  PositionStore store(dir.path() / "p.store");
  std::vector<std::vector<uint32_t>> at;
  for (uint32_t id = 1; id <= store.size(); ++id) {
    const auto& d = docs[id - 1];
    if (d.size() < 2) {
      CHECK_FALSE(store.find(id, {12345}, at));
      continue;
    }
    const std::vector<uint32_t> keys{d.back().key, d.front().key};
    REQUIRE(store.find(id, keys, at));
    for (size_t k = 0; k < keys.size(); ++k) {
      std::vector<uint32_t> expected;
      for (const auto& p : d)
        if (p.key == keys[k]) expected.push_back(p.position);
      REQUIRE(at[k] == expected);
    }
    bool present = false;
    for (const auto& p : d) present = present || p.key == 12345;
    if (!present) CHECK_FALSE(store.find(id, {d.front().key, 12345}, at));
  }
}

TEST_CASE("positions_match: phrases in order within their window, proximity in any order") {
  // The positions of each key in `doc`, as PositionStore::find gives them.
  auto positions_match = [](const std::vector<TermPosition>& doc, const std::vector<uint32_t>& keys, uint32_t window, bool ordered) {
    std::vector<std::vector<uint32_t>> at(keys.size());
    for (const auto& p : doc)
      for (size_t i = 0; i < keys.size(); ++i)
        if (p.key == keys[i]) at[i].push_back(p.position);
    return pep::positions_match(at, window, ordered);
  };
  const uint32_t a = 1, b = 2, c = 3;
  // "a b _ c a": a@1 b@2 c@4 a@5
  const std::vector<TermPosition> doc{{1, a}, {2, b}, {4, c}, {5, a}};
  CHECK(positions_match(doc, {a, b}, 2, true));          // exact phrase
  CHECK_FALSE(positions_match(doc, {b, a}, 2, true));    // wrong order (b@2, a@5 is too far)
  CHECK(positions_match(doc, {b, a}, 4, true));          // ... unless the window reaches a@5
  CHECK_FALSE(positions_match(doc, {a, c}, 2, true));    // a gap (a stop word) needs a wider window
  CHECK(positions_match(doc, {a, c}, 4, true));          // a@1 .. c@4 spans 4
  CHECK(positions_match(doc, {c, a}, 2, true));          // c@4 a@5
  CHECK(positions_match(doc, {a, b, c}, 4, true));
  CHECK_FALSE(positions_match(doc, {a, b, c}, 3, true));
  CHECK_FALSE(positions_match(doc, {a, 9}, 10, true));   // a term the document lacks
  CHECK(positions_match(doc, {a, a}, 5, true));          // a repeated word needs two positions
  CHECK_FALSE(positions_match(doc, {a, a}, 4, true));
  CHECK(positions_match(doc, {c, b}, 3, false));         // near: any order
  CHECK_FALSE(positions_match(doc, {c, b}, 2, false));
  // Two terms at one position (a compound's joined form and first piece) both count there.
  const std::vector<TermPosition> compound{{3, 10}, {3, 11}, {4, 12}};
  CHECK(positions_match(compound, {11, 12}, 2, true));
  CHECK(positions_match(compound, {10, 12}, 2, true));
}
