#include "response_cache.h"

namespace pep {

std::optional<CachedAnswer> ResponseCache::get(const std::string& key) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = index_.find(key);
  if (it == index_.end()) return std::nullopt;
  lru_.splice(lru_.begin(), lru_, it->second);
  return it->second->second;
}

void ResponseCache::put(const std::string& key, CachedAnswer answer) {
  if (max_entries_ == 0 || key.size() + answer.body.size() > max_bytes_) return;
  std::lock_guard<std::mutex> lock(mu_);
  if (auto it = index_.find(key); it != index_.end()) {
    bytes_ -= it->second->first.size() + it->second->second.body.size();
    lru_.erase(it->second);
    index_.erase(it);
  }
  bytes_ += key.size() + answer.body.size();
  lru_.emplace_front(key, std::move(answer));
  index_[key] = lru_.begin();
  while (!lru_.empty() && (lru_.size() > max_entries_ || bytes_ > max_bytes_)) {
    bytes_ -= lru_.back().first.size() + lru_.back().second.body.size();
    index_.erase(lru_.back().first);
    lru_.pop_back();
  }
}

}  // namespace pep
