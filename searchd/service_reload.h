// What searchd does on SIGHUP: reads its command line and config file again
// (parse_service_options) and applies the settings that can change while it serves: the access
// log (re-opened even when its path is unchanged, so a log renamed by logrotate is let go and a
// new file started) and the CORS origins. Settings that need a restart (address, port, threads,
// index, page directory, limits) keep their running values and are logged as "needs a restart".
// A config that does not parse, or an access log that cannot be opened, is logged and every
// running setting stays. Runs on searchd's signal thread; requests keep being served meanwhile
// (AccessLog and CorsPolicy swap their settings atomically).
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "access_log.h"
#include "cors_policy.h"
#include "service_config.h"

namespace pep {

// Puts `options`' live settings into effect; throws std::runtime_error when the access log cannot
// be opened (the previous one stays).
void apply_live_settings(const ServiceOptions& options, AccessLog& access_log, CorsPolicy& cors);

// The SIGHUP reload; `running` gets the fresh live settings when they take effect. Returns false
// when the reload was refused (the reason is logged).
bool reload_service(const std::vector<std::string>& args, const std::string& static_default, ServiceOptions& running,
                    AccessLog& access_log, CorsPolicy& cors, std::ostream& log);

}  // namespace pep
