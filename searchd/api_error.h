// The API's error vocabulary: a stable machine code for every error searchd answers, its HTTP
// status, and the one JSON body all of them share:
//   {"error": "<message for a person>", "code": "<stable code>", "valid": ["...", ...]?}
// "error" stays a string (the original contract); "code" is one of ErrorCode spelled by
// to_string (docs/searchd.md and searchd/static/openapi.json list them); "valid" names what the
// request could have said instead (parameter names, facet values) and is left out when empty.
// RequestError is what the parameter parser (ParamError) and the engine (QueryError) throw for a
// request that cannot be run; the CLI prints its message, which names the valid values too.
// Plain values and pure functions: safe from any thread.
#pragma once

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace pep {

enum class ErrorCode {
  bad_parameter,        // 400: a value out of range, malformed, repeated, missing or empty q
  unknown_parameter,    // 400: a parameter (or facet) name the route does not know; "valid" lists them
  unknown_facet_value,  // 400: a facet value neither the vocabulary nor the index knows; "valid" lists them
  query_too_long,       // 400: q over 1024 bytes
  malformed_request,    // 400: a URL or request httplib cannot parse ('%' not before two hex digits, %00)
  not_found,            // 404: no such path
  method_not_allowed,   // 405: not GET, HEAD or OPTIONS
  request_timeout,      // 408: the request was not complete within --timeout
  payload_too_large,    // 413: a request body over 64 KiB
  uri_too_long,         // 414: a request line over 8 KiB
  headers_too_large,    // 431: a head over --max-head-bytes or --max-headers
  internal_error,       // 500: a bug or an unreadable index (logged)
  index_unavailable,    // 503: no index to search yet, or the live one does not open
  overloaded,           // 503: over --max-connections
};

std::string_view to_string(ErrorCode code);
int http_status(ErrorCode code);

struct RequestError : std::invalid_argument {
  RequestError(ErrorCode code, const std::string& message, std::vector<std::string> valid = {})
      : std::invalid_argument(message), code(code), valid(std::move(valid)) {}
  ErrorCode code;
  std::vector<std::string> valid;
};

nlohmann::json error_json(ErrorCode code, const std::string& message, const std::vector<std::string>& valid = {});

}  // namespace pep
