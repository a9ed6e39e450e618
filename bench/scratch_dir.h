// ScratchDir: a fresh directory under the system temp dir for a throwaway index, removed with
// everything in it when the object goes (also when an exception unwinds past it).
#pragma once

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>

namespace pep::bench {

class ScratchDir {
 public:
  explicit ScratchDir(const std::string& tag) {
    const auto ticks = std::chrono::steady_clock::now().time_since_epoch().count();
    path_ = std::filesystem::temp_directory_path() /
            (tag + "-" + std::to_string(::getpid()) + "-" + std::to_string(ticks));
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace pep::bench
