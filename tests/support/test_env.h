// What every test needs from its surroundings: where the binaries, the bundled corpus and
// ../shared are, temporary directories, and running a command to capture its output.
//
// Tests that read ../shared call shared_dir(): where it is missing they are skipped with a
// message, unless PEPSEARCH_REQUIRE_SHARED=1 (set by .ci/run), which makes the absence fail.
#pragma once

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <sys/wait.h>

namespace pep::test {

inline std::filesystem::path source_dir() { return PEPSEARCH_SOURCE_DIR; }
inline std::filesystem::path corpus_dir() { return source_dir() / "corpus"; }
inline std::filesystem::path vocab_dir() { return corpus_dir() / "vocab"; }
inline std::string pepindex_bin() { return PEPINDEX_BIN; }
inline std::string pepsearch_bin() { return PEPSEARCH_BIN; }

// ../shared beside the checkout (or $PEPSEARCH_SHARED); nullopt -> the caller returns (skip).
inline std::optional<std::filesystem::path> shared_dir() {
  std::filesystem::path dir = std::getenv("PEPSEARCH_SHARED") ? std::getenv("PEPSEARCH_SHARED") : source_dir().parent_path() / "shared";
  if (std::filesystem::exists(dir / "corpus")) return dir;
  const char* req = std::getenv("PEPSEARCH_REQUIRE_SHARED");
  if (req && std::string(req) == "1") FAIL("PEPSEARCH_REQUIRE_SHARED=1 but " << dir << " has no corpus/");
  WARN("skipped: " << dir << " not found (tests that read ../shared run only beside it)");
  return std::nullopt;
}

// A fresh directory under the system temp dir, removed when the object goes.
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() / ("pepsearch-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

struct CommandResult {
  int exit_code = -1;
  std::string out;  // stdout only; stderr goes to the test log
};

inline std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

inline CommandResult run(const std::string& command) {
  CommandResult r;
  FILE* p = ::popen(command.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  const int status = ::pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

inline void write_file(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Builds an index of `corpus` into `index`; REQUIREs success.
inline void build_index(const std::filesystem::path& corpus, const std::filesystem::path& index) {
  const auto r = run(pepindex_bin() + " build --corpus " + shell_quote(corpus.string()) + " --index " + shell_quote(index.string()));
  REQUIRE(r.exit_code == 0);
}

}  // namespace pep::test
