#include "binary_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "error.h"

namespace pep::binary {

// Each value is made in a small buffer and appended once: a push_back per byte checked the
// string's capacity every time (the position store writes a few of these per word indexed).
void put_u32(std::string& out, uint32_t v) {
  char b[4];
  for (int i = 0; i < 4; ++i) b[i] = static_cast<char>((v >> (8 * i)) & 0xff);
  out.append(b, 4);
}

void put_u64(std::string& out, uint64_t v) {
  char b[8];
  for (int i = 0; i < 8; ++i) b[i] = static_cast<char>((v >> (8 * i)) & 0xff);
  out.append(b, 8);
}

void put_varint(std::string& out, uint64_t v) {
  if (v < 0x80) {  // most gaps and counts
    out.push_back(static_cast<char>(v));
    return;
  }
  char b[10];
  size_t n = 0;
  while (v >= 0x80) {
    b[n++] = static_cast<char>((v & 0x7f) | 0x80);
    v >>= 7;
  }
  b[n++] = static_cast<char>(v);
  out.append(b, n);
}

bool get_varint(const unsigned char** p, const unsigned char* end, uint64_t& v) {
  v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (*p == end) return false;
    const unsigned char b = *(*p)++;
    v |= static_cast<uint64_t>(b & 0x7f) << shift;
    if (!(b & 0x80)) return true;
  }
  return false;
}

FileHandle::FileHandle(const std::filesystem::path& file, const std::string& what) : name(what + " " + file.string()) {
  fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw IndexError("cannot open " + name + ": " + std::strerror(errno) + "; rebuild the index with pepindex build");
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    const int err = errno;
    ::close(fd);
    throw IndexError("cannot read " + name + ": " + std::strerror(err));
  }
  size = static_cast<uint64_t>(st.st_size);
}

FileHandle::~FileHandle() {
  if (fd >= 0) ::close(fd);
}

void read_at(const FileHandle& f, void* buf, size_t n, uint64_t offset) {
  auto* p = static_cast<char*>(buf);
  while (n > 0) {
    const ssize_t got = ::pread(f.fd, p, n, static_cast<off_t>(offset));
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0)
      throw IndexError("cannot read " + f.name + ": " + (got < 0 ? std::strerror(errno) : "unexpected end of file") +
                       "; rebuild the index with pepindex build");
    p += got;
    n -= static_cast<size_t>(got);
    offset += static_cast<uint64_t>(got);
  }
}

void write_all(std::ofstream& out, const std::string& bytes, const std::filesystem::path& file) {
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw IndexError("cannot write " + file.string() + ": " + std::strerror(errno));
}

void copy_prefix(const FileHandle& f, uint64_t end, std::ofstream& out, const std::filesystem::path& file) {
  std::string chunk(std::min<uint64_t>(end, 1u << 20), '\0');
  for (uint64_t at = 0; at < end;) {
    const size_t n = static_cast<size_t>(std::min<uint64_t>(chunk.size(), end - at));
    read_at(f, chunk.data(), n, at);
    out.write(chunk.data(), static_cast<std::streamsize>(n));
    if (!out) throw IndexError("cannot write " + file.string() + ": " + std::strerror(errno));
    at += n;
  }
}

std::string footer_bytes(const Footer& footer, uint32_t version, std::string_view magic) {
  std::string out;
  put_u64(out, footer.directory_offset);
  put_u32(out, footer.count);
  put_u32(out, version);
  out.append(magic.substr(0, 8));
  return out;
}

Footer read_footer(const FileHandle& f, uint32_t version, std::string_view magic, const std::string& kind) {
  unsigned char tail[kFooterBytes];
  if (f.size < kFooterBytes) throw IndexError(f.name + " is not a pepsearch " + kind + "; rebuild the index with pepindex build");
  read_at(f, tail, kFooterBytes, f.size - kFooterBytes);
  if (std::string_view(reinterpret_cast<const char*>(tail) + 16, 8) != magic.substr(0, 8))
    throw IndexError(f.name + " is not a pepsearch " + kind + "; rebuild the index with pepindex build");
  const uint64_t found = get_le(tail + 12, 4);
  if (found != version)
    throw IndexError(f.name + " has format " + std::to_string(found) + ", this build reads " + std::to_string(version) +
                     "; rebuild the index with pepindex build");
  return {get_le(tail, 8), static_cast<uint32_t>(get_le(tail + 8, 4))};
}

}  // namespace pep::binary
