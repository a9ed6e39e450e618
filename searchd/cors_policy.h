// CorsPolicy: lets pages on the origins given with --cors-origin call searchd from a browser.
// Allowed origins are echoed in Access-Control-Allow-Origin ("*" allows any); other origins get
// no CORS headers, so the browser keeps the response from them. Only GET, HEAD and OPTIONS exist.
#pragma once

#include <httplib.h>

#include <string>
#include <vector>

namespace pep {

class CorsPolicy {
 public:
  explicit CorsPolicy(std::vector<std::string> origins) : origins_(std::move(origins)) {}
  // Adds the CORS headers a response to `req` should carry.
  void apply(const httplib::Request& req, httplib::Response& res) const;
  // Answers an OPTIONS request (CORS preflight or plain), 204.
  void preflight(const httplib::Request& req, httplib::Response& res) const;

 private:
  std::string allowed_origin(const std::string& origin) const;
  std::vector<std::string> origins_;
};

}  // namespace pep
