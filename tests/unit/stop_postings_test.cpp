// StopPostingList and decode_stop_postings: the stop words' postings as index metadata holds them.
#include <catch2/catch.hpp>

#include "index_location.h"
#include "stop_postings.h"

using namespace pep;

TEST_CASE("stop postings round-trip, and shards join with their document ids moved on") {
  StopPostingList a;
  a.add(1, 3);
  a.add(2, 1);
  a.add(300, 70000);
  CHECK(decode_stop_postings(a.bytes()) == std::vector<StopPosting>{{1, 3}, {2, 1}, {300, 70000}});

  StopPostingList b;
  b.add(5, 2);
  StopPostingList joined;
  joined.append(a, 0);
  joined.append(b, 400);  // the first shard had 400 documents
  joined.append(StopPostingList(), 500);  // a shard without this stop word
  CHECK(decode_stop_postings(joined.bytes()) == std::vector<StopPosting>{{1, 3}, {2, 1}, {300, 70000}, {405, 2}});
  joined.add(406, 9);  // the joined list goes on from the last id appended
  CHECK(decode_stop_postings(joined.bytes()).back() == StopPosting{406, 9});
  CHECK(decode_stop_postings("").empty());

  // Ids must ascend: a join in the wrong order is refused, not written.
  StopPostingList wrong;
  wrong.append(b, 400);
  CHECK_THROWS_AS(wrong.append(a, 0), IndexError);
}

TEST_CASE("damaged stop postings are refused with the rebuild hint") {
  StopPostingList a;
  for (uint32_t d = 1; d < 2000; d += 7) a.add(d, d % 5 + 1);
  std::string bytes = a.bytes();
  bytes.back() = static_cast<char>(0x80);  // a varint that never ends
  CHECK_THROWS_WITH(decode_stop_postings(bytes), Catch::Contains("rebuild it with pepindex build"));
  CHECK_THROWS_AS(decode_stop_postings(std::string("\x00\x01", 2)), IndexError);  // a zero gap repeats a document
  CHECK_THROWS_AS(decode_stop_postings(std::string("\x05", 1)), IndexError);       // a document without its wdf
}
