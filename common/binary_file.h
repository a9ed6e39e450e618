// Small pieces shared by the index's own binary files (passage_store.h, position_store.h):
// little-endian integers, LEB128 varints, an open read-only file, pread of an exact range, and
// the footer both files end with. Read errors throw IndexError naming the file and saying to
// rebuild the index.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace pep::binary {

void put_u32(std::string& out, uint32_t v);
void put_u64(std::string& out, uint64_t v);
// The `bytes`-byte (1..8) little-endian integer at p. Inline: checksums and key searches call it
// in their inner loops.
inline uint64_t get_le(const unsigned char* p, int bytes) {
  if constexpr (std::endian::native == std::endian::little) {
    if (bytes == 8) {
      uint64_t v;
      std::memcpy(&v, p, 8);
      return v;
    }
    if (bytes == 4) {
      uint32_t v;
      std::memcpy(&v, p, 4);
      return v;
    }
  }
  uint64_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

// Unsigned LEB128: 7 bits per byte, low first, high bit set on all but the last byte.
void put_varint(std::string& out, uint64_t v);
// Reads a varint at *p (before end) and advances *p; false if it runs past end or over 64 bits.
bool get_varint(const unsigned char** p, const unsigned char* end, uint64_t& v);

// An open file descriptor, closed when it goes. `what` names the kind of file in messages.
struct FileHandle {
  int fd = -1;
  uint64_t size = 0;
  std::string name;  // "<what> <path>"
  FileHandle(const std::filesystem::path& file, const std::string& what);
  ~FileHandle();
  FileHandle(const FileHandle&) = delete;
  FileHandle& operator=(const FileHandle&) = delete;
};

// Reads exactly `n` bytes at `offset`, or throws IndexError.
void read_at(const FileHandle& f, void* buf, size_t n, uint64_t offset);

// Writes all of `bytes` to `out` (the stream of `file`), or throws IndexError.
void write_all(std::ofstream& out, const std::string& bytes, const std::filesystem::path& file);
// Copies bytes [0, end) of `f` to `out` (the stream of `file`) in 1 MiB pieces: how a merge moves
// a shard's records, which hold no absolute offsets.
void copy_prefix(const FileHandle& f, uint64_t end, std::ofstream& out, const std::filesystem::path& file);

// The footer: u64 directory offset, u32 count (of records or segments), u32 format version and
// the file kind's 8-byte magic.
constexpr size_t kFooterBytes = 8 + 4 + 4 + 8;
struct Footer {
  uint64_t directory_offset = 0;
  uint32_t count = 0;
};
std::string footer_bytes(const Footer& footer, uint32_t version, std::string_view magic);
// Reads the footer of `f` and checks its magic and version: "<f.name> is not a pepsearch <kind>"
// or "... has format N, this build reads M", both with the rebuild hint.
Footer read_footer(const FileHandle& f, uint32_t version, std::string_view magic, const std::string& kind);

}  // namespace pep::binary
