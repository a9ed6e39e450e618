// PassageStore: the stored records (passage_record.h) of one index, in a file of their own beside
// the Xapian tables (schema::kPassageStoreFile). Xapian would deflate every record at zlib level 6
// and read it back through a B-tree; here every record is one zstd frame, compressed with a
// dictionary trained on the records of its segment: half of zlib's bytes and several times less
// CPU to write and to read (decision 0008).
//
// Records are read with pread, not through a mapping: searchd opens one store per worker thread, and
// every mapping would count the pages it touched into the process's RSS again.
//
// File layout (integers little-endian):
//   segment*   the segment's dictionary (may be empty), then its compressed records back to back
//   directory  per segment: u32 first_id, u32 count, u64 dict_offset, u32 dict_size,
//              u64 data_offset, then count + 1 u32 record offsets relative to data_offset
//   footer     u64 directory_offset, u32 segment_count, u32 format version, "PEPSTORE"
// Record k (k = 1, 2, ...) is the record of Xapian document id k. Every frame carries zstd's
// content checksum (XXH64), checked on every read.
//
// Errors (a file that cannot be written, is missing, damaged or of another format) throw
// IndexError naming the file. Neither class is thread-safe: one per thread, like Xapian objects.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace pep {

class PassageStoreWriter {
 public:
  // Creates (or truncates) `file`.
  explicit PassageStoreWriter(const std::filesystem::path& file);
  ~PassageStoreWriter();
  PassageStoreWriter(const PassageStoreWriter&) = delete;
  PassageStoreWriter& operator=(const PassageStoreWriter&) = delete;

  // Appends the record of the next document id.
  void add(std::string_view record);
  // Compresses what is buffered, writes the directory and footer, and closes the file.
  void finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Writes the records of finished stores, in order, to a new store `out`: the first record of
// inputs[1] follows the last of inputs[0] (as Xapian's compactor numbers merged documents).
// Returns the number of records written.
uint32_t merge_passage_stores(const std::vector<std::filesystem::path>& inputs, const std::filesystem::path& out);

class PassageStore {
 public:
  // Opens `file` and reads its directory.
  explicit PassageStore(const std::filesystem::path& file);
  ~PassageStore();
  PassageStore(const PassageStore&) = delete;
  PassageStore& operator=(const PassageStore&) = delete;

  // Number of records (the highest document id).
  uint32_t size() const;
  // The record of document `id` (1-based).
  std::string get(uint32_t id);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace pep
