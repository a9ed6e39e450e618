// Page policy: the Content-Security-Policy searchd sends with its static files (the search page and
// pepsearch.js), and the check on the sites allowed to frame the page (--frame-ancestors).
// Data: plain strings; the policy is built once at start-up from the validated values. Errors:
// frame_ancestor_error says what is wrong with a value (empty when it is valid), which searchd's
// command line turns into a usage error (exit 2). Threading: pure functions of their arguments.
#pragma once

#include <string>
#include <vector>

namespace pep {

// "" when `value` is 'self' (quotes included) or an origin: http or https, a host name, IPv4 or
// bracketed IPv6 address, an optional port, nothing after (https://example.org, http://127.0.0.1:8080);
// otherwise the reason, naming the value and the form expected.
std::string frame_ancestor_error(const std::string& value);

// The policy of the page and its files: only its own scripts, styles and API; framed by itself and
// by `frame_ancestors` (each valid, duplicates dropped), in that order.
std::string page_csp(const std::vector<std::string>& frame_ancestors);

}  // namespace pep
