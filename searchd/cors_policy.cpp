#include "cors_policy.h"

#include <algorithm>

namespace pep {

namespace {

std::string allowed_origin(const std::vector<std::string>& origins, const std::string& origin) {
  if (origin.empty()) return "";
  for (const auto& o : origins) {
    if (o == "*") return "*";
    if (o == origin) return origin;
  }
  return "";
}

}  // namespace

void CorsPolicy::set_origins(std::vector<std::string> origins) {
  auto fresh = std::make_shared<const Origins>(std::move(origins));
  std::lock_guard lock(mutex_);
  origins_ = std::move(fresh);
}

std::shared_ptr<const CorsPolicy::Origins> CorsPolicy::origins() const {
  std::lock_guard lock(mutex_);
  return origins_;
}

void CorsPolicy::apply(const httplib::Request& req, httplib::Response& res) const {
  const auto origins = this->origins();
  if (origins->empty()) return;
  // Caches must not hand one origin's answer to another.
  res.set_header("Vary", "Origin");
  const std::string allow = allowed_origin(*origins, req.get_header_value("Origin"));
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
