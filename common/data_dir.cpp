#include "data_dir.h"

#include <cstdlib>
#include <system_error>

namespace pep {

namespace fs = std::filesystem;

fs::path data_dir_for(const fs::path& exe) {
  return (exe.parent_path() / ".." / "share" / "pepsearch").lexically_normal();
}

fs::path data_dir() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return data_dir_for(fs::path("bin") / "program");
  return data_dir_for(exe);
}

namespace {

fs::path from_env_or(const char* variable, const char* below_data_dir) {
  if (const char* env = std::getenv(variable); env && *env) return env;
  return data_dir() / below_data_dir;
}

}  // namespace

fs::path default_vocabulary_dir() { return from_env_or("PEPSEARCH_VOCAB", "vocab"); }

fs::path default_static_dir() { return from_env_or("PEPSEARCH_STATIC", "static"); }

}  // namespace pep
