// CorpusFiles for tests (indexer/regular_file.h), injected into DocumentReader and build_index
// where pepindex uses DiskFiles: bytes served from memory in place of a file's content on disk
// (ServedFiles), and a file that vanishes after the corpus is listed (VanishingFiles).
//
// Data: ServedFiles maps a file's path, as the reader opens it (root / relative name), to the
// bytes served; a MemoryFile hands them out at most `chunk` bytes per read, so readers meet short
// reads, and can fail with EIO's text after `fail_after` bytes. Errors as DiskFiles: a reason
// string. Threading: one reader at a time, like the readers they serve.
#pragma once

#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <limits>
#include <map>
#include <memory>
#include <string>
#include <utility>

#include "regular_file.h"

namespace pep::test {

class MemoryFile final : public CorpusFile {
 public:
  MemoryFile(std::string bytes, size_t chunk, size_t fail_after)
      : bytes_(std::move(bytes)), chunk_(chunk), fail_after_(fail_after) {}
  size_t size() const override { return bytes_.size(); }
  std::string read(char* into, size_t n, size_t& got) override {
    got = 0;
    if (at_ >= fail_after_) return "Input/output error";
    got = std::min({n, chunk_, bytes_.size() - at_, fail_after_ - at_});
    bytes_.copy(into, got, at_);
    at_ += got;
    return "";
  }

 private:
  std::string bytes_;
  size_t chunk_, fail_after_, at_ = 0;
};

struct Served {
  std::string bytes;
  size_t fail_after = std::numeric_limits<size_t>::max();  // bytes served before a read fails
};

// Serves the files in `served` from memory, whatever the disk holds under their names (which must
// exist, so that the reader lists them); every other file comes from disk.
class ServedFiles final : public CorpusFiles {
 public:
  std::map<std::filesystem::path, Served> served;
  size_t chunk = 1000;

  std::unique_ptr<CorpusFile> open(const std::filesystem::path& file, std::string& why) override {
    const auto it = served.find(file);
    if (it == served.end()) return disk_.open(file, why);
    return std::make_unique<MemoryFile>(it->second.bytes, chunk, it->second.fail_after);
  }

 private:
  DiskFiles disk_;
};

// Removes `victim` from the disk when the reader opens its first file (after the listing, before
// any file is read), then opens every file from disk: the reader meets a listed file that is gone.
class VanishingFiles final : public CorpusFiles {
 public:
  explicit VanishingFiles(std::filesystem::path victim) : victim_(std::move(victim)) {}

  std::unique_ptr<CorpusFile> open(const std::filesystem::path& file, std::string& why) override {
    std::error_code ec;
    std::filesystem::remove(victim_, ec);
    return disk_.open(file, why);
  }

 private:
  std::filesystem::path victim_;
  DiskFiles disk_;
};

}  // namespace pep::test
