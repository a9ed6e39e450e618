// PositionStore: where each positional term of a passage sits, kept beside the Xapian tables
// (schema::kPositionStoreFile) instead of in Xapian's position table. Xapian spent about 60% of
// its build time and 80% of its index bytes on positions (docs/benchmark.md); phrases need them
// only for the few candidates that hold all of a phrase's words, and those are checked here.
//
// A term is kept as a 32-bit key (position_term_key): the check compares keys, so two terms
// whose keys collide could complete a phrase they do not form, at the one position where the
// other stood. MedQuAD's 26,686 stems have no two keys alike (expected: 0.08 pairs; about 1 pair
// at 100,000 stems), and a false phrase would need such a pair in exactly the right place.
//
// File layout (integers little-endian, varints LEB128):
//   records*   per document id 1, 2, ...:
//                varint n (distinct keys), u8 w (2 or 4: the width of the offsets below),
//                n u32 keys, ascending,
//                n w-byte end offsets of each key's positions within the positions area,
//                positions area: per key, its positions ascending, as varint deltas (from 0),
//                u32 checksum of all the record's bytes before it
//   directory  count + 1 u64 record offsets
//   footer     u64 directory_offset, u32 record count, u32 format version, "PEPPOSNS"
// A phrase check reads one record and decodes only the positions of the phrase's keys.
//
// Errors (a file that cannot be written, is missing, damaged or of another format) throw
// IndexError naming the file. Neither class is thread-safe: one per thread, like Xapian objects.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string_view>
#include <vector>

namespace pep {

// The key a term is stored under (FNV-1a of its bytes, stable across builds and machines).
uint32_t position_term_key(std::string_view term);

struct TermPosition {
  uint32_t position;
  uint32_t key;
  bool operator==(const TermPosition&) const = default;
};

class PositionStoreWriter {
 public:
  // Creates (or truncates) `file`.
  explicit PositionStoreWriter(const std::filesystem::path& file);
  ~PositionStoreWriter();
  PositionStoreWriter(const PositionStoreWriter&) = delete;
  PositionStoreWriter& operator=(const PositionStoreWriter&) = delete;

  // Appends the postings of the next document id (any order; sorted here).
  void add(std::vector<TermPosition> postings);
  // Writes the directory and footer and closes the file.
  void finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Writes the records of finished stores, in order, to a new store `out` (document ids follow
// input order, as Xapian's compactor numbers merged documents). Returns the number of records.
uint32_t merge_position_stores(const std::vector<std::filesystem::path>& inputs, const std::filesystem::path& out);

class PositionStore {
 public:
  // Opens `file` and reads its directory (8 bytes per document, in memory).
  explicit PositionStore(const std::filesystem::path& file);
  ~PositionStore();
  PositionStore(const PositionStore&) = delete;
  PositionStore& operator=(const PositionStore&) = delete;

  uint32_t size() const;
  // Every posting of document `id` (1-based), in (position, key) order, into `out`.
  void get(uint32_t id, std::vector<TermPosition>& out);
  // The positions of each of `keys` in document `id`, ascending, into at[i] for keys[i]. Returns
  // false as soon as one key is missing (`at` is then incomplete).
  bool find(uint32_t id, const std::vector<uint32_t>& keys, std::vector<std::vector<uint32_t>>& at);

 private:
  struct Record;
  Record read(uint32_t id);
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace pep
