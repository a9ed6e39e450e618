// CorsPolicy: lets pages on the origins given with --cors-origin call searchd from a browser.
// Allowed origins are echoed in Access-Control-Allow-Origin ("*" allows any); other origins get
// no CORS headers, so the browser keeps the response from them. Only GET, HEAD and OPTIONS exist.
// Thread-safe: set_origins (searchd's SIGHUP) swaps the list while requests read it.
#pragma once

#include <httplib.h>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace pep {

class CorsPolicy {
 public:
  explicit CorsPolicy(std::vector<std::string> origins) { set_origins(std::move(origins)); }
  void set_origins(std::vector<std::string> origins);
  // Adds the CORS headers a response to `req` should carry.
  void apply(const httplib::Request& req, httplib::Response& res) const;
  // Answers an OPTIONS request (CORS preflight or plain), 204.
  void preflight(const httplib::Request& req, httplib::Response& res) const;

 private:
  using Origins = std::vector<std::string>;
  std::shared_ptr<const Origins> origins() const;
  mutable std::mutex mutex_;  // guards the pointer only
  std::shared_ptr<const Origins> origins_;
};

}  // namespace pep
