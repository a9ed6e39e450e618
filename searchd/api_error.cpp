#include "api_error.h"

namespace pep {

std::string_view to_string(ErrorCode code) {
  switch (code) {
    case ErrorCode::bad_parameter: return "bad_parameter";
    case ErrorCode::unknown_parameter: return "unknown_parameter";
    case ErrorCode::unknown_facet_value: return "unknown_facet_value";
    case ErrorCode::query_too_long: return "query_too_long";
    case ErrorCode::malformed_request: return "malformed_request";
    case ErrorCode::not_found: return "not_found";
    case ErrorCode::method_not_allowed: return "method_not_allowed";
    case ErrorCode::request_timeout: return "request_timeout";
    case ErrorCode::payload_too_large: return "payload_too_large";
    case ErrorCode::uri_too_long: return "uri_too_long";
    case ErrorCode::headers_too_large: return "headers_too_large";
    case ErrorCode::internal_error: return "internal_error";
    case ErrorCode::index_unavailable: return "index_unavailable";
    case ErrorCode::overloaded: return "overloaded";
  }
  return "internal_error";
}

int http_status(ErrorCode code) {
  switch (code) {
    case ErrorCode::bad_parameter:
    case ErrorCode::unknown_parameter:
    case ErrorCode::unknown_facet_value:
    case ErrorCode::query_too_long:
    case ErrorCode::malformed_request: return 400;
    case ErrorCode::not_found: return 404;
    case ErrorCode::method_not_allowed: return 405;
    case ErrorCode::request_timeout: return 408;
    case ErrorCode::payload_too_large: return 413;
    case ErrorCode::uri_too_long: return 414;
    case ErrorCode::headers_too_large: return 431;
    case ErrorCode::internal_error: return 500;
    case ErrorCode::index_unavailable:
    case ErrorCode::overloaded: return 503;
  }
  return 500;
}

nlohmann::json error_json(ErrorCode code, const std::string& message, const std::vector<std::string>& valid) {
  nlohmann::json j{{"error", message}, {"code", std::string(to_string(code))}};
  if (!valid.empty()) j["valid"] = valid;
  return j;
}

}  // namespace pep
