// GenerationWatch: keeps searchd from answering from an index generation whose files were damaged
// while it served them. A generation is verified in full when an engine opens it (generation.h);
// after that the watch remembers each of its files' identity (size, inode and mtime, one stat
// each; not ctime, which a chown or a backup's hard link changes) and check() compares them
// again: a file truncated, overwritten in place or replaced changes its identity, and the
// generation is then verified in full once more (every SHA-256 against generation.json, the
// counts, Xapian's open), refused while that runs. One that fails is damaged: damaged() gives the
// reason until its files change again and verify, so the cost of a healthy check is a stat per
// file, and a SHA-256 pass only after a change. verify() forces that pass, for an engine that hit
// a Xapian error at query time. Generations are named gen-N inside the index directory; one whose
// directory is gone is forgotten (an engine may still hold its open files). Thread-safe: a mutex
// guards the state, and one check runs at a time.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace pep {

class GenerationWatch {
 public:
  explicit GenerationWatch(std::filesystem::path index_dir) : dir_(std::move(index_dir)) {}

  // An engine opened (and so verified) generation `name`: remember its files as they are now.
  void opened(const std::string& name);
  // Opening generation `name` failed with `why`: it is damaged until its files change and verify.
  void refused(const std::string& name, const std::string& why);
  // Stats every watched generation's files; verifies in full those that changed.
  void check();
  // check(), unless another thread is checking now (then returns at once).
  void check_unless_busy();
  // Verifies generation `name` in full now, whatever its files' identity says.
  void verify(const std::string& name);
  // Why generation `name` must not be served ("" when it may).
  std::string damaged(const std::string& name) const;

  // One file's identity; equal identities mean the file was not written since.
  struct Identity {
    dev_t device = 0;
    ino_t inode = 0;
    off_t size = 0;
    long long mtime_ns = 0;
    bool exists = false;
    bool operator==(const Identity&) const = default;
  };

 private:
  struct Watched {
    std::vector<std::pair<std::filesystem::path, Identity>> files;  // generation.json and every file it lists
    std::string damage;                                             // why it must not be served, or ""
    bool verifying = false;                                         // files changed; the full pass is due
  };
  // The identities of `gen`'s files now; generation.json's list of names when it reads, else just it.
  static std::vector<std::pair<std::filesystem::path, Identity>> snapshot(const std::filesystem::path& gen);
  // check() with check_mutex_ held.
  void check_locked();
  // Verifies `name` in full and records the outcome (check_mutex_ held).
  void verify_locked(const std::string& name);
  // Records `name`'s files as `files` and its damage as `why` ("" for none), logging a change.
  void record(const std::string& name, std::vector<std::pair<std::filesystem::path, Identity>> files, const std::string& why);

  const std::filesystem::path dir_;
  mutable std::mutex mutex_;  // guards watched_
  std::mutex check_mutex_;    // one check or verification at a time
  std::map<std::string, Watched> watched_;
};

}  // namespace pep
