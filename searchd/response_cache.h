// ResponseCache: recent /api/search answers, so a query typed again (search-as-you-type repeats
// prefixes; a site's popular searches repeat all day) costs a lookup instead of a search.
//
// Keys include the index generation, so a rebuild makes every older entry unreachable (they
// age out); values are the finished JSON bodies with their result counts (for the access log). Least recently used entries go first once
// `max_entries` or `max_bytes` is exceeded. Thread-safe: one cache serves all workers.
#pragma once

#include <cstddef>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace pep {

struct CachedAnswer {
  std::string body;
  size_t results = 0;  // SearchResponse::total
};

class ResponseCache {
 public:
  ResponseCache(size_t max_entries, size_t max_bytes) : max_entries_(max_entries), max_bytes_(max_bytes) {}

  std::optional<CachedAnswer> get(const std::string& key);
  void put(const std::string& key, CachedAnswer answer);

 private:
  using Entry = std::pair<std::string, CachedAnswer>;
  std::mutex mu_;
  std::list<Entry> lru_;  // most recent first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
  size_t bytes_ = 0;
  const size_t max_entries_;
  const size_t max_bytes_;
};

}  // namespace pep
