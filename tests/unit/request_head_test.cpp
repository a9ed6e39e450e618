// RequestHeadScanner against a direct oracle (split the whole buffer into lines at once), fed
// the same random heads in random pieces, as the gate feeds it.
#include <catch2/catch.hpp>
#include <random>
#include <string>

#include "request_head.h"

using pep::HeadLimits;
using pep::HeadVerdict;
using pep::RequestHeadScanner;

namespace {

// What the scanner must say about `bytes`, seen whole.
std::pair<HeadVerdict, size_t> oracle(const std::string& bytes, HeadLimits limits) {
  const std::string window = bytes.substr(0, limits.max_bytes);
  size_t lines = 0, start = 0;
  for (size_t nl; (nl = window.find('\n', start)) != std::string::npos; start = nl + 1) {
    if (lines > 0 && nl - start == 1 && window[start] == '\r') return {HeadVerdict::Complete, nl + 1};
    if (++lines > limits.max_headers + 1) return {HeadVerdict::TooManyHeaders, 0};
  }
  if (bytes.size() < limits.max_bytes) return {HeadVerdict::Incomplete, 0};
  return {lines == 0 ? HeadVerdict::LineTooLong : HeadVerdict::TooLarge, 0};
}

}  // namespace

TEST_CASE("request head scanner: a head fed in pieces gets the oracle's verdict") {
  std::mt19937 rng(26);
  const HeadLimits limits{256, 6};
  const std::string pieces[] = {"GET / HTTP/1.1", "\r\n", "\n", "\r", "Host: x", "X-A: ", std::string(40, 'a')};
  for (int round = 0; round < 3000; ++round) {
    std::string bytes;
    while (bytes.size() < 400 && rng() % 12) bytes += pieces[rng() % std::size(pieces)];
    RequestHeadScanner scanner(limits);
    HeadVerdict verdict = HeadVerdict::Incomplete;
    for (size_t fed = 0; fed < bytes.size() && verdict == HeadVerdict::Incomplete;) {
      fed = std::min(bytes.size(), fed + 1 + rng() % 30);
      verdict = scanner.scan(std::string_view(bytes).substr(0, fed));
      const auto [expected, length] = oracle(bytes.substr(0, fed), limits);
      INFO(bytes.substr(0, fed));
      REQUIRE(verdict == expected);
      if (verdict == HeadVerdict::Complete) CHECK(scanner.head_length() == length);
    }
  }
}

TEST_CASE("request head scanner: limits and health probes") {
  const HeadLimits limits{64, 2};
  CHECK(RequestHeadScanner(limits).scan("GET / HTTP/1.1\r\nA: b\r\n\r\nnext") == HeadVerdict::Complete);
  CHECK(RequestHeadScanner(limits).scan("GET / HTTP/1.1\r\nA: b\r\nB: c\r\nC: d\r\n\r\n") == HeadVerdict::TooManyHeaders);
  CHECK(RequestHeadScanner(limits).scan(std::string(64, 'G')) == HeadVerdict::LineTooLong);
  CHECK(RequestHeadScanner(limits).scan("GET / HTTP/1.1\r\nA: " + std::string(60, 'x')) == HeadVerdict::TooLarge);
  CHECK(pep::is_health_probe("GET /healthz HTTP/1.1\r\n"));
  CHECK(pep::is_health_probe("HEAD /readyz HTTP/1.1\r\n"));
  CHECK_FALSE(pep::is_health_probe("GET /healthzz HTTP/1.1\r\n"));
  CHECK_FALSE(pep::is_health_probe("POST /healthz HTTP/1.1\r\n"));
}
