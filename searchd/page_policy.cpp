#include "page_policy.h"

#include <algorithm>
#include <regex>

namespace pep {

std::string frame_ancestor_error(const std::string& value) {
  if (value == "'self'") return "";
  // scheme://host[:port]: a DNS name (labels of letters, digits and inner hyphens), IPv4 or [IPv6].
  static const std::regex origin(
      R"(^https?://((([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)(\.([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?))*)|\[[0-9A-Fa-f:.]+\])(:([0-9]{1,5}))?$)", std::regex::icase);
  std::smatch m;
  const std::string expected = "; give an origin like https://example.org or http://localhost:8080, or 'self'";
  if (!std::regex_match(value, m, origin)) {
    if (value.rfind("http://", 0) != 0 && value.rfind("https://", 0) != 0)
      return "'" + value + "' is not an http or https origin" + expected;
    return "'" + value + "' is not an origin (scheme://host[:port], no path, query or trailing slash)" + expected;
  }
  if (m[9].matched && std::stol(m[9].str()) > 65535) return "'" + value + "' has a port over 65535" + expected;
  return "";
}

std::string page_csp(const std::vector<std::string>& frame_ancestors) {
  std::string ancestors = "'self'";
  std::vector<std::string> seen{"'self'"};
  for (const auto& a : frame_ancestors) {
    if (std::find(seen.begin(), seen.end(), a) != seen.end()) continue;
    seen.push_back(a);
    ancestors += " " + a;
  }
  return "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors " + ancestors;
}

}  // namespace pep
