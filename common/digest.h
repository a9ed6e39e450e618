// SHA-256 digests of bytes and files, as lowercase hex, for the generation manifest
// (generation.h). The hashing is nettle's (Debian nettle-dev): a small C library that picks the
// CPU's SHA instructions at run time, so hashing a whole generation costs little next to opening
// it; libcrypto would do as well but brings all of OpenSSL for one function.
//
// Sha256 hashes bytes given piece by piece (a reader hashes what it reads as it reads it, so a
// file is read once and its digest is of exactly the bytes read); it holds nettle's context and
// counts the bytes. sha256_file reads the file in 1 MiB pieces through it; it throws IndexError
// naming the file when it cannot be read. The free functions are stateless and thread-safe; a
// Sha256 object is used by one thread at a time.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

struct sha256_ctx;  // nettle's (nettle/sha2.h)

namespace pep {

std::string sha256_hex(std::string_view bytes);

struct FileHash {
  uint64_t size = 0;
  std::string sha256;
};
FileHash sha256_file(const std::filesystem::path& file);

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(Sha256&&) noexcept;
  Sha256& operator=(Sha256&&) noexcept;

  void update(std::string_view bytes);
  // The size and digest of every byte given so far; the object starts again empty.
  FileHash finish();

 private:
  std::unique_ptr<sha256_ctx> ctx_;
  uint64_t size_ = 0;
};

}  // namespace pep
