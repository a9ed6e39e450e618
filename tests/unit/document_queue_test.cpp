// DocumentQueue: the reader-to-worker hand-off of a sharded build. Order, the two limits, the
// half-drained wake-up and abandon() are what keep a build's memory bounded without stalling it.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <thread>

#include "document_queue.h"

using namespace pep;
using namespace std::chrono_literals;

namespace {

Document doc(const std::string& id, size_t text_bytes = 10) {
  Document d;
  d.id = id;
  d.text = std::string(text_bytes, 'x');
  return d;
}

// Waits up to 5 s for `pred`; a correct queue makes it true within milliseconds.
template <class Pred>
bool eventually(Pred pred) {
  for (int i = 0; i < 500 && !pred(); ++i) std::this_thread::sleep_for(10ms);
  return pred();
}

// Pushes documents 0, 1, 2, ... until told to stop, counting those queued.
struct Producer {
  DocumentQueue& queue;
  std::atomic<size_t> pushed{0};
  std::atomic<bool> refused{false};
  size_t total;
  size_t text_bytes;
  std::thread thread;
  Producer(DocumentQueue& q, size_t n, size_t bytes = 10) : queue(q), total(n), text_bytes(bytes) {
    thread = std::thread([this] {
      for (size_t i = 0; i < total; ++i) {
        if (!queue.push(i, doc(std::to_string(i), text_bytes))) {
          refused = true;
          return;
        }
        ++pushed;
      }
    });
  }
  ~Producer() { thread.join(); }
};

}  // namespace

TEST_CASE("documents come out in the order they went in, then nothing once closed") {
  DocumentQueue queue;
  for (size_t i = 0; i < 5; ++i) REQUIRE(queue.push(i, doc("d" + std::to_string(i))));
  queue.close();
  for (size_t i = 0; i < 5; ++i) {
    auto item = queue.pop();
    REQUIRE(item);
    CHECK(item->first == i);
    CHECK(item->second.id == "d" + std::to_string(i));
  }
  CHECK_FALSE(queue.pop());
}

TEST_CASE("a queue full by count holds the reader until the worker has drained it to half") {
  DocumentQueue queue(DocumentQueue::Limits{4, size_t{1} << 30});
  Producer producer(queue, 10);
  REQUIRE(eventually([&] { return producer.pushed == 4; }));
  std::this_thread::sleep_for(50ms);
  CHECK(producer.pushed == 4);  // blocked on the fifth

  CHECK(queue.pop()->first == 0);  // 3 left: more than half
  std::this_thread::sleep_for(50ms);
  CHECK(producer.pushed == 4);

  CHECK(queue.pop()->first == 1);  // 2 left: half, so the reader goes on and fills it again
  CHECK(eventually([&] { return producer.pushed == 6; }));
  std::this_thread::sleep_for(50ms);
  CHECK(producer.pushed == 6);

  for (size_t i = 2; i < 10; ++i) CHECK(queue.pop()->first == i);  // the rest, in order
}

TEST_CASE("a queue full by bytes holds the reader too; one document larger than the limit still passes") {
  const size_t one = DocumentQueue::footprint(doc("x", 1000));
  DocumentQueue queue(DocumentQueue::Limits{100, 3 * one});
  Producer producer(queue, 6, 1000);
  REQUIRE(eventually([&] { return producer.pushed == 3; }));
  std::this_thread::sleep_for(50ms);
  CHECK(producer.pushed == 3);
  CHECK(queue.pop()->first == 0);
  CHECK(queue.pop()->first == 1);  // one left: under half the bytes, so the reader fills it again
  CHECK(eventually([&] { return producer.pushed == 5; }));
  for (size_t i = 2; i < 6; ++i) CHECK(queue.pop()->first == i);

  DocumentQueue small(DocumentQueue::Limits{100, 10});
  CHECK(small.push(0, doc("big", 100000)));
  small.close();
  CHECK(small.pop()->second.text.size() == 100000);
}

TEST_CASE("abandon() frees a waiting reader, refuses later documents and ends the worker's loop") {
  DocumentQueue queue(DocumentQueue::Limits{2, size_t{1} << 30});
  Producer producer(queue, 10);
  REQUIRE(eventually([&] { return producer.pushed == 2; }));
  queue.abandon();
  CHECK(eventually([&] { return producer.refused.load(); }));
  CHECK(producer.pushed == 2);
  CHECK_FALSE(queue.pop());
  CHECK_FALSE(queue.push(99, doc("late")));
}
