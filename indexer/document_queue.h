// DocumentQueue: hands documents from the reader to one indexing worker, in order, holding at most
// Limits::documents documents or about Limits::bytes of their text (whichever comes first).
//
// Contract:
//  - push() blocks while the queue is full, until the worker has drained it to half of both limits
//    (or abandon() was called); a document is queued whatever its size if the queue is not full.
//    Each side wakes the other only on those edges: waking the reader for every document taken
//    costs a context switch per document.
//  - pop() blocks until a document is queued or close() was called; it returns nothing once the
//    queue is closed and empty.
//  - abandon() drops what is queued, closes the queue and makes every later push() drop its
//    document and return false: a failed worker does not stall the reader.
// One producer and one consumer thread.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <utility>

#include "monograph.h"

namespace pep {

class DocumentQueue {
 public:
  struct Limits {
    // Wide, because ShardedBuild deals documents round-robin: while the reader waits for one
    // worker's queue, it feeds no other, and a worker whose queue runs dry meanwhile sits idle.
    // A bound of 64 documents left workers idle dozens of times per build (decision 0008).
    size_t documents = 4096;
    size_t bytes = size_t{2} << 20;
  };
  using Item = std::pair<size_t, Document>;  // (document number, document)

  DocumentQueue() : DocumentQueue(Limits{}) {}
  explicit DocumentQueue(Limits limits) : limits_(limits) {}

  bool push(size_t number, Document&& doc);
  std::optional<Item> pop();
  void close();
  void abandon();

  // What a queued document counts against Limits::bytes.
  static size_t footprint(const Document& doc) { return sizeof(Document) + doc.text.size() + doc.title.size(); }

 private:
  bool full() const { return queue_.size() >= limits_.documents || bytes_ >= limits_.bytes; }
  bool half_drained() const { return queue_.size() <= limits_.documents / 2 && bytes_ <= limits_.bytes / 2; }

  const Limits limits_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Item> queue_;
  size_t bytes_ = 0;          // footprint() of the queued documents
  bool reader_waits_ = false; // the queue was full since the reader was last woken
  bool closed_ = false;
  bool abandoned_ = false;
};

}  // namespace pep
