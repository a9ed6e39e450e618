// The page's Content-Security-Policy and the check on --frame-ancestors values.
#include <catch2/catch.hpp>

#include "page_policy.h"

using pep::frame_ancestor_error;
using pep::page_csp;

TEST_CASE("frame ancestors: origins and 'self' are accepted") {
  for (const char* ok : {"'self'", "https://example.org", "http://localhost:8080", "https://a-b.example.co.uk",
                         "http://127.0.0.1:3000", "https://[::1]:8443", "HTTPS://Example.org"}) {
    INFO(ok);
    CHECK(frame_ancestor_error(ok).empty());
  }
}

TEST_CASE("frame ancestors: anything else is refused with the form expected") {
  for (const char* bad : {"", "*", "self", "'none'", "example.org", "ftp://example.org", "https://", "https://example.org/",
                          "https://example.org/page", "https://example.org?x=1", "https://example.org:99999",
                          "https://-bad.example", "https://exa mple.org", "https://example.org; script-src *",
                          "https://example.org 'unsafe-inline'"}) {
    INFO("'" << bad << "'");
    const std::string why = frame_ancestor_error(bad);
    CHECK(!why.empty());
    CHECK(why.find("https://example.org") != std::string::npos);  // says what to give instead
  }
}

TEST_CASE("page policy: frame-ancestors is 'self' plus the named sites, once each") {
  const std::string base = page_csp({});
  CHECK(base.find("frame-ancestors 'self'") != std::string::npos);
  CHECK(base.substr(base.size() - std::string("frame-ancestors 'self'").size()) == "frame-ancestors 'self'");
  CHECK(base.find("default-src 'self'") != std::string::npos);
  const std::string two = page_csp({"https://a.example", "'self'", "http://b.example:8080", "https://a.example"});
  CHECK(two.substr(two.find("frame-ancestors")) == "frame-ancestors 'self' https://a.example http://b.example:8080");
}
