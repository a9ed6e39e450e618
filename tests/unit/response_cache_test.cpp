#include <catch2/catch.hpp>

#include "response_cache.h"

using pep::ResponseCache;

TEST_CASE("the response cache returns what was put, and forgets the least recently used first") {
  ResponseCache cache(2, 1 << 20);
  CHECK_FALSE(cache.get("gen-1\nq=a&"));
  cache.put("gen-1\nq=a&", {"A", 1});
  cache.put("gen-1\nq=b&", {"B", 1});
  CHECK(cache.get("gen-1\nq=a&")->body == "A");  // a is now the most recent
  cache.put("gen-1\nq=c&", {"C", 7});  // evicts b
  CHECK_FALSE(cache.get("gen-1\nq=b&"));
  CHECK(cache.get("gen-1\nq=c&")->body == "C");
  CHECK(cache.get("gen-1\nq=c&")->results == 7);
  CHECK_FALSE(cache.get("gen-2\nq=c&"));  // another index generation is another key
}

TEST_CASE("the response cache stays within its byte budget") {
  ResponseCache cache(100, 10);
  cache.put("k1", {"12345", 1});   // 7 bytes
  cache.put("k2", {"12345", 1});   // 14 > 10: k1 goes
  CHECK_FALSE(cache.get("k1"));
  CHECK(cache.get("k2"));
  cache.put("huge", {std::string(100, 'x'), 1});  // larger than the whole budget: not kept
  CHECK_FALSE(cache.get("huge"));
  CHECK(cache.get("k2"));
}
