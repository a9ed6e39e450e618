// Turns the query parameters of /api/search, /api/suggest and /api/evidence into requests, rejecting bad input
// before it reaches the engine: missing or empty q, q over 1024 bytes, invalid UTF-8, numbers out
// of range, parameter names the API does not know. A rejection is a ParamError (a RequestError,
// api_error.h) whose message and code the daemon returns with status 400; an unknown parameter's
// error lists the route's parameters in `valid`.
#pragma once

#include <map>
#include <string>

#include "api_error.h"
#include "search_types.h"

namespace pep {

struct ParamError : RequestError {
  using RequestError::RequestError;
};

// Decoded query parameters; a name may repeat (httplib::Params has this type).
using QueryParams = std::multimap<std::string, std::string>;

// /api/search: q, page, per_page, group ("source", or "none"/empty for the flat list), sub_limit
// (0-20) and the facets of index_schema.h (repeatable). Facet values are lower-cased as the CLI does.
SearchRequest parse_search_params(const QueryParams& params);

struct SuggestRequest {
  std::string prefix;  // may be empty: no suggestions
  size_t limit = 8;
};
// /api/suggest: q (required, may be empty) and limit (1-20).
SuggestRequest parse_suggest_params(const QueryParams& params);

struct EvidenceParams {
  std::string compound, indication;  // slugs, lower-cased; "" = any
};
// /api/evidence: compound and indication, each optional and at most once.
EvidenceParams parse_evidence_params(const QueryParams& params);

bool is_valid_utf8(const std::string& s);

}  // namespace pep
