// SHA-256 digests of bytes and files, as lowercase hex, for the generation manifest
// (generation.h). The hashing is nettle's (Debian nettle-dev): a small C library that picks the
// CPU's SHA instructions at run time, so hashing a whole generation costs little next to opening
// it; libcrypto would do as well but brings all of OpenSSL for one function.
//
// sha256_file reads the file in 1 MiB pieces; it throws IndexError naming the file when it
// cannot be read. Stateless and thread-safe.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace pep {

std::string sha256_hex(std::string_view bytes);

struct FileHash {
  uint64_t size = 0;
  std::string sha256;
};
FileHash sha256_file(const std::filesystem::path& file);

}  // namespace pep
