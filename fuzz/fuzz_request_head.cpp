// Fuzzes the connection guard's RequestHeadScanner: the input is the bytes of a request head as
// a client sends them, fed in pieces whose sizes come from the first byte (the way the gate feeds
// what each read brings). Every piece-wise verdict must equal the verdict on the same bytes
// scanned in one go, and a complete head must end with its empty line within the limit.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "request_head.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const size_t step = 1 + data[0] % 64;
  const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  const pep::HeadLimits limits{512, 8};
  pep::RequestHeadScanner pieces(limits);
  pep::HeadVerdict verdict = pep::HeadVerdict::Incomplete;
  size_t fed = 0;
  while (verdict == pep::HeadVerdict::Incomplete && fed < bytes.size()) {
    fed = std::min(bytes.size(), fed + step);
    verdict = pieces.scan(bytes.substr(0, fed));
  }
  pep::RequestHeadScanner whole(limits);
  if (whole.scan(bytes.substr(0, fed)) != verdict) std::abort();
  if (verdict == pep::HeadVerdict::Complete) {
    const size_t n = pieces.head_length();
    if (n != whole.head_length() || n > limits.max_bytes || n < 3 || bytes.substr(n - 2, 2) != "\r\n" || bytes[n - 3] != '\n')
      std::abort();
  }
  (void)pep::is_health_probe(bytes);
  return 0;
}
