// Opening and reading corpus files, shared by the document reader and the JSONL reader: only
// regular files are read (a FIFO or device swapped in for a file is refused, never waited on),
// and none over kMaxFileBytes. Errors are returned as the reason a file was not read (strerror
// text or ours), for the reader's skip notes; nothing throws. Threading: plain functions.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

namespace pep::reader_io {

inline constexpr uintmax_t kMaxFileBytes = uintmax_t{512} << 20;

// Opens a regular file of at most kMaxFileBytes for reading into `fd`, its size into `size`;
// returns "" or why not (then `fd` is -1).
std::string open_regular(const std::filesystem::path& file, int& fd, size_t& size);
// Reads up to `n` bytes at `into`, retrying on EINTR; returns the count (0 at the end) or -1.
ssize_t read_some(int fd, char* into, size_t n);

}  // namespace pep::reader_io
