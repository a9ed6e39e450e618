// ShardedBuild: parses and writes documents on several worker threads, one index shard each
// (a GenerationWriter directory), then merges them into one generation (merge_generations).
//
// Document k (in the order add() is called) goes to shard k % threads, and the compactor
// appends shards in order, so the same corpus always gives the same document ids: builds stay
// deterministic however the threads are scheduled. add() is called from one thread. Each worker
// owns its MonographParser, GenerationWriter and IndexWriter (Xapian and ICU objects are per thread).
#pragma once

#include <atomic>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "monograph.h"
#include "vocabulary.h"

namespace pep {

class ShardedBuild {
 public:
  // Shards are written to `<out>.shard-K.partial` beside `out`; `out` must not exist yet.
  ShardedBuild(const Vocabulary& vocabulary, const std::filesystem::path& out, unsigned threads);
  ~ShardedBuild();  // stops the workers; removes shard directories
  ShardedBuild(const ShardedBuild&) = delete;
  ShardedBuild& operator=(const ShardedBuild&) = delete;

  void add(Document&& doc);
  size_t passages() const { return passages_.load(); }

  // Waits for the workers, merges the shards into `out` with `metadata`, and returns the
  // editorial warnings as "path: message" in document order. Rethrows a worker's failure.
  std::vector<std::string> finish(const std::map<std::string, std::string>& metadata);

 private:
  struct Worker;
  std::vector<std::unique_ptr<Worker>> workers_;
  std::filesystem::path out_;
  size_t next_ = 0;
  std::atomic<size_t> passages_{0};
};

// Threads for a build: hardware threads, at least 1, at most 8.
unsigned default_build_threads();

}  // namespace pep
