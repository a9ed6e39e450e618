#include "generation_watch.h"

#include <sys/stat.h>
#include <xapian.h>

#include <iostream>

#include "error.h"
#include "generation.h"
#include "manifest.h"

namespace fs = std::filesystem;

namespace pep {

namespace {

GenerationWatch::Identity identity_of(const fs::path& file) {
  struct stat st {};
  GenerationWatch::Identity id;
  if (::stat(file.c_str(), &st) != 0) return id;
  id.exists = true;
  id.device = st.st_dev;
  id.inode = st.st_ino;
  id.size = st.st_size;
  id.mtime_ns = static_cast<long long>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
  return id;
}

}  // namespace

std::vector<std::pair<fs::path, GenerationWatch::Identity>> GenerationWatch::snapshot(const fs::path& gen) {
  std::vector<std::pair<fs::path, Identity>> files{{gen / kManifestFile, identity_of(gen / kManifestFile)}};
  try {
    for (const FileDigest& f : read_manifest(gen).files) files.emplace_back(gen / f.name, identity_of(gen / f.name));
  } catch (const IndexError&) {
    // An unreadable manifest: its own identity is watched, and verification says what is wrong.
  }
  return files;
}

void GenerationWatch::opened(const std::string& name) {
  {
    std::lock_guard lock(mutex_);
    if (auto it = watched_.find(name); it != watched_.end() && it->second.damage.empty()) return;
  }
  auto files = snapshot(dir_ / name);
  std::lock_guard lock(mutex_);
  watched_[name] = Watched{std::move(files), ""};
}

void GenerationWatch::check() {
  std::lock_guard one(check_mutex_);
  check_locked();
}

void GenerationWatch::check_unless_busy() {
  std::unique_lock one(check_mutex_, std::try_to_lock);
  if (one) check_locked();
}

void GenerationWatch::check_locked() {
  std::vector<std::string> changed;
  {
    std::lock_guard lock(mutex_);
    for (auto it = watched_.begin(); it != watched_.end();) {
      if (!fs::exists(dir_ / it->first)) {  // removed by a later build: no longer anyone's to serve
        it = watched_.erase(it);
        continue;
      }
      for (const auto& [file, identity] : it->second.files)
        if (identity_of(file) != identity) {
          changed.push_back(it->first);
          it->second.verifying = true;  // not served during the full pass: a published generation never changes
          break;
        }
      ++it;
    }
  }
  for (const std::string& name : changed) verify_locked(name);
}

void GenerationWatch::verify(const std::string& name) {
  std::lock_guard one(check_mutex_);
  verify_locked(name);
}

void GenerationWatch::verify_locked(const std::string& name) {
  const fs::path gen = dir_ / name;
  auto files = snapshot(gen);  // before the pass: a write during it shows up at the next check
  std::string why;
  try {
    Generation verified(gen, Verify::kChecksums);
  } catch (const std::exception& e) {  // IndexError, or a store that cannot be read
    why = e.what();
  } catch (const Xapian::Error& e) {  // a table Xapian cannot open
    why = e.get_description();
  }
  record(name, std::move(files), why);
}

void GenerationWatch::refused(const std::string& name, const std::string& why) {
  record(name, snapshot(dir_ / name), why);
}

void GenerationWatch::record(const std::string& name, std::vector<std::pair<fs::path, Identity>> files,
                             const std::string& why) {
  const std::string damage =
      why.empty() ? "" : "index generation " + name + " is damaged: " + why + "; or publish a good one with pepindex rollback or pepindex unpack";
  std::lock_guard lock(mutex_);
  Watched& w = watched_[name];
  if (damage != w.damage)
    std::cerr << "searchd: " << (damage.empty() ? "index generation " + name + " verifies again" : damage) << "\n";
  w = Watched{std::move(files), damage};
}

std::string GenerationWatch::damaged(const std::string& name) const {
  std::lock_guard lock(mutex_);
  const auto it = watched_.find(name);
  if (it == watched_.end()) return "";
  if (it->second.verifying && it->second.damage.empty())
    return "index generation " + name + ": its files changed while served; verifying them";
  return it->second.damage;
}

}  // namespace pep
