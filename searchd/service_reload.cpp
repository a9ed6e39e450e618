#include "service_reload.h"

#include <sstream>
#include <stdexcept>

namespace pep {

void apply_live_settings(const ServiceOptions& options, AccessLog& access_log, CorsPolicy& cors) {
  access_log.open(options.access_log);  // the one step that can fail: first
  cors.set_origins(options.cors_origins);
}

bool reload_service(const std::vector<std::string>& args, const std::string& static_default, ServiceOptions& running,
                    AccessLog& access_log, CorsPolicy& cors, std::ostream& log) {
  std::ostringstream help;  // --help cannot be on a running searchd's command line
  ParseOutcome fresh = parse_service_options(args, static_default, help);
  if (!fresh.options) {
    log << "searchd: SIGHUP: not reloading, the settings do not parse: " << fresh.message
        << "; still serving with the running settings" << std::endl;
    return false;
  }
  try {
    apply_live_settings(*fresh.options, access_log, cors);
  } catch (const std::runtime_error& e) {
    log << "searchd: SIGHUP: not reloading: " << e.what() << "; still serving with the running settings" << std::endl;
    return false;
  }
  for (const std::string& change : changes_needing_restart(running, *fresh.options))
    log << "searchd: SIGHUP: " << change << " needs a restart; keeping the running value" << std::endl;
  running.access_log = fresh.options->access_log;
  running.cors_origins = fresh.options->cors_origins;
  log << "searchd: SIGHUP: reloaded " << (running.config_file.empty() ? "the command line" : running.config_file)
      << " (access log " << (running.access_log.empty() ? "off" : running.access_log) << ", "
      << running.cors_origins.size() << " CORS origins)" << std::endl;
  return true;
}

}  // namespace pep
