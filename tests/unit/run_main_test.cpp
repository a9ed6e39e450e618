// run_main (common/run_main.h): what a program's body throws becomes "<program>: message" on
// stderr and exit code 2; the body's own exit codes pass through.
#include <xapian.h>

#include <catch2/catch.hpp>
#include <iostream>
#include <sstream>

#include "error.h"
#include "run_main.h"

namespace {

struct Outcome {
  int code;
  std::string said;
};

template <typename Body>
Outcome run_body(Body body) {
  std::ostringstream err;
  auto* old = std::cerr.rdbuf(err.rdbuf());
  char name[] = "/usr/bin/pepsearch";
  char* argv[] = {name, nullptr};
  const int code = pep::run_main(1, argv, [&](int, char**) { return body(); });
  std::cerr.rdbuf(old);
  return {code, err.str()};
}

}  // namespace

TEST_CASE("run_main: exceptions, Xapian's included, are exit 2 with the program's name, and exit codes pass through") {
  CHECK(run_body([] { return 1; }).code == 1);
  CHECK(run_body([] { return 0; }).said.empty());
  const Outcome usage = run_body([]() -> int { throw pep::UsageError("give one of --a, --b"); });
  CHECK(usage.code == 2);
  CHECK(usage.said == "pepsearch: give one of --a, --b (see pepsearch --help)\n");
  const Outcome index = run_body([]() -> int { throw pep::IndexError("no index at x"); });
  CHECK(index.code == 2);
  CHECK(index.said == "pepsearch: no index at x\n");
  const Outcome corrupt = run_body([]() -> int { throw Xapian::DatabaseCorruptError("bad block"); });
  CHECK(corrupt.code == 2);
  CHECK(corrupt.said.find("bad block") != std::string::npos);
  CHECK(corrupt.said.find(pep::kRebuildHint) != std::string::npos);
  const Outcome opening = run_body([]() -> int { throw Xapian::DatabaseOpeningError("no such database"); });
  CHECK(opening.code == 2);
  CHECK(opening.said.find(pep::kRebuildHint) != std::string::npos);
  CHECK(run_body([]() -> int { throw Xapian::InvalidArgumentError("odd"); }).code == 2);
  CHECK(run_body([]() -> int { throw std::runtime_error("disk on fire"); }).said == "pepsearch: disk on fire\n");
}
