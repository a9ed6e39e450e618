// run_main: the one place where the programs (pepindex, pepsearch, searchd) turn an exception into
// a message and an exit code. `body` is a program's main; what it throws is printed to stderr as
// "<program>: <message>" and mapped to exit code 2 (usage or index error): UsageError, IndexError,
// Xapian::Error (a damaged or unreadable database gets the rebuild hint), any std::exception.
// Exit codes 0 and 1 are the body's own (results / no results, build done / build failed).
// It also installs a std::terminate handler that names the error and exits 2 (run_main.cpp says why).
// Stateless; call it once from main.
#pragma once

#include <functional>
#include <stdexcept>

namespace pep {

// A command line that cannot be run (a bad combination of options, a malformed value).
struct UsageError : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

int run_main(int argc, char** argv, const std::function<int(int, char**)>& body);

}  // namespace pep
