// RequestHeadScanner: finds where an HTTP/1.x request head ends in the bytes read so far, and
// whether it stays within searchd's limits, before httplib parses anything. It is fed the whole
// buffer each time more bytes arrive and resumes where it stopped, so a head trickled one byte at
// a time is scanned once (linear). The head ends at the first empty line ("\r\n") after the
// request line, as httplib 0.11 reads it (lines ending in a bare "\n" are headers it skips, so
// they count as headers here too).
//
// Verdicts: Incomplete (wait for more bytes), Complete (head_length() bytes, then body or the
// next pipelined request), LineTooLong (no request line within max_bytes: 414),
// TooLarge (head over max_bytes: 431), TooManyHeaders (over max_headers lines: 431).
// No errors are thrown; no allocation. Not thread-safe: one scanner per connection.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string_view>

namespace pep {

struct HeadLimits {
  size_t max_bytes = 16 * 1024;  // request line + headers + the empty line
  size_t max_headers = 100;
};

enum class HeadVerdict { Incomplete, Complete, LineTooLong, TooLarge, TooManyHeaders };

class RequestHeadScanner {
 public:
  explicit RequestHeadScanner(HeadLimits limits) : limits_(limits) {}
  // `bytes` is everything received on the connection for this request so far (a prefix of the
  // previous call's bytes plus what arrived since).
  HeadVerdict scan(std::string_view bytes);
  size_t head_length() const { return head_length_; }
  void reset() { pos_ = lines_ = head_length_ = 0; }

 private:
  HeadLimits limits_;
  size_t pos_ = 0;    // start of the first line not yet complete
  size_t lines_ = 0;  // complete lines so far, the request line included
  size_t head_length_ = 0;
};

// True when the request line asks for /healthz or /readyz (GET or HEAD, no query): the probes
// searchd answers even when it sheds other requests.
bool is_health_probe(std::string_view head);

}  // namespace pep
