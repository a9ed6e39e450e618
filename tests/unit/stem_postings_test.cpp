// StemPostings: the stems' posting lists file written by write_stem_postings and read back by term.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "index_location.h"
#include "stem_postings.h"
#include "test_env.h"

using namespace pep;
using namespace pep::test;

TEST_CASE("stem postings: every term's list, frequency and largest wdf, found by name") {
  TempDir tmp;
  PostingLists lists;
  for (uint32_t d = 1; d <= 500; d += 3) lists["Zcancer"].add(d, d % 4 + 1);
  lists["Zvegf"].add(7, 2);
  lists["Za"].add(1, 1);
  lists["Zempty"];  // no postings: left out
  const auto file = tmp / "stems.postings";
  write_stem_postings(file, {lists}, {0});

  const StemPostings stems(file);
  CHECK(stems.terms() == 3);
  CHECK(stems.term_at(0) == "Za");  // byte order
  CHECK(stems.term_at(1) == "Zcancer");
  CHECK(stems.term_at(2) == "Zvegf");
  CHECK_THROWS_AS(stems.term_at(3), IndexError);
  for (const auto& [term, list] : lists) {
    INFO(term);
    const StemPostings::List found = stems.find(term);
    CHECK(found.termfreq == list.size());
    CHECK(found.max_wdf == list.max_wdf());
    CHECK(stems.read(found) == list.bytes());
  }
  CHECK(stems.find("Zcancer").termfreq == 167);
  CHECK(stems.find("Zcancer").max_wdf == 4);
  CHECK(stems.contains("Zvegf"));
  CHECK_FALSE(stems.contains("Zempty"));
  CHECK_FALSE(stems.contains("Zb"));        // between two terms
  CHECK_FALSE(stems.contains("Zzzz"));      // after the last
  CHECK_FALSE(stems.contains(""));          // before the first
  CHECK(stems.read(stems.find("Zb")).empty());

  write_stem_postings(tmp / "none.postings", {}, {});
  const StemPostings none(tmp / "none.postings");
  CHECK(none.terms() == 0);
  CHECK_FALSE(none.contains("Zcancer"));
}

TEST_CASE("stem postings: a missing, foreign or damaged file is refused with the rebuild hint") {
  TempDir tmp;
  CHECK_THROWS_WITH(StemPostings(tmp / "missing"), Catch::Contains("rebuild the index with pepindex build"));
  write_file(tmp / "foreign", std::string(200, 'x'));
  CHECK_THROWS_WITH(StemPostings(tmp / "foreign"), Catch::Contains("is not a pepsearch stem postings file"));

  PostingLists lists;
  lists["Zcancer"].add(1, 1);
  lists["Zvegf"].add(2, 1);
  write_stem_postings(tmp / "good", {lists}, {0});
  std::string bytes = read_file(tmp / "good");
  write_file(tmp / "short", bytes.substr(5));  // the start lost: the table no longer fits the file
  CHECK_THROWS_WITH(StemPostings(tmp / "short"), Catch::Contains("is damaged"));
}

TEST_CASE("stem postings: shards' lists are joined by term, each shard's ids moved on by its offset") {
  TempDir tmp;
  std::vector<PostingLists> shards(3);
  shards[0]["Zb"].add(1, 2);
  shards[0]["Zd"].add(3, 1);
  shards[1]["Za"].add(2, 5);
  shards[1]["Zb"].add(1, 1);
  shards[1]["Zb"].add(4, 9);
  shards[2]["Zb"].add(1, 3);
  shards[2]["Zc"];  // empty in every shard: left out
  write_stem_postings(tmp / "joined", shards, {0, 10, 20});
  const StemPostings stems(tmp / "joined");
  REQUIRE(stems.terms() == 3);
  CHECK(stems.term_at(0) == "Za");
  CHECK(stems.term_at(1) == "Zb");
  CHECK(stems.term_at(2) == "Zd");
  CHECK(decode_postings(stems.read(stems.find("Za"))) == std::vector<Posting>{{12, 5}});
  CHECK(decode_postings(stems.read(stems.find("Zb"))) == std::vector<Posting>{{1, 2}, {11, 1}, {14, 9}, {21, 3}});
  CHECK(stems.find("Zb").termfreq == 4);
  CHECK(stems.find("Zb").max_wdf == 9);
  CHECK(decode_postings(stems.read(stems.find("Zd"))) == std::vector<Posting>{{3, 1}});
  CHECK_FALSE(stems.contains("Zc"));
  // Offsets that would not keep the ids ascending are refused, not written.
  CHECK_THROWS_AS(write_stem_postings(tmp / "wrong", shards, {0, 0, 20}), IndexError);
}
