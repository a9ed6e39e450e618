#include "digest.h"

#include <fcntl.h>
#include <nettle/sha2.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "error.h"

namespace pep {
namespace {

std::string hex(const uint8_t* digest) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * SHA256_DIGEST_SIZE);
  for (size_t i = 0; i < SHA256_DIGEST_SIZE; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 15];
  }
  return out;
}

}  // namespace

Sha256::Sha256() : ctx_(std::make_unique<sha256_ctx>()) { sha256_init(ctx_.get()); }
Sha256::~Sha256() = default;
Sha256::Sha256(Sha256&&) noexcept = default;
Sha256& Sha256::operator=(Sha256&&) noexcept = default;

void Sha256::update(std::string_view bytes) {
  sha256_update(ctx_.get(), bytes.size(), reinterpret_cast<const uint8_t*>(bytes.data()));
  size_ += bytes.size();
}

FileHash Sha256::finish() {
  uint8_t digest[SHA256_DIGEST_SIZE];
  sha256_digest(ctx_.get(), sizeof digest, digest);  // also starts the context again
  FileHash h{size_, hex(digest)};
  size_ = 0;
  return h;
}

std::string sha256_hex(std::string_view bytes) {
  Sha256 hash;
  hash.update(bytes);
  return hash.finish().sha256;
}

FileHash sha256_file(const std::filesystem::path& file) {
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw IndexError("cannot read " + file.string() + ": " + std::strerror(errno));
  Sha256 hash;
  std::vector<char> buf(1 << 20);
  for (;;) {
    const ssize_t got = ::read(fd, buf.data(), buf.size());
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      const int err = errno;
      ::close(fd);
      throw IndexError("cannot read " + file.string() + ": " + std::strerror(err));
    }
    if (got == 0) break;
    hash.update(std::string_view(buf.data(), static_cast<size_t>(got)));
  }
  ::close(fd);
  return hash.finish();
}

}  // namespace pep
