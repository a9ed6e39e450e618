// PostingList, decode_postings and PostingCursor: the postings the index keeps outside Xapian (the
// stems' lists, the stop words' in the metadata).
#include <catch2/catch.hpp>

#include "index_location.h"
#include "posting_list.h"

using namespace pep;

TEST_CASE("postings round-trip, and shards join with their document ids moved on") {
  PostingList a;
  a.add(1, 3);
  a.add(2, 1);
  a.add(300, 70000);
  CHECK(decode_postings(a.bytes()) == std::vector<Posting>{{1, 3}, {2, 1}, {300, 70000}});

  PostingList b;
  b.add(5, 2);
  PostingList joined;
  joined.append(a, 0);
  joined.append(b, 400);  // the first shard had 400 documents
  joined.append(PostingList(), 500);  // a shard without this term
  CHECK(decode_postings(joined.bytes()) == std::vector<Posting>{{1, 3}, {2, 1}, {300, 70000}, {405, 2}});
  CHECK(joined.size() == 4);  // the document frequency and the largest wdf follow the joins
  CHECK(joined.max_wdf() == 70000);
  CHECK(b.size() == 1);
  CHECK(b.max_wdf() == 2);
  joined.add(406, 9);  // the joined list goes on from the last id appended
  CHECK(decode_postings(joined.bytes()).back() == Posting{406, 9});
  CHECK(decode_postings("").empty());

  // Ids must ascend: a join in the wrong order is refused, not written.
  PostingList wrong;
  wrong.append(b, 400);
  CHECK_THROWS_AS(wrong.append(a, 0), IndexError);
}

TEST_CASE("damaged postings are refused with the rebuild hint") {
  PostingList a;
  for (uint32_t d = 1; d < 2000; d += 7) a.add(d, d % 5 + 1);
  std::string bytes = a.bytes();
  bytes.back() = static_cast<char>(0x80);  // a varint that never ends
  CHECK_THROWS_WITH(decode_postings(bytes), Catch::Contains("rebuild it with pepindex build"));
  CHECK_THROWS_AS(decode_postings(std::string("\x00\x01", 2)), IndexError);  // a zero gap repeats a document
  CHECK_THROWS_AS(decode_postings(std::string("\x05", 1)), IndexError);       // a document without its wdf
}

TEST_CASE("a cursor walks a list in place, and skip_to stops at the first posting at or after the target") {
  PostingList list;
  const std::vector<Posting> all{{2, 1}, {3, 4}, {70, 2}, {128, 1}, {129, 300}, {100000, 7}};
  for (const auto& p : all) list.add(p.docid, p.wdf);

  PostingCursor walk(list.bytes());
  std::vector<Posting> seen;
  while (walk.next()) seen.push_back({walk.docid(), walk.wdf()});
  CHECK(seen == all);
  CHECK(walk.at_end());
  CHECK_FALSE(walk.next());

  PostingCursor c(list.bytes());
  CHECK(c.skip_to(1));  // before the first posting: the first
  CHECK(c.docid() == 2);
  CHECK(c.skip_to(2));  // already there: stays
  CHECK(c.docid() == 2);
  CHECK(c.skip_to(71));
  CHECK(c.docid() == 128);
  CHECK(c.wdf() == 1);
  CHECK(c.skip_to(5));  // behind the current posting: stays
  CHECK(c.docid() == 128);
  CHECK(c.next());
  CHECK(c.docid() == 129);
  CHECK(c.wdf() == 300);
  CHECK(c.skip_to(100000));
  CHECK(c.wdf() == 7);
  CHECK_FALSE(c.skip_to(100001));
  CHECK(c.at_end());

  PostingCursor none{std::string_view()};
  CHECK_FALSE(none.skip_to(1));
  CHECK(none.at_end());
  PostingCursor fresh(list.bytes());
  CHECK_FALSE(fresh.at_end());  // not ended before its first move
}

TEST_CASE("a cursor refuses ids past 32 bits") {
  std::string bytes;
  bytes += std::string("\xff\xff\xff\xff\x0f\x01", 6);  // document 2^32 - 1, wdf 1
  bytes += std::string("\x01\x01", 2);                      // one more: past 2^32 - 1
  PostingCursor c(bytes);
  CHECK(c.next());
  CHECK(c.docid() == UINT32_MAX);
  CHECK_THROWS_AS(c.next(), IndexError);
  CHECK_THROWS_AS(decode_postings(std::string("\xff\xff\xff\xff\x1f\x01", 6)), IndexError);  // a varint over 32 bits
}

TEST_CASE("align leapfrogs cursors to the first document they all hold") {
  PostingList a, b, c;
  for (uint32_t d : {2, 5, 9, 14, 20}) a.add(d, 1);
  for (uint32_t d : {3, 9, 13, 14, 30}) b.add(d, 1);
  for (uint32_t d : {1, 9, 14}) c.add(d, 1);
  std::vector<PostingCursor> lists{PostingCursor(a.bytes()), PostingCursor(b.bytes()), PostingCursor(c.bytes())};
  uint32_t target = 1;
  REQUIRE(align(lists, target));
  CHECK(target == 9);
  target = 10;
  REQUIRE(align(lists, target));
  CHECK(target == 14);
  target = 15;
  CHECK_FALSE(align(lists, target));  // c has nothing after 14
}
