// The searchd HTTP surface on an httplib::Server:
//   GET  /api/search   SearchRequest from the query string -> response_json() (pepsearch --json's contract)
//   GET  /api/suggest  {"query", "suggestions": [...]} for search-as-you-type
//   GET  /healthz      liveness;  GET /readyz  200 once the index is open, 503 before
//   GET  /metrics      Prometheus text (MetricsRegistry)
//   GET  /api/openapi.json  the OpenAPI document describing all of these, `static_dir`/openapi.json
//   GET  /, /pepsearch.js .. the search page and the embeddable search box, files from `static_dir`,
//        sent with page_csp(frame_ancestors) (page_policy.h)
// Every error is JSON {"error": "...", "code": "...", "valid"?: [...]} (api_error.h): 400 bad
// parameters, 404 unknown path, 405 other methods, 503 no index yet, 500 anything unexpected
// (logged; the server keeps serving).
// Search and suggest answers carry the generation that answered (X-Pepsearch-Generation), search
// answers their total (X-Pepsearch-Results), and every routed answer the request's X-Request-Id;
// each answered request goes to `access_log` (off unless opened).
#pragma once

#include <httplib.h>

#include <filesystem>
#include <string>
#include <vector>

#include "access_log.h"
#include "cors_policy.h"
#include "engine_pool.h"
#include "metrics_registry.h"
#include "response_cache.h"

namespace pep {

// The OpenAPI document's file name in the static directory, served at /api/openapi.json.
inline constexpr const char* kOpenApiFile = "openapi.json";

// The references must outlive the server.
// `frame_ancestors` are valid (frame_ancestor_error); they join 'self' in the page's frame-ancestors.
// `cache` holds recent /api/search answers (keyed by index generation and parameters).
void install_http_api(httplib::Server& server, EnginePool& engines, MetricsRegistry& metrics, const CorsPolicy& cors,
                      ResponseCache& cache, const std::filesystem::path& static_dir,
                      const std::vector<std::string>& frame_ancestors, AccessLog& access_log);

}  // namespace pep
