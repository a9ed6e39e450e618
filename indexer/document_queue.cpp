#include "document_queue.h"

namespace pep {

bool DocumentQueue::push(size_t number, Document&& doc) {
  std::unique_lock<std::mutex> lock(mu_);
  if (full()) cv_.wait(lock, [&] { return half_drained() || abandoned_; });
  if (abandoned_) return false;
  bytes_ += footprint(doc);
  queue_.emplace_back(number, std::move(doc));
  if (queue_.size() == 1) cv_.notify_all();  // the worker may be waiting for work
  return true;
}

std::optional<DocumentQueue::Item> DocumentQueue::pop() {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [&] { return !queue_.empty() || closed_; });
  if (queue_.empty()) return std::nullopt;
  if (full()) reader_waits_ = true;  // the reader may be waiting from here on
  Item item = std::move(queue_.front());
  queue_.pop_front();
  bytes_ -= footprint(item.second);
  if (reader_waits_ && half_drained()) {
    reader_waits_ = false;
    cv_.notify_all();
  }
  return item;
}

void DocumentQueue::close() {
  std::lock_guard<std::mutex> lock(mu_);
  closed_ = true;
  cv_.notify_all();
}

void DocumentQueue::abandon() {
  std::lock_guard<std::mutex> lock(mu_);
  queue_.clear();
  bytes_ = 0;
  closed_ = abandoned_ = true;
  cv_.notify_all();
}

}  // namespace pep
