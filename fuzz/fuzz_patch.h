// Inputs for the store fuzzers: a fuzzer's bytes are either a whole file (first byte even) or a
// list of damages to a valid file built once per process (first byte odd): per 3 bytes, a 16-bit
// offset (modulo the file size) and a byte to XOR there. The second mode reaches deep into the
// readers without a seed corpus; the first tries everything else. The file goes to a per-process
// temporary path, removed at exit.
#pragma once

#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace pep::fuzz {

inline std::string apply_input(const std::string& valid, const uint8_t* data, size_t size) {
  if (size == 0) return valid;
  if ((data[0] & 1) == 0) return std::string(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::string out = valid;
  for (size_t i = 1; i + 3 <= size && !out.empty(); i += 3) {
    const size_t at = (static_cast<size_t>(data[i]) | static_cast<size_t>(data[i + 1]) << 8) % out.size();
    out[at] = static_cast<char>(out[at] ^ data[i + 2]);
  }
  return out;
}

inline std::filesystem::path scratch_file(const std::string& name) {
  namespace fs = std::filesystem;
  static const fs::path dir = [] {
    const fs::path d = fs::temp_directory_path() / ("pepsearch-fuzz-files-" + std::to_string(::getpid()));
    fs::create_directories(d);
    std::atexit([] {
      std::error_code ec;
      fs::remove_all(fs::temp_directory_path() / ("pepsearch-fuzz-files-" + std::to_string(::getpid())), ec);
    });
    return d;
  }();
  return dir / name;
}

inline void write_bytes(const std::filesystem::path& file, const std::string& bytes) {
  std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
}

inline std::string read_bytes(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace pep::fuzz
