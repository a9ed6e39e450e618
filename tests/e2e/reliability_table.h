// The reliability tests' record of what they tried: each case writes one markdown table row
// into reliability/ in the test's working directory (build-*/tests), and the whole table is
// rewritten into reliability/TABLE.md after every row. docs/reliability.md reproduces it.
//
// Rows go to one file per case (and TABLE.md is replaced by rename) so parallel ctest runs do
// not interleave.
#pragma once

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "test_env.h"

namespace pep::test {

inline void record_case(const std::string& area, const std::string& name, const std::string& expected,
                        const std::string& observed) {
  namespace fs = std::filesystem;
  const fs::path dir = "reliability";
  std::error_code ec;
  fs::create_directories(dir, ec);
  std::string slug = area + "-" + name;
  for (auto& c : slug) c = std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(c)) : '-';
  auto cell = [](std::string s) {
    std::replace(s.begin(), s.end(), '\n', ' ');
    std::replace(s.begin(), s.end(), '|', '/');
    return s;
  };
  std::ofstream(dir / (slug + ".row")) << "| " << cell(area) << " | " << cell(name) << " | " << cell(expected) << " | "
                                       << cell(observed) << " |\n";
  std::vector<fs::path> rows;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.path().extension() == ".row") rows.push_back(e.path());
  std::sort(rows.begin(), rows.end());
  const fs::path tmp = dir / ("TABLE.md." + std::to_string(::getpid()));
  {
    std::ofstream out(tmp);
    out << "| area | case | expected | observed |\n|---|---|---|---|\n";
    for (const auto& r : rows) out << read_file(r);
  }
  fs::rename(tmp, dir / "TABLE.md", ec);
}

struct Measured {
  int exit_code = -1;
  int signal = 0;
  double seconds = 0;
  long max_rss_kb = 0;
  std::string output;  // stdout and stderr
};

// Runs `command` in sh, measuring wall time and the peak RSS of the process tree.
inline Measured run_measured(const std::string& command) {
  namespace fs = std::filesystem;
  Measured m;
  const fs::path out = fs::temp_directory_path() / ("pepsearch-measured-" + std::to_string(::getpid()));
  const auto started = std::chrono::steady_clock::now();
  const pid_t pid = ::fork();
  if (pid == 0) {
    const std::string full = "exec " + command + " >" + shell_quote(out.string()) + " 2>&1";
    ::execl("/bin/sh", "sh", "-c", full.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  int status = 0;
  struct rusage usage {};
  ::wait4(pid, &status, 0, &usage);
  m.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  m.max_rss_kb = usage.ru_maxrss;
  if (WIFEXITED(status)) m.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) m.signal = WTERMSIG(status);
  m.output = read_file(out);
  std::error_code ec;
  fs::remove(out, ec);
  return m;
}

}  // namespace pep::test
