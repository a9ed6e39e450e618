#include "engine_pool.h"

#include <iostream>

#include "error.h"
#include "index_location.h"

namespace pep {

EnginePool::EnginePool(std::filesystem::path index_dir, std::function<void(const IndexStats&)> on_open,
                       Clock::duration recheck)
    : dir_(std::move(index_dir)), on_open_(std::move(on_open)), recheck_(recheck), watch_(dir_) {}

std::unique_ptr<QueryEngine> EnginePool::open_engine() {
  // A generation found damaged is not verified again on every request: it stays refused until
  // its files change (GenerationWatch::check) or another generation is published.
  const std::string live = live_generation(dir_);  // IndexError when there is none
  if (std::string damage = watch_.damaged(live); !damage.empty()) throw IndexError(damage);
  std::unique_ptr<QueryEngine> engine;
  try {
    engine = std::make_unique<QueryEngine>(dir_, Verify::kChecksums);
  } catch (const IndexError& e) {
    watch_.refused(live, e.what());
    throw;
  }
  watch_.opened(engine->generation());
  engine->set_facet_count_limit(facet_count_limit_);
  ready_ = true;
  on_open_(engine->stats());
  return engine;
}

std::string EnginePool::live_damage() const {
  try {
    return watch_.damaged(live_generation(dir_));
  } catch (const IndexError&) {
    return "";
  }
}

void EnginePool::check_now_and_then() {
  const Clock::rep now = Clock::now().time_since_epoch().count();
  Clock::rep last = last_check_.load();
  if (now - last < kWatchInterval.count()) return;
  if (last_check_.compare_exchange_strong(last, now)) watch_.check_unless_busy();  // one thread per interval
}

EnginePool::Lease EnginePool::lease() {
  Idle idle;
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      idle = std::move(idle_.back());
      idle_.pop_back();
    }
  }
  check_now_and_then();
  if (idle.engine && !watch_.damaged(idle.engine->generation()).empty()) idle.engine.reset();  // never served again
  if (!idle.engine) return Lease(*this, open_engine(), Clock::now());
  // The check is a readlink; rate-limiting it keeps a busy server from doing one per request.
  if (const auto now = Clock::now(); now - idle.checked >= recheck_) {
    idle.checked = now;
    try {
      if (idle.engine->reopen_if_changed()) {
        watch_.opened(idle.engine->generation());
        on_open_(idle.engine->stats());
      }
    } catch (const IndexError& e) {
      // The new generation does not verify: keep serving this engine's, which stays on disk.
      std::cerr << "searchd: not switching to the new index generation: " << e.what() << "\n";
    } catch (...) {
      // Half-switched engines are not worth repairing: drop it and open the live generation afresh
      // (which throws, to the request, if that fails too).
      return Lease(*this, open_engine(), now);
    }
  }
  return Lease(*this, std::move(idle.engine), idle.checked);
}

void EnginePool::give_back(std::unique_ptr<QueryEngine> engine, Clock::time_point checked) {
  std::lock_guard lock(mutex_);
  idle_.push_back({std::move(engine), checked});
}

EnginePool::Lease::~Lease() {
  if (engine_) pool_.give_back(std::move(engine_), checked_);
}

void EnginePool::Lease::reopen() {
  engine_.reset();
  engine_ = pool_.open_engine();
  checked_ = Clock::now();
}

}  // namespace pep
