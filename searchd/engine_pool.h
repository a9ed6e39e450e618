// EnginePool: QueryEngines for searchd's worker threads. Xapian objects are not thread-safe, so
// a request leases an engine for its own exclusive use and gives it back when done; the pool
// grows to the number of requests served at once (at most the thread count).
//
// Leasing an engine also keeps it current: at most every `recheck` it asks whether `pepindex
// build` published a new generation and opens it, verified fully first (every file's SHA-256
// against its manifest, generation.h). An engine whose new generation does not verify keeps
// serving the one it had (logged once); an engine opened afresh cannot open it, so that request
// (and /readyz) answers 503. The previous generation stays on disk one rebuild long, so a search
// running on it when the swap happens still finishes.
//
// Damage while serving: a GenerationWatch (generation_watch.h) stats the served generation's
// files at most every kWatchInterval (and on every check(), which /readyz calls) and verifies them in
// full when they changed; an engine whose query hit a Xapian database error has its generation
// verified at once (suspect()). No engine serves a generation found damaged: lease() throws
// IndexError (503 index_unavailable) while the live generation is damaged, and opens the live one
// afresh once a good generation is published (or the files verify again).
#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "generation_watch.h"
#include "query_engine.h"

namespace pep {

class EnginePool {
 public:
  using Clock = std::chrono::steady_clock;
  // `on_open` hears the stats of every generation an engine opens (for /metrics).
  EnginePool(std::filesystem::path index_dir, std::function<void(const IndexStats&)> on_open,
             Clock::duration recheck = std::chrono::milliseconds(200));

  class Lease {
   public:
    Lease(EnginePool& pool, std::unique_ptr<QueryEngine> engine, Clock::time_point checked)
        : pool_(pool), engine_(std::move(engine)), checked_(checked) {}
    ~Lease();
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    QueryEngine& operator*() const { return *engine_; }
    QueryEngine* operator->() const { return engine_.get(); }
    // Replaces the engine by a freshly opened one, after an error that may have been the index's.
    void reopen();

   private:
    EnginePool& pool_;
    std::unique_ptr<QueryEngine> engine_;
    Clock::time_point checked_;  // when the engine last looked for a new generation
  };

  // Throws IndexError while there is no index to open, or the live one is damaged.
  Lease lease();
  // Every engine opened from now on counts facets with this limit (QueryEngine::set_facet_count_limit).
  // Call before the first lease.
  void set_facet_count_limit(size_t limit) { facet_count_limit_ = limit; }
  // True once an engine has opened the index.
  bool ready() const { return ready_; }
  // Looks for damage in the generations engines serve now (a stat per file; a full verification
  // of a generation whose files changed).
  void check() { watch_.check(); }
  // Why the live generation must not be served ("" when it may, or when there is none).
  std::string live_damage() const;
  // An engine serving `generation` failed in a way a damaged index would: verify it in full now.
  void suspect(const std::string& generation) { watch_.verify(generation); }

 private:
  struct Idle {
    std::unique_ptr<QueryEngine> engine;
    Clock::time_point checked;
  };
  std::unique_ptr<QueryEngine> open_engine();
  void give_back(std::unique_ptr<QueryEngine> engine, Clock::time_point checked);
  // Runs watch_.check() when the last run is older than kWatchInterval.
  void check_now_and_then();
  // How often a request looks for damage (a stat per file of the served generation): a damaged
  // replica answers at most this long after the damage, whatever its load balancer checks.
  static constexpr Clock::duration kWatchInterval = std::chrono::milliseconds(20);

  const std::filesystem::path dir_;
  const std::function<void(const IndexStats&)> on_open_;
  const Clock::duration recheck_;
  std::mutex mutex_;
  std::vector<Idle> idle_;
  std::atomic<bool> ready_{false};
  GenerationWatch watch_;
  std::atomic<Clock::rep> last_check_{0};  // Clock::time_point of the last watch_.check(), as a count
  size_t facet_count_limit_ = 0;
};

}  // namespace pep
