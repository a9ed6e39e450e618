#include "regular_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace pep::reader_io {

// Opens a regular file of at most kMaxFileBytes for reading into `fd`, its size into `size`;
// returns "" or why not.
std::string open_regular(const std::filesystem::path& file, int& fd, size_t& size) {
  // O_NONBLOCK: a FIFO swapped in for a file must not block the build (it is then refused below).
  fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return std::strerror(errno);
  struct stat st {};
  std::string why;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) why = "not a regular file";
  else if (static_cast<uintmax_t>(st.st_size) > kMaxFileBytes) why = "file is larger than " + std::to_string(kMaxFileBytes >> 20) + " MiB";
  if (!why.empty()) {
    ::close(fd);
    fd = -1;
  }
  size = static_cast<size_t>(st.st_size);
  return why;
}

// Reads up to `n` bytes at `into`, retrying on EINTR; returns the count (0 at the end) or -1.
ssize_t read_some(int fd, char* into, size_t n) {
  for (;;) {
    const ssize_t got = ::read(fd, into, n);
    if (got >= 0 || errno != EINTR) return got;
  }
}


}  // namespace pep::reader_io
