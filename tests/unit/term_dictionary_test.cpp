#include <catch2/catch.hpp>

#include "term_dictionary.h"

using pep::TermDictionary;

TEST_CASE("the form dictionary round-trips, finds prefixes and sums shards") {
  const std::string a = TermDictionary::encode({{"lowering", 3}, {"lower", 1}, {"vegf", 7}});
  const std::string b = TermDictionary::encode({{"lowering", 2}, {"sepsis", 4}});
  CHECK(a == "lower\t1\nlowering\t3\nvegf\t7\n");  // sorted by form

  const TermDictionary merged(TermDictionary::merge({a, b}));
  CHECK(merged.size() == 4);
  CHECK(merged.contains("sepsis"));
  CHECK_FALSE(merged.contains("sep"));
  const auto low = merged.with_prefix("lowe");
  REQUIRE(low.size() == 2);
  CHECK(low[0].form == "lower");
  CHECK(low[1].form == "lowering");
  CHECK(low[1].count == 5);  // 3 + 2
  CHECK(merged.with_prefix("x").empty());
  CHECK(merged.with_prefix("").size() == 4);
}

TEST_CASE("a damaged form dictionary loses its bad lines, not the search") {
  const TermDictionary d("good\t2\nno-count\n\t5\nbad\tx\nalso\t1\n");
  CHECK(d.size() == 2);
  CHECK(d.contains("good"));
  CHECK(d.contains("also"));
  CHECK(TermDictionary("").size() == 0);
}
