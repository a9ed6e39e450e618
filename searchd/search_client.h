// SearchClient: runs a SearchRequest against a running searchd (pepsearch --server URL) and
// returns what the embedded engine would have: the /api/search JSON as served, and the same
// JSON decoded back into a SearchResponse (snippet HTML split into pieces again) for printing.
#pragma once

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "search_types.h"

namespace pep {

// The server could not be reached, or refused the request (its error message is kept).
struct SearchClientError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct ServedSearch {
  nlohmann::json json;
  SearchResponse response;
};

class SearchClient {
 public:
  // `base_url`: "http://host:port" (a trailing slash or path prefix is allowed).
  explicit SearchClient(std::string base_url) : base_url_(std::move(base_url)) {}
  ServedSearch search(const SearchRequest& request) const;

 private:
  std::string base_url_;
};

// The inverse of response_json(), for the fields the CLI prints.
SearchResponse response_from_json(const nlohmann::json& j);

}  // namespace pep
