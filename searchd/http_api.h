// The searchd HTTP surface on an httplib::Server:
//   GET  /api/search   SearchRequest from the query string -> response_json() (pepsearch --json's contract)
//   GET  /api/suggest  {"query", "suggestions": [...]} for search-as-you-type
//   GET  /healthz      liveness;  GET /readyz  200 once the index is open, 503 before
//   GET  /metrics      Prometheus text (MetricsRegistry)
//   GET  /, /app.js .. the search page, files from `static_dir`
// Every error is JSON {"error": "..."}: 400 bad parameters, 404 unknown path, 405 other methods,
// 503 no index yet, 500 anything unexpected (logged; the server keeps serving).
// Search and suggest answers carry the generation that answered (X-Pepsearch-Generation), search
// answers their total (X-Pepsearch-Results), and every routed answer the request's X-Request-Id;
// each answered request goes to `access_log` (off unless opened).
#pragma once

#include <httplib.h>

#include <filesystem>

#include "access_log.h"
#include "cors_policy.h"
#include "engine_pool.h"
#include "metrics_registry.h"
#include "response_cache.h"

namespace pep {

// The references must outlive the server.
// `cache` holds recent /api/search answers (keyed by index generation and parameters).
void install_http_api(httplib::Server& server, EnginePool& engines, MetricsRegistry& metrics, const CorsPolicy& cors,
                      ResponseCache& cache, const std::filesystem::path& static_dir, AccessLog& access_log);

}  // namespace pep
