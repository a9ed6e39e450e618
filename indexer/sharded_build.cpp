#include "sharded_build.h"

#include <algorithm>
#include <exception>
#include <thread>

#include "document_queue.h"
#include "generation_merge.h"
#include "generation_writer.h"
#include "index_writer.h"
#include "monograph_parser.h"

namespace fs = std::filesystem;

namespace pep {

struct ShardedBuild::Worker {
  fs::path dir;
  DocumentQueue queue;
  std::exception_ptr error;  // read after the thread is joined
  std::vector<std::pair<size_t, std::string>> warnings;
  std::thread thread;

  void run(const Vocabulary& vocab, std::atomic<size_t>& passages) {
    try {
      MonographParser parser(vocab);
      GenerationWriter shard(dir);
      IndexWriter writer(shard, parser.forms(), vocab.stopwords);
      while (auto item = queue.pop()) {
        const std::string path = item->second.path;
        const ParsedDocument parsed = parser.parse(std::move(item->second));
        for (const auto& w : parsed.warnings) warnings.emplace_back(item->first, path + ": " + w);
        passages += writer.add(parsed);
      }
      writer.commit();
    } catch (...) {
      error = std::current_exception();
      queue.abandon();  // the reader's pushes return at once; finish() reports the error
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
    w->queue.abandon();
    if (w->thread.joinable()) w->thread.join();
    std::error_code ec;
    fs::remove_all(w->dir, ec);
  }
}

void ShardedBuild::add(Document&& doc) {
  const size_t n = next_++;
  workers_[n % workers_.size()]->queue.push(n, std::move(doc));  // false: the worker failed; finish() says why
}

std::vector<std::string> ShardedBuild::finish(const std::map<std::string, std::string>& metadata) {
  for (auto& w : workers_) w->queue.close();
  for (auto& w : workers_) w->thread.join();
  for (auto& w : workers_)
    if (w->error) std::rethrow_exception(w->error);

  std::vector<fs::path> shards;
  for (auto& w : workers_) shards.push_back(w->dir);
  merge_generations(shards, metadata, out_);

  std::vector<std::pair<size_t, std::string>> all;
  for (auto& w : workers_) all.insert(all.end(), w->warnings.begin(), w->warnings.end());
  std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> out;
  for (auto& [n, text] : all) out.push_back(std::move(text));
  return out;
}

}  // namespace pep
