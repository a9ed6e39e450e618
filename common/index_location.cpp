#include "index_location.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <regex>
#include <vector>

namespace fs = std::filesystem;

namespace pep {
namespace {

constexpr const char* kCurrent = "current";
constexpr const char* kPartial = ".partial";
constexpr const char* kMarker = ".pepsearch-index";
constexpr size_t kMaxGenerationDigits = 18;  // fits a long

bool all_digits(const std::string& s) { return !s.empty() && std::all_of(s.begin(), s.end(), ::isdigit); }

// gen-<N> -> N, or -1 for anything else (an N too long for a long included).
long generation_number(const std::string& name) {
  if (name.rfind("gen-", 0) != 0) return -1;
  const std::string digits = name.substr(4);
  if (!all_digits(digits) || digits.size() > kMaxGenerationDigits) return -1;
  return std::stol(digits);
}

bool oversized_generation(const std::string& name) {
  return name.rfind("gen-", 0) == 0 && all_digits(name.substr(4)) && name.size() - 4 > kMaxGenerationDigits;
}

// A build in progress as pepindex names it: gen-<N>.partial, or a shard of one.
bool partial_build_name(const std::string& name) {
  static const std::regex pattern(R"(gen-[0-9]{1,18}\.partial(\.shard-[0-9]{1,6}\.partial)?)");
  return std::regex_match(name, pattern);
}

// Makes DIR an index directory pepindex may write into, or refuses it before touching it: new
// or empty, it gets the marker; laid out by a pepindex from before the marker, likewise.
void claim_index_dir(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw IndexError("cannot create index directory " + dir.string() + ": " + ec.message());
  if (fs::exists(dir / kMarker, ec)) return;
  // Judged from one listing only: a build starting at the same moment may add entries after it.
  bool laid_out_by_pepindex = false, has_builds = false;
  std::string foreign;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    // The marker appearing between the exists() above and this listing means a build started at
    // the same moment claimed DIR first; the lock decides between the two.
    if (name == kMarker) return;
    if (name == "build.lock" || (name == kCurrent && entry.is_symlink())) laid_out_by_pepindex = true;
    else if (name == "current.tmp" || generation_number(name) >= 0 || partial_build_name(name)) has_builds = true;
    else if (foreign.empty()) foreign = name;
  }
  if (ec) throw IndexError("cannot read " + dir.string() + ": " + ec.message());
  if (!foreign.empty() || (has_builds && !laid_out_by_pepindex))
    throw IndexError(dir.string() + " is not a pepsearch index directory (it contains " +
                     (foreign.empty() ? std::string("builds but no current or build.lock") : foreign) + ", and no " +
                     kMarker + "); nothing in it was changed: choose an empty or new directory for --index");
  std::ofstream marker(dir / kMarker);
  marker << "pepsearch index directory: pepindex build may replace the current, gen-* and build.lock entries here\n";
  if (!marker.flush()) throw IndexError("cannot write " + (dir / kMarker).string() + "; check the directory's permissions");
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
  claim_index_dir(dir);
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

fs::path begin_generation(const fs::path& dir, const BuildLock&, std::vector<std::string>* ignored) {
  const fs::path current = dir / kCurrent;
  if (const auto st = fs::symlink_status(current); fs::exists(st) && !fs::is_symlink(st))
    throw IndexError(current.string() + " is a " + (fs::is_directory(st) ? "directory" : "file") +
                     ", not the symlink pepindex keeps to the live generation; move it away (mv " + current.string() +
                     " " + current.string() + ".saved) and build again");
  long next = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (partial_build_name(name)) {
      fs::remove_all(entry.path());  // an abandoned build (killed or failed); we hold the lock
      continue;
    }
    if (oversized_generation(name) && ignored)
      ignored->push_back(entry.path().string() + ": left alone, its generation number is too large to be pepindex's");
    next = std::max(next, generation_number(name) + 1);
  }
  return dir / ("gen-" + std::to_string(next) + kPartial);
}

void switch_generation(const fs::path& dir, const std::string& name, const BuildLock&) {
  if (generation_number(name) < 0 || !fs::is_directory(dir / name))
    throw IndexError("no generation " + name + " in " + dir.string());
  const fs::path tmp_link = dir / "current.tmp";
  std::error_code ec;
  fs::remove(tmp_link, ec);
  fs::create_symlink(name, tmp_link);
  fs::rename(tmp_link, dir / kCurrent);  // the atomic switch
  // fsync the directory so the switch survives a power cut.
  if (int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

std::string previous_generation(const fs::path& dir) {
  const long live = generation_number(live_generation(dir));
  long best = -1;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const long n = generation_number(entry.path().filename().string());
    if (n >= 0 && n < live && n > best && entry.is_directory()) best = n;
  }
  return best < 0 ? std::string() : "gen-" + std::to_string(best);
}

void publish_generation(const fs::path& dir, const fs::path& partial, const BuildLock& lock) {
  std::string final_name = partial.filename().string();
  final_name.resize(final_name.size() - std::strlen(kPartial));
  const std::string previous = live_generation(dir);
  fs::rename(partial, dir / final_name);
  switch_generation(dir, final_name, lock);

  // Keep the live generation and the one that was live before it. (Not simply the two newest: a
  // build killed between its rename and the switch leaves a newer generation that never went live.)
  std::vector<fs::path> stale;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (generation_number(name) >= 0 && name != final_name && name != previous) stale.push_back(entry.path());
  }
  for (const auto& p : stale) fs::remove_all(p, ec);
}

}  // namespace pep
