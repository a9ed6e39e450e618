// ServiceOptions: searchd's settings, from its command line and the config file `--config FILE`
// names (CLI11's own config support: INI/TOML `key = value`, a key being a long flag name without
// its dashes, e.g. `port = 8080`, `cors-origin = ["https://a.example", "https://b.example"]`).
// A flag given on the command line wins over the same key in the file.
//
// parse_service_options() reads both from scratch each time, so searchd calls it at start and again
// on SIGHUP with the same command line; changes_needing_restart() says which fresh values cannot be
// applied to a running server (address, threads, limits), the rest (access log, CORS origins) can.
// Errors: a ParseOutcome with exit code 2 and a message naming the file and the key when the file
// is at fault (unknown key, bad value), or the flag; `--help` gives exit code 0 and no options.
// Stateless functions; no threads of their own.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "connection_guard.h"

#include "query_engine.h"

namespace pep {

struct ServiceOptions {
  std::string config_file;  // empty: none
  std::string index_dir;
  std::string host = "127.0.0.1";
  int port = 8080;
  int threads = 8;  // set from the cores by parse_service_options
  std::string static_dir;
  std::vector<std::string> cors_origins;
  std::vector<std::string> frame_ancestors;  // valid (page_policy.h); join 'self' in the page's CSP
  int timeout = 5;
  GuardLimits guard;
  std::string access_log;  // empty: off; "-": stderr; else a file, appended to
  size_t facet_count_limit = QueryEngine::kDefaultFacetCountLimit;  // 0: exact counts (query_engine.h)
};

struct ParseOutcome {
  std::optional<ServiceOptions> options;  // set when searchd should run
  int exit_code = 0;                      // when not: 0 after --help, 2 for an error
  std::string message;                    // the error, for stderr
};

// `args` is the whole command line, program name first. `static_default` is the page's directory
// when neither flag nor file names one. Help goes to `help_out`.
ParseOutcome parse_service_options(const std::vector<std::string>& args, const std::string& static_default,
                                   std::ostream& help_out);

// One line per setting that differs between `running` and `fresh` and needs a restart,
// e.g. "port 8080 -> 9090".
std::vector<std::string> changes_needing_restart(const ServiceOptions& running, const ServiceOptions& fresh);

}  // namespace pep
