#include "sharded_build.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>

#include "index_writer.h"
#include "monograph_parser.h"

namespace fs = std::filesystem;

namespace pep {

struct ShardedBuild::Worker {
  fs::path dir;
  std::mutex mu;
  std::condition_variable cv;
  std::deque<std::pair<size_t, Document>> queue;  // (document number, document)
  bool closed = false;
  std::exception_ptr error;
  std::vector<std::pair<size_t, std::string>> warnings;
  std::map<std::string, std::string> metadata;  // written by this shard before its commit
  std::thread thread;

  // Bounds memory when the reader outpaces parsing (it does: reading is ~3% of a build's CPU). A
  // reader that finds the queue full waits until the worker has drained it to half, and each side
  // wakes the other only on those edges: waking the reader for every document taken cost a MedQuAD
  // build ~12,000 context switches and 0.3 s of system time.
  static constexpr size_t kMaxQueued = 64;
  static constexpr size_t kRefillAt = kMaxQueued / 2;

  void push(size_t n, Document&& d) {
    std::unique_lock<std::mutex> lock(mu);
    if (queue.size() >= kMaxQueued) cv.wait(lock, [&] { return queue.size() <= kRefillAt || error; });
    if (error) return;  // finish() reports it
    queue.emplace_back(n, std::move(d));
    if (queue.size() == 1) cv.notify_all();  // the worker may be waiting for work
  }

  void close() {
    std::lock_guard<std::mutex> lock(mu);
    closed = true;
    cv.notify_all();
  }

  void run(const Vocabulary& vocab, std::atomic<size_t>& passages) {
    try {
      MonographParser parser(vocab);
      IndexWriter writer(dir, parser.forms(), vocab.stopwords);
      for (;;) {
        std::pair<size_t, Document> item;
        {
          std::unique_lock<std::mutex> lock(mu);
          cv.wait(lock, [&] { return !queue.empty() || closed; });
          if (queue.empty()) break;
          item = std::move(queue.front());
          queue.pop_front();
          if (queue.size() == kRefillAt) cv.notify_all();  // the reader may be waiting for room
        }
        const std::string path = item.second.path;
        const ParsedDocument parsed = parser.parse(std::move(item.second));
        for (const auto& w : parsed.warnings) warnings.emplace_back(item.first, path + ": " + w);
        passages += writer.add(parsed);
      }
      for (const auto& [key, value] : metadata) writer.set_metadata(key, value);
      writer.commit();
    } catch (...) {
      std::lock_guard<std::mutex> lock(mu);
      error = std::current_exception();
      queue.clear();
      cv.notify_all();
    }
  }
};

unsigned default_build_threads() { return std::clamp(std::thread::hardware_concurrency(), 1u, 8u); }

ShardedBuild::ShardedBuild(const Vocabulary& vocab, const fs::path& out, unsigned threads) : out_(out) {
  threads = std::max(1u, threads);
  for (unsigned k = 0; k < threads; ++k) {
    auto w = std::make_unique<Worker>();
    // Named *.partial so a killed build's shards are cleaned up by the next build.
    w->dir = fs::path(out.string() + ".shard-" + std::to_string(k) + ".partial");
    workers_.push_back(std::move(w));
  }
  for (auto& w : workers_) w->thread = std::thread([&vocab, this, worker = w.get()] { worker->run(vocab, passages_); });
}

ShardedBuild::~ShardedBuild() {
  for (auto& w : workers_) {
    {
      std::lock_guard<std::mutex> lock(w->mu);
      w->queue.clear();
    }
    w->close();
    if (w->thread.joinable()) w->thread.join();
    std::error_code ec;
    fs::remove_all(w->dir, ec);
  }
}

void ShardedBuild::add(Document&& doc) {
  const size_t n = next_++;
  workers_[n % workers_.size()]->push(n, std::move(doc));
}

std::vector<std::string> ShardedBuild::finish(const std::map<std::string, std::string>& metadata) {
  {
    // The first shard carries the metadata; the compactor keeps it.
    std::lock_guard<std::mutex> lock(workers_[0]->mu);
    workers_[0]->metadata = metadata;
  }
  for (auto& w : workers_) w->close();
  for (auto& w : workers_) w->thread.join();
  for (auto& w : workers_)
    if (w->error) std::rethrow_exception(w->error);

  std::vector<fs::path> shards;
  for (auto& w : workers_) shards.push_back(w->dir);
  merge_shards(shards, out_);

  std::vector<std::pair<size_t, std::string>> all;
  for (auto& w : workers_) all.insert(all.end(), w->warnings.begin(), w->warnings.end());
  std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> out;
  for (auto& [n, text] : all) out.push_back(std::move(text));
  return out;
}

}  // namespace pep
