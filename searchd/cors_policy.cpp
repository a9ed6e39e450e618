#include "cors_policy.h"

#include <algorithm>

namespace pep {

std::string CorsPolicy::allowed_origin(const std::string& origin) const {
  if (origin.empty()) return "";
  for (const auto& o : origins_) {
    if (o == "*") return "*";
    if (o == origin) return origin;
  }
  return "";
}

void CorsPolicy::apply(const httplib::Request& req, httplib::Response& res) const {
  if (origins_.empty()) return;
  // Caches must not hand one origin's answer to another.
  res.set_header("Vary", "Origin");
  const std::string allow = allowed_origin(req.get_header_value("Origin"));
  if (!allow.empty()) res.set_header("Access-Control-Allow-Origin", allow);
}

void CorsPolicy::preflight(const httplib::Request& req, httplib::Response& res) const {
  res.status = 204;
  res.set_header("Allow", "GET, HEAD, OPTIONS");
  apply(req, res);
  if (!res.has_header("Access-Control-Allow-Origin")) return;
  res.set_header("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS");
  // Echo the asked-for headers only if they look like a header list, never arbitrary bytes.
  const std::string asked = req.get_header_value("Access-Control-Request-Headers");
  const bool plain = asked.size() <= 256 && std::all_of(asked.begin(), asked.end(), [](unsigned char c) {
                       return std::isalnum(c) || c == '-' || c == ',' || c == ' ' || c == '_';
                     });
  if (!asked.empty() && plain) res.set_header("Access-Control-Allow-Headers", asked);
  res.set_header("Access-Control-Max-Age", "600");
}

}  // namespace pep
