#include "regular_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace pep {
namespace {

class DiskFile final : public CorpusFile {
 public:
  DiskFile(int fd, size_t size) : fd_(fd), size_(size) {}
  ~DiskFile() override { ::close(fd_); }
  DiskFile(const DiskFile&) = delete;
  DiskFile& operator=(const DiskFile&) = delete;

  size_t size() const override { return size_; }
  std::string read(char* into, size_t n, size_t& got) override {
    got = 0;
    for (;;) {
      const ssize_t r = ::read(fd_, into, n);
      if (r >= 0) {
        got = static_cast<size_t>(r);
        return "";
      }
      if (errno != EINTR) return std::strerror(errno);
    }
  }

 private:
  int fd_;
  size_t size_;
};

}  // namespace

std::unique_ptr<CorpusFile> DiskFiles::open(const std::filesystem::path& file, std::string& why) {
  // O_NONBLOCK: a FIFO swapped in for a file must not block the build (it is then refused below).
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    why = std::strerror(errno);
    return nullptr;
  }
  struct stat st {};
  why.clear();
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) why = "not a regular file";
  else if (static_cast<uintmax_t>(st.st_size) > kMaxFileBytes) why = "file is larger than " + std::to_string(kMaxFileBytes >> 20) + " MiB";
  if (!why.empty()) {
    ::close(fd);
    return nullptr;
  }
  return std::make_unique<DiskFile>(fd, static_cast<size_t>(st.st_size));
}

}  // namespace pep
