// IndexLocation: where an index lives on disk and how a new build replaces the old one.
//
// Layout of an index directory DIR:
//   DIR/.pepsearch-index marker: pepindex writes it into a new or empty DIR before anything else,
//                        and touches no DIR without it (a DIR laid out as below, from before
//                        the marker, is marked on its next build)
//   DIR/current          symlink to the live generation (readers open this)
//   DIR/gen-<N>/         one generation: Xapian's tables, the stores, generation.json (generation.h)
//   DIR/gen-<N>.partial/ a build in progress (deleted by the next build if it was abandoned),
//                        and its shards gen-<N>.partial.shard-<K>.partial/
//   DIR/build.lock       flock()ed by the one build allowed at a time
// A build writes gen-<N>.partial, renames it to gen-<N>, then renames a fresh symlink over
// `current`: rename(2) is atomic, so a reader sees the old index or the new one, never a mix.
// The previous generation is kept so a reader that just opened it can finish. Only entries named
// as above are ever removed; gen-<N> with an N that does not fit a long is left alone with a note.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "error.h"

namespace pep {

// Throws IndexError with a how-to-build hint when DIR has no live index.
std::filesystem::path live_index_path(const std::filesystem::path& dir);

// The generation `current` points to now ("" when none): searchd compares it to notice rebuilds.
std::string live_generation(const std::filesystem::path& dir);

// Holds DIR/build.lock for its lifetime. Creates DIR and its marker if needed. Throws IndexError
// if another build holds it, or DIR is not (and cannot become) an index directory.
class BuildLock {
 public:
  explicit BuildLock(const std::filesystem::path& dir);
  ~BuildLock();
  BuildLock(const BuildLock&) = delete;
  BuildLock& operator=(const BuildLock&) = delete;

 private:
  int fd_ = -1;
};

// Under a BuildLock: removes abandoned partial builds and returns a fresh partial directory path.
// Entries it leaves alone that look like pepindex's but are not are described in `ignored`.
// Throws IndexError if DIR/current is not a symlink.
std::filesystem::path begin_generation(const std::filesystem::path& dir, const BuildLock&,
                                       std::vector<std::string>* ignored = nullptr);

// Under a BuildLock: makes the finished partial build live and prunes all but the previous one.
void publish_generation(const std::filesystem::path& dir, const std::filesystem::path& partial, const BuildLock&);

// The generation that was live before the current one and is still kept: the highest gen-N below
// the live one ("" when none is). What `pepindex rollback` switches back to.
std::string previous_generation(const std::filesystem::path& dir);

// Under a BuildLock: points `current` at the existing generation `name` of DIR, atomically and
// synced; removes nothing (the generation left stays until the next publish prunes it).
void switch_generation(const std::filesystem::path& dir, const std::string& name, const BuildLock&);

}  // namespace pep
