#include <catch2/catch.hpp>

#include <vector>

#include "child_process.h"

using pep::bench::run_measured;

TEST_CASE("a measured child's peak RSS is its own and not the forking parent's") {
  // Until exec the child is a copy of this process; a VmHWM sampled then is the parent's. pepbench
  // holds a few hundred MB of passages when it builds the larger scales, so this one holds 300 MB.
  std::vector<char> held(size_t{300} << 20, 1);
  for (int k = 0; k < 5; ++k) {
    const auto r = run_measured({"/bin/sleep", "0.05"});
    CHECK(r.exit_code == 0);
    CHECK(r.peak_rss_mb > 0);   // sampled while it ran
    CHECK(r.peak_rss_mb < 50);  // sleep's own few MB
    CHECK(r.wall_s >= 0.05);
  }
  CHECK(held[held.size() / 2] == 1);
}

TEST_CASE("a program that cannot be started is measured as exit 127") {
  const auto r = run_measured({"/nonexistent/program"});
  CHECK(r.exit_code == 127);
}
