// SearchClient: runs a SearchRequest (and --evidence-map: GET /api/evidence) against a running
// searchd (pepsearch --server URL) and
// returns what the embedded engine would have: the /api/search JSON as served, and the same
// JSON decoded back into a SearchResponse (snippet HTML split into pieces again) for printing.
// A server that trickles or sends without end cannot hold it: the whole request has a deadline
// (a watchdog thread stops the client when it passes) and the answer a size cap; both end in
// SearchClientError. search() is safe to call from several threads (one client per call).
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "evidence_map.h"
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

struct ServedEvidence {
  nlohmann::json json;     // /api/evidence as served
  EvidenceAnswer answer;   // the same, decoded for the table
};

struct ClientLimits {
  int deadline_sec = 30;                   // connect to last byte of the answer
  size_t max_response_bytes = 32u << 20;   // far above 100 results with capped text
};

class SearchClient {
 public:
  // `base_url`: "http://host:port" (a trailing slash or path prefix is allowed).
  explicit SearchClient(std::string base_url, ClientLimits limits = {})
      : base_url_(std::move(base_url)), limits_(limits) {}
  ServedSearch search(const SearchRequest& request) const;
  // GET /api/evidence (pepsearch --evidence-map --server); "" = no filter.
  ServedEvidence evidence(const std::string& compound, const std::string& indication) const;

 private:
  nlohmann::json get(const std::string& route, const std::multimap<std::string, std::string>& params, const std::string& what) const;
  std::string base_url_;
  ClientLimits limits_;
};

// The inverse of response_json(), for the fields the CLI prints.
SearchResponse response_from_json(const nlohmann::json& j);

}  // namespace pep
