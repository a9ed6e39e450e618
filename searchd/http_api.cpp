#include "http_api.h"

#include <xapian.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "api_error.h"
#include "index_location.h"
#include "page_policy.h"
#include "request_params.h"
#include "response_cache.h"
#include "response_json.h"

namespace pep {

using nlohmann::json;

namespace {

void send_json(httplib::Response& res, int status, const json& body) {
  res.status = status;
  if (!res.has_header("X-Content-Type-Options")) res.set_header("X-Content-Type-Options", "nosniff");
  // Replace rather than throw on bytes that are not UTF-8: an answer beats a 500.
  res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace), "application/json; charset=utf-8");
}

// Every '%' starts two hex digits; httplib would otherwise pass "%ZZ" on literally.
bool valid_percent_encoding(const std::string& target) {
  for (size_t i = target.find('%'); i != std::string::npos; i = target.find('%', i + 1))
    if (i + 2 >= target.size() || !std::isxdigit(static_cast<unsigned char>(target[i + 1])) ||
        !std::isxdigit(static_cast<unsigned char>(target[i + 2])))
      return false;
  return true;
}

void send_error(httplib::Response& res, ErrorCode code, const std::string& message,
                const std::vector<std::string>& valid = {}) {
  send_json(res, http_status(code), error_json(code, message, valid));
}

// A fixed label per route keeps /metrics bounded whatever paths clients request.
std::string route_label(const httplib::Request& req, const httplib::Response& res) {
  for (const char* route : {"/api/search", "/api/suggest", "/api/evidence", "/api/openapi.json", "/healthz", "/readyz", "/metrics"})
    if (req.path == route) return route;
  if (req.method == "OPTIONS") return "preflight";
  return res.status < 400 ? "static" : "other";
}

// An error httplib answered itself, by its status.
std::pair<ErrorCode, std::string> httplib_error(int status) {
  switch (status) {
    case 400: return {ErrorCode::malformed_request, "malformed request"};
    case 413: return {ErrorCode::payload_too_large, "request body too large (at most 64 KiB)"};
    case 414: return {ErrorCode::uri_too_long, "request URI too long (at most 8 KiB)"};
    default: return {ErrorCode::internal_error, "HTTP error " + std::to_string(status)};
  }
}

using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;

// Runs an API handler: maps exceptions to JSON errors, adds CORS headers, times it.
Handler api_route(const std::string& route, MetricsRegistry& metrics, const CorsPolicy& cors, Handler handler) {
  return [route, &metrics, &cors, handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
    const auto start = std::chrono::steady_clock::now();
    res.set_header("Cache-Control", "no-cache");
    res.set_header("X-Content-Type-Options", "nosniff");
    try {
      handler(req, res);
    } catch (const RequestError& e) {  // ParamError, QueryError
      send_error(res, e.code, e.what(), e.valid);
    } catch (const IndexError& e) {
      send_error(res, ErrorCode::index_unavailable, std::string("index unavailable: ") + e.what());
    } catch (const Xapian::Error& e) {
      std::cerr << "searchd: " << route << ": " << e.get_description() << "\n";
      send_error(res, ErrorCode::internal_error, "internal error while searching; see the searchd log");
    } catch (const std::exception& e) {
      std::cerr << "searchd: " << route << ": " << e.what() << "\n";
      send_error(res, ErrorCode::internal_error, "internal error; see the searchd log");
    }
    cors.apply(req, res);
    metrics.observe_latency(route, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  };
}

// Runs `fn` on a leased engine; if the engine fails in a way the index may have caused (a
// generation removed or damaged under it), has its generation verified (a damaged one is served
// no more) and retries once on a freshly opened engine, which refuses a damaged live generation.
template <typename Fn>
auto with_engine(EnginePool& engines, Fn fn) {
  auto lease = engines.lease();
  try {
    return fn(*lease);
  } catch (const Xapian::DatabaseError& e) {  // DatabaseCorruptError among them
    std::cerr << "searchd: reopening the index after: " << e.get_description() << "\n";
    engines.suspect(lease->generation());
  } catch (const Xapian::Error& e) {
    std::cerr << "searchd: reopening the index after: " << e.get_description() << "\n";
  } catch (const IndexError& e) {
    std::cerr << "searchd: reopening the index after: " << e.what() << "\n";
    engines.suspect(lease->generation());
  }
  lease.reopen();
  return fn(*lease);
}

// The API's OpenAPI document (kOpenApiFile among the page's files), read once at start.
void install_openapi_route(httplib::Server& server, MetricsRegistry& metrics, const CorsPolicy& cors,
                           const std::filesystem::path& static_dir) {
  const std::filesystem::path file = static_dir / kOpenApiFile;
  std::ifstream in(file, std::ios::binary);
  std::string document((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in || document.empty())
    std::cerr << "searchd: warning: no API description to serve, cannot read " << file << " (see --static)\n";
  server.Get("/api/openapi.json", api_route("/api/openapi.json", metrics, cors, [document, file](const auto&, auto& res) {
    if (document.empty())
      return send_error(res, ErrorCode::not_found, "no API description: " + file.string() + " is missing (see --static)");
    res.status = 200;
    res.set_content(document, "application/json; charset=utf-8");
  }));
}

// The generation an answer came from, for its headers: a mixed fleet is visible per response.
struct AnsweredBy {
  std::string generation, id;
  void note(const QueryEngine& e) {
    generation = e.generation();
    id = e.generation_id();
  }
  void set_headers(httplib::Response& res) const {
    res.set_header(kGenerationHeader, generation);
    res.set_header(kGenerationIdHeader, id);
  }
};

void install_api_routes(httplib::Server& server, EnginePool& engines, MetricsRegistry& metrics, const CorsPolicy& cors,
                        ResponseCache& cache) {
  server.Get("/api/search", api_route("/api/search", metrics, cors, [&engines, &cache](const auto& req, auto& res) {
    const SearchRequest request = parse_search_params(req.params);
    std::string params;  // canonical: httplib's params are a sorted multimap
    for (const auto& [k, v] : req.params) params.append(k).append("=").append(v).append("&");
    AnsweredBy by;
    const CachedAnswer answer = with_engine(engines, [&](QueryEngine& e) {
      by.note(e);
      const std::string key = e.generation() + "\n" + params;
      if (auto hit = cache.get(key)) return *hit;
      const SearchResponse response = e.search(request);
      CachedAnswer fresh{response_json(response, request.full_text ? 0 : kMaxResultTextBytes).dump(-1, ' ', false, json::error_handler_t::replace), response.total};
      cache.put(key, fresh);
      return fresh;
    });
    res.status = 200;
    by.set_headers(res);
    res.set_header(kResultsHeader, std::to_string(answer.results));
    res.set_content(answer.body, "application/json; charset=utf-8");
  }));

  server.Get("/api/suggest", api_route("/api/suggest", metrics, cors, [&engines](const auto& req, auto& res) {
    const SuggestRequest request = parse_suggest_params(req.params);
    AnsweredBy by;
    const auto suggestions = with_engine(engines, [&](QueryEngine& e) {
      by.note(e);
      return e.suggest(request.prefix, request.limit);
    });
    by.set_headers(res);
    send_json(res, 200, json{{"query", request.prefix}, {"suggestions", suggestions}});
  }));

  server.Get("/api/evidence", api_route("/api/evidence", metrics, cors, [&engines](const auto& req, auto& res) {
    const EvidenceParams params = parse_evidence_params(req.params);
    AnsweredBy by;
    const EvidenceAnswer answer = with_engine(engines, [&](QueryEngine& e) {
      by.note(e);
      return e.evidence(params.compound, params.indication);
    });
    by.set_headers(res);
    send_json(res, 200, evidence_json(answer));
  }));

  server.Get("/healthz", api_route("/healthz", metrics, cors, [](const auto&, auto& res) {
    send_json(res, 200, json{{"status", "ok"}});
  }));

  // Ready when an engine serves a generation that is open and undamaged: a load balancer's check.
  server.Get("/readyz", api_route("/readyz", metrics, cors, [&engines](const auto&, auto& res) {
    try {
      engines.check();
      const IndexStats s = with_engine(engines, [](QueryEngine& e) { return e.stats(); });
      res.set_header(kGenerationHeader, s.generation);
      res.set_header(kGenerationIdHeader, s.id);
      send_json(res, 200, json{{"status", "ready"}, {"generation", s.generation}, {"id", s.id},
                               {"passages", s.passages}, {"documents", s.documents}});
    } catch (const IndexError& e) {
      send_error(res, ErrorCode::index_unavailable, std::string("not ready: ") + e.what());
    }
  }));

  server.Get("/metrics", api_route("/metrics", metrics, cors, [&metrics, &engines](const auto&, auto& res) {
    engines.check();
    metrics.index_damaged(!engines.live_damage().empty());
    res.set_content(metrics.render(), "text/plain; version=0.0.4; charset=utf-8");
  }));

}

void install_method_guard(httplib::Server& server, const CorsPolicy& cors) {
  server.Options(".*", [&cors](const auto& req, auto& res) { cors.preflight(req, res); });

  // Methods that may carry a body are routed (httplib reads and bounds the body first) so the
  // connection stays in step; anything else is refused before routing.
  const auto not_allowed = [](const httplib::Request&, httplib::Response& res) {
    res.set_header("Allow", "GET, HEAD, OPTIONS");
    send_error(res, ErrorCode::method_not_allowed, "method not allowed; searchd answers GET, HEAD and OPTIONS");
  };
  server.Post(".*", not_allowed).Put(".*", not_allowed).Patch(".*", not_allowed).Delete(".*", not_allowed);
  server.set_pre_routing_handler([not_allowed](const httplib::Request& req, httplib::Response& res) {
    if (req.has_header(kRequestIdHeader)) res.set_header(kRequestIdHeader, req.get_header_value(kRequestIdHeader));
    // A decoded NUL would cut a static file's path short ("/index.html%00.js" served index.html).
    if (req.path.find('\0') != std::string::npos || req.target.find("%00") != std::string::npos ||
        !valid_percent_encoding(req.target)) {
      send_error(res, ErrorCode::malformed_request, "malformed URL: a '%' must start two hex digits, and %00 is not allowed");
      return httplib::Server::HandlerResponse::Handled;
    }
    for (const char* m : {"GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"})
      if (req.method == m) return httplib::Server::HandlerResponse::Unhandled;
    not_allowed(req, res);
    return httplib::Server::HandlerResponse::Handled;
  });

}

void install_page(httplib::Server& server, const std::filesystem::path& static_dir,
                  const std::vector<std::string>& frame_ancestors) {
  // The page and pepsearch.js: plain files, no build step. The policy keeps injected markup from
  // running scripts and lets only the named sites frame the page.
  if (!server.set_mount_point("/", static_dir.string(),
                              {{"Content-Security-Policy", page_csp(frame_ancestors)},
                               {"X-Content-Type-Options", "nosniff"},
                               {"Cache-Control", "no-cache"}}))
    std::cerr << "searchd: warning: no page to serve, " << static_dir << " is not a directory (see --static)\n";
  server.set_file_extension_and_mimetype_mapping("js", "text/javascript; charset=utf-8");
  server.set_file_extension_and_mimetype_mapping("html", "text/html; charset=utf-8");
  server.set_file_extension_and_mimetype_mapping("css", "text/css; charset=utf-8");
}

void install_error_handling(httplib::Server& server, MetricsRegistry& metrics, AccessLog& access_log) {
  // Errors httplib produces itself (404, 400 for a malformed request, 413, 414) get JSON too.
  server.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    if (res.status == 404)
      send_error(res, ErrorCode::not_found,
                 "no such path: " + (req.path.size() <= 200 ? req.path : req.path.substr(0, 200) + "..."));
    else {
      const int status = res.status;
      const auto [code, reason] = httplib_error(status);
      send_json(res, status, error_json(code, reason));
    }
    return httplib::Server::HandlerResponse::Handled;
  }));
  server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
    try {
      std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      std::cerr << "searchd: unhandled: " << e.what() << "\n";
    } catch (...) {
      std::cerr << "searchd: unhandled non-standard exception\n";
    }
    send_error(res, ErrorCode::internal_error, "internal error; see the searchd log");
  });
  server.set_logger([&metrics, &access_log](const httplib::Request& req, const httplib::Response& res) {
    metrics.count_request(route_label(req, res), res.status);
    access_log.write(req, res);
  });
}

}  // namespace

void install_http_api(httplib::Server& server, EnginePool& engines, MetricsRegistry& metrics, const CorsPolicy& cors,
                      ResponseCache& cache, const std::filesystem::path& static_dir,
                      const std::vector<std::string>& frame_ancestors, AccessLog& access_log) {
  install_api_routes(server, engines, metrics, cors, cache);
  install_openapi_route(server, metrics, cors, static_dir);
  install_method_guard(server, cors);
  install_page(server, static_dir, frame_ancestors);
  install_error_handling(server, metrics, access_log);
}

}  // namespace pep
