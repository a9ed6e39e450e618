// BuildLock on a new index directory: two builds that start at the same moment both see an
// unmarked directory; exactly one claims and locks it, the other is told a build is running and
// never that the directory is foreign. Many rounds, because the race window is a few syscalls.
#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <optional>
#include <thread>

#include "index_location.h"
#include "test_env.h"

namespace fs = std::filesystem;

namespace {

// "" when the lock was taken (and is held until the barrier below), else the error's text.
std::string try_lock(const fs::path& dir, std::atomic<int>& ready, std::atomic<int>& done) {
  ready.fetch_add(1);
  while (ready.load() < 2) std::this_thread::yield();
  std::string outcome;
  std::optional<pep::BuildLock> lock;
  try {
    lock.emplace(dir);
  } catch (const pep::IndexError& e) {
    outcome = e.what();
  }
  done.fetch_add(1);
  while (done.load() < 2) std::this_thread::yield();  // hold the lock until both have tried
  return outcome;
}

}  // namespace

TEST_CASE("build lock: two builds claiming a new directory at once never call it foreign") {
  pep::test::TempDir tmp;
  int both_failed = 0, foreign = 0, winners = 0;
  for (int round = 0; round < 300; ++round) {
    const fs::path dir = tmp.path() / ("index-" + std::to_string(round));
    std::atomic<int> ready{0}, done{0};
    std::string a, b;
    std::thread ta([&] { a = try_lock(dir, ready, done); });
    std::thread tb([&] { b = try_lock(dir, ready, done); });
    ta.join();
    tb.join();
    for (const auto* e : {&a, &b}) {
      if (e->empty()) ++winners;
      else if (e->find("another pepindex build is running") == std::string::npos) {
        ++foreign;
        UNSCOPED_INFO("round " << round << ": " << *e);
      }
    }
    both_failed += (!a.empty() && !b.empty()) ? 1 : 0;
    CHECK(fs::exists(dir / ".pepsearch-index"));
  }
  CHECK(foreign == 0);
  CHECK(both_failed == 0);
  CHECK(winners == 300);
}
