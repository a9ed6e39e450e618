// How the document readers open and read corpus files: through CorpusFiles, so a build can be
// given its files by something other than the disk (tests serve bytes, or make a file vanish
// after the listing). DiskFiles is the real one, which pepindex uses: only regular files are read
// (a FIFO or device swapped in for a file is refused, never waited on), and none over
// kMaxFileBytes. The corpus is still listed from the disk (DocumentReader::read_tree); only
// opening and reading go through here.
//
// Data: a CorpusFile is one open file (DiskFiles: its descriptor, closed when it goes) and its
// size when it was opened. Errors are returned as the reason a file was not opened or read
// (strerror text or ours), for the reader's skip notes; nothing throws. Threading: a reader
// opens and reads from one thread; DiskFiles is stateless and may serve several readers at once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

namespace pep {

inline constexpr uintmax_t kMaxFileBytes = uintmax_t{512} << 20;

class CorpusFile {
 public:
  virtual ~CorpusFile() = default;
  // The size when the file was opened (a whole-file read reads at most this many bytes).
  virtual size_t size() const = 0;
  // Reads up to `n` bytes at `into`, their count into `got` (0 at the end); returns "" or why not.
  virtual std::string read(char* into, size_t n, size_t& got) = 0;
};

class CorpusFiles {
 public:
  virtual ~CorpusFiles() = default;
  // Opens `file` for reading: the open file, or nullptr and why not in `why`.
  virtual std::unique_ptr<CorpusFile> open(const std::filesystem::path& file, std::string& why) = 0;
};

// The files on disk: regular files of at most kMaxFileBytes, read with read(2) (EINTR retried).
class DiskFiles final : public CorpusFiles {
 public:
  std::unique_ptr<CorpusFile> open(const std::filesystem::path& file, std::string& why) override;
};

}  // namespace pep
