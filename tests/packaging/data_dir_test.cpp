// data_dir_for: an executable's data is ../share/pepsearch beside its directory, installed or in
// the build tree; data_dir() applies it to the running program, read from /proc/self/exe.
#include "data_dir.h"
#include "test_env.h"

TEST_CASE("an executable's data directory is ../share/pepsearch beside it") {
  CHECK(pep::data_dir_for("/usr/bin/searchd") == "/usr/share/pepsearch");
  CHECK(pep::data_dir_for("/opt/pep/bin/pepindex") == "/opt/pep/share/pepsearch");
  CHECK(pep::data_dir_for("/home/u/src/build/searchd/searchd") == "/home/u/src/build/share/pepsearch");
  const auto self = std::filesystem::read_symlink("/proc/self/exe");
  CHECK(pep::data_dir() == pep::data_dir_for(self));
}
