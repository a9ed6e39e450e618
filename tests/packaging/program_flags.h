// What the packaging tests compare against: the long flags a program's `--help` lists, read from
// CLI11's help text (an option line starts with spaces and the flag, "  --index TEXT ..." or
// "  -h,--help ..."), and the subcommands it names. No errors: an unreadable help gives no flags.
#pragma once

#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "test_env.h"

namespace pep::test {

inline std::set<std::string> help_flags(const std::string& command) {
  const auto r = run(command + " --help 2>/dev/null");
  std::set<std::string> flags;
  static const std::regex option_line(R"(^\s+(?:-[A-Za-z],)?(--[a-z][a-z0-9-]*))");
  std::istringstream in(r.out);
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (std::regex_search(line, m, option_line)) flags.insert(m[1]);
  }
  return flags;
}

// The subcommands under "Subcommands:" in a help text.
inline std::set<std::string> help_subcommands(const std::string& command) {
  const auto r = run(command + " --help 2>/dev/null");
  std::set<std::string> subs;
  std::istringstream in(r.out);
  bool listing = false;
  static const std::regex sub_line(R"(^\s+([a-z][a-z0-9-]*)\s)");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("Subcommands:", 0) == 0) listing = true;
    else if (listing) {
      std::smatch m;
      if (std::regex_search(line, m, sub_line)) subs.insert(m[1]);
      else if (!line.empty() && line[0] != ' ') listing = false;
    }
  }
  return subs;
}

}  // namespace pep::test
