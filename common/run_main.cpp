#include "run_main.h"

#include <xapian.h>

#include <errno.h>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <iostream>
#include <string>

#include "error.h"

namespace pep {
namespace {

// Xapian 1.4 can end a process through std::terminate when a write fails inside a commit (on a
// full disk its exception leaves a destructor while another unwinds), where nothing can catch it.
// Say what happened and exit 2 rather than abort with a bare "terminate called": what a build was
// writing stays as gen-N.partial, which the next build removes, and the live generation is untouched.
[[noreturn]] void on_terminate() {
  std::string what = "an unexpected error";
  if (const std::exception_ptr e = std::current_exception()) {
    try {
      std::rethrow_exception(e);
    } catch (const Xapian::Error& x) {
      what = x.get_description();
    } catch (const std::exception& x) {
      what = x.what();
    } catch (...) {
    }
  }
  std::fprintf(stderr,
               "%s: stopped by an error in the index library: %s; the live index is unchanged (a build in progress "
               "is left as *.partial, which the next build removes): check free disk space and run it again\n",
               program_invocation_short_name, what.c_str());
  std::_Exit(2);
}

}  // namespace

int run_main(int argc, char** argv, const std::function<int(int, char**)>& body) {
  const std::string program = argc > 0 ? std::filesystem::path(argv[0]).filename().string() : "pepsearch";
  auto fail = [&](const std::string& message) {
    std::cerr << program << ": " << message << "\n";
    return 2;
  };
  std::set_terminate(on_terminate);
  try {
    return body(argc, argv);
  } catch (const UsageError& e) {
    return fail(std::string(e.what()) + " (see " + program + " --help)");
  } catch (const IndexError& e) {
    return fail(e.what());
  } catch (const Xapian::DatabaseCorruptError& e) {
    return fail("the index is damaged: " + e.get_description() + "; " + std::string(kRebuildHint));
  } catch (const Xapian::DatabaseError& e) {  // opening, version, modified, ...
    return fail("cannot read the index: " + e.get_description() + "; " + std::string(kRebuildHint));
  } catch (const Xapian::Error& e) {  // not a std::exception: uncaught it would abort without a word
    return fail("index error: " + e.get_description());
  } catch (const std::exception& e) {
    return fail(e.what());
  }
}

}  // namespace pep
