#include "service_config.h"

#include "page_policy.h"
#include "program_version.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <ostream>
#include <sstream>
#include <thread>

namespace pep {

namespace {

// Registers every flag on `app`, bound to `opt`. `file_only` leaves --index optional, for checking
// a config file on its own.
void add_flags(CLI::App& app, ServiceOptions& opt, bool file_only) {
  app.set_version_flag("--version", program_version_text("searchd"));
  app.set_config("--config", "", "read settings from this file (key = value, keys are the long flags without dashes; flags on the command line win); re-read on SIGHUP");
  app.allow_config_extras(CLI::config_extras_mode::error);
  auto* index = app.add_option("--index", opt.index_dir, "index directory built by pepindex");
  if (!file_only) index->required();
  app.add_option("--host", opt.host, "address to listen on (restart to change)")->capture_default_str();
  app.add_option("--port", opt.port, "port to listen on; 0 picks a free one (restart to change)")->check(CLI::Range(0, 65535))->capture_default_str();
  app.add_option("--threads", opt.threads, "worker threads (requests served at once)")->check(CLI::Range(1, 256))->capture_default_str();
  app.add_option("--static", opt.static_dir, "directory holding the search page and pepsearch.js (index.html, pepsearch.js, style.css, openapi.json); default: $PEPSEARCH_STATIC, else share/pepsearch/static beside the program")->capture_default_str();
  app.add_option("--cors-origin", opt.cors_origins, "origin allowed to call the API from a browser, e.g. https://example.org (repeatable; * allows any; in the config file a list: [\"https://a\", \"https://b\"]); SIGHUP applies a change");
  app.add_option("--frame-ancestors", opt.frame_ancestors,
                 "site allowed to show the page in a frame, e.g. https://example.org (repeatable; 'self' always is; restart to change)")
      ->check(CLI::Validator(frame_ancestor_error, "ORIGIN"));
  app.add_option("--timeout", opt.timeout, "seconds a whole request may take, from its first byte to the end of the answer")->check(CLI::Range(1, 300))->capture_default_str();
  app.add_option("--max-connections", opt.guard.max_connections, "open connections served; past it, new ones get 503 (health probes have a small reserve)")->check(CLI::Range(1, 100000))->capture_default_str();
  app.add_option("--max-head-bytes", opt.guard.head.max_bytes, "largest request line + headers accepted (431 past it)")->check(CLI::Range(1024, 1 << 20))->capture_default_str();
  app.add_option("--max-headers", opt.guard.head.max_headers, "most header lines in a request (431 past it)")->check(CLI::Range(1, 10000))->capture_default_str();
  app.add_option("--keep-alive", opt.guard.keep_alive_sec, "seconds an idle kept-alive connection stays open")->check(CLI::Range(1, 300))->capture_default_str();
  app.add_option("--facet-count-limit", opt.facet_count_limit,
                 "match sets larger than this many passages get their facet counts and total from a sample, marked "
                 "approximate in the answer; 0 counts every match (restart to change)")
      ->check(CLI::Range(size_t{0}, size_t{1} << 31))
      ->capture_default_str();
  app.add_option("--access-log", opt.access_log, "one JSON line per request to this file (appended; - is stderr); off when not given; SIGHUP re-opens it");
}

// The value of --config on `args`, or "".
std::string config_file_in(const std::vector<std::string>& args) {
  for (size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "--config" && i + 1 < args.size()) return args[i + 1];
    if (args[i].rfind("--config=", 0) == 0) return args[i].substr(9);
  }
  return "";
}

int parse(CLI::App& app, const std::vector<std::string>& args) {
  std::vector<std::string> reversed(args.rbegin(), args.rend() - 1);  // CLI11 takes them last first
  app.parse(reversed);
  return 0;
}

// A message saying what is wrong in the config file itself, or "" when the file alone parses.
std::string config_file_error(const std::string& file) {
  CLI::App app;
  ServiceOptions unused;
  add_flags(app, unused, true);
  try {
    parse(app, {"searchd", "--config", file});
    return "";
  } catch (const CLI::ParseError& e) {
    std::string what = e.what();
    const std::string unknown = "INI was not able to parse ";
    if (what.rfind(unknown, 0) == 0)
      return "unknown key \"" + what.substr(unknown.size()) + "\" (keys are searchd's long flags without the dashes; see searchd --help)";
    if (const size_t colon = what.find(": "); what.rfind("--", 0) == 0 && colon != std::string::npos)
      what = "key \"" + what.substr(2, colon - 2) + "\": " + what.substr(colon + 2);
    return what;
  }
}

}  // namespace

ParseOutcome parse_service_options(const std::vector<std::string>& args, const std::string& static_default,
                                   std::ostream& help_out) {
  ServiceOptions opt;
  // A kept-alive browser connection holds a worker until it idles out, so leave headroom beyond
  // the cores; an engine is only opened for a worker that actually serves a search.
  opt.threads = static_cast<int>(std::max(8u, 2 * std::thread::hardware_concurrency()));
  opt.static_dir = static_default;
  CLI::App app{"searchd: HTTP search daemon and search page for the peptide monograph index"};
  add_flags(app, opt, false);
  ParseOutcome out;
  try {
    parse(app, args);
  } catch (const CLI::CallForHelp& e) {
    std::ostringstream err;
    out.exit_code = app.exit(e, help_out, err);
    return out;
  } catch (const CLI::CallForVersion& e) {
    std::ostringstream err;
    out.exit_code = app.exit(e, help_out, err);
    return out;
  } catch (const CLI::ParseError& e) {
    out.exit_code = 2;
    const std::string file = config_file_in(args);
    const std::string in_file = file.empty() ? "" : config_file_error(file);
    out.message = in_file.empty() ? std::string(e.what()) + " (see searchd --help)" : file + ": " + in_file;
    return out;
  }
  opt.config_file = config_file_in(args);
  out.options = std::move(opt);
  return out;
}

std::vector<std::string> changes_needing_restart(const ServiceOptions& running, const ServiceOptions& fresh) {
  std::vector<std::string> changed;
  const auto check = [&changed](const char* key, const auto& before, const auto& after) {
    if (before == after) return;
    std::ostringstream line;
    line << key << " " << before << " -> " << after;
    changed.push_back(line.str());
  };
  check("index", running.index_dir, fresh.index_dir);
  check("host", running.host, fresh.host);
  check("port", running.port, fresh.port);
  check("threads", running.threads, fresh.threads);
  check("static", running.static_dir, fresh.static_dir);
  check("timeout", running.timeout, fresh.timeout);
  if (running.frame_ancestors != fresh.frame_ancestors) changed.push_back("frame-ancestors");
  check("max-connections", running.guard.max_connections, fresh.guard.max_connections);
  check("max-head-bytes", running.guard.head.max_bytes, fresh.guard.head.max_bytes);
  check("max-headers", running.guard.head.max_headers, fresh.guard.head.max_headers);
  check("keep-alive", running.guard.keep_alive_sec, fresh.guard.keep_alive_sec);
  check("facet-count-limit", running.facet_count_limit, fresh.facet_count_limit);
  return changed;
}

}  // namespace pep
