#include "run_main.h"

#include <xapian.h>

#include <filesystem>
#include <iostream>
#include <string>

#include "error.h"

namespace pep {

int run_main(int argc, char** argv, const std::function<int(int, char**)>& body) {
  const std::string program = argc > 0 ? std::filesystem::path(argv[0]).filename().string() : "pepsearch";
  auto fail = [&](const std::string& message) {
    std::cerr << program << ": " << message << "\n";
    return 2;
  };
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
