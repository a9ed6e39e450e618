#include "index_location.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

namespace fs = std::filesystem;

namespace pep {
namespace {

constexpr const char* kCurrent = "current";
constexpr const char* kPartial = ".partial";

// gen-<N> -> N, or -1 for anything else.
long generation_number(const std::string& name) {
  if (name.rfind("gen-", 0) != 0) return -1;
  const std::string digits = name.substr(4);
  if (digits.empty() || !std::all_of(digits.begin(), digits.end(), ::isdigit)) return -1;
  return std::stol(digits);
}

std::string build_hint(const fs::path& dir) {
  return "build one with: pepindex build --corpus corpus --index " + dir.string();
}

}  // namespace

fs::path live_index_path(const fs::path& dir) {
  std::error_code ec;
  const fs::path link = dir / kCurrent;
  if (!fs::exists(dir, ec)) throw IndexError("no index at " + dir.string() + "; " + build_hint(dir));
  if (!fs::is_symlink(link, ec) || !fs::exists(link, ec))
    throw IndexError(dir.string() + " holds no built index (missing " + link.string() + "); " + build_hint(dir));
  return dir / fs::read_symlink(link, ec);
}

std::string live_generation(const fs::path& dir) {
  std::error_code ec;
  const fs::path target = fs::read_symlink(dir / kCurrent, ec);
  return ec ? std::string() : target.string();
}

BuildLock::BuildLock(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw IndexError("cannot create index directory " + dir.string() + ": " + ec.message());
  const std::string lock = (dir / "build.lock").string();
  fd_ = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) throw IndexError("cannot open " + lock + ": " + std::strerror(errno));
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd_);
    throw IndexError("another pepindex build is running on " + dir.string() + " (" + lock +
                     " is locked); wait for it to finish");
  }
}

BuildLock::~BuildLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the flock
}

fs::path begin_generation(const fs::path& dir, const BuildLock&) {
  long next = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (name.size() > std::strlen(kPartial) && name.ends_with(kPartial)) {
      fs::remove_all(entry.path());  // an abandoned build (killed or failed); we hold the lock
      continue;
    }
    next = std::max(next, generation_number(name) + 1);
  }
  // A directory that is not ours must not be written into.
  if (next == 0) {
    for (const auto& entry : fs::directory_iterator(dir)) {
      const std::string name = entry.path().filename().string();
      if (name != "build.lock" && name != kCurrent)
        throw IndexError(dir.string() + " is not a pepsearch index directory (it contains " + name +
                         "); choose an empty or new directory for --index");
    }
  }
  return dir / ("gen-" + std::to_string(next) + kPartial);
}

void publish_generation(const fs::path& dir, const fs::path& partial, const BuildLock&) {
  std::string final_name = partial.filename().string();
  final_name.resize(final_name.size() - std::strlen(kPartial));
  const std::string previous = live_generation(dir);
  fs::rename(partial, dir / final_name);

  const fs::path tmp_link = dir / "current.tmp";
  std::error_code ec;
  fs::remove(tmp_link, ec);
  fs::create_symlink(final_name, tmp_link);
  fs::rename(tmp_link, dir / kCurrent);  // the atomic switch
  // fsync the directory so the switch survives a power cut.
  if (int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }

  // Keep the live generation and the one that was live before it. (Not simply the two newest: a
  // build killed between its rename and the switch leaves a newer generation that never went live.)
  std::vector<fs::path> stale;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (generation_number(name) >= 0 && name != final_name && name != previous) stale.push_back(entry.path());
  }
  for (const auto& p : stale) fs::remove_all(p, ec);
}

}  // namespace pep
