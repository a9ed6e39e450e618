#include "engine_pool.h"

#include <iostream>

#include "error.h"

namespace pep {

EnginePool::EnginePool(std::filesystem::path index_dir, std::function<void(const IndexStats&)> on_open,
                       Clock::duration recheck)
    : dir_(std::move(index_dir)), on_open_(std::move(on_open)), recheck_(recheck) {}

std::unique_ptr<QueryEngine> EnginePool::open_engine() {
  auto engine = std::make_unique<QueryEngine>(dir_, Verify::kChecksums);
  engine->set_facet_count_limit(facet_count_limit_);
  ready_ = true;
  on_open_(engine->stats());
  return engine;
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
  if (!idle.engine) return Lease(*this, open_engine(), Clock::now());
  // The check is a readlink; rate-limiting it keeps a busy server from doing one per request.
  if (const auto now = Clock::now(); now - idle.checked >= recheck_) {
    idle.checked = now;
    try {
      if (idle.engine->reopen_if_changed()) on_open_(idle.engine->stats());
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
