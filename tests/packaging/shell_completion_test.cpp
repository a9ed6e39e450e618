// The shell completions (packaging/completions) offer the flags --help lists: the bash script is
// sourced with bash-completion and its function asked for "PROGRAM --"; fish is asked the same
// with `complete -C`; the zsh function is read for each flag's spec. pepindex is asked before and
// after each subcommand.
#include <filesystem>

#include "program_flags.h"

using namespace pep::test;

namespace {

const std::filesystem::path kBashCompletion = "/usr/share/bash-completion/bash_completion";

std::filesystem::path completion_file(const std::string& name) { return source_dir() / "packaging" / "completions" / name; }

std::set<std::string> lines_of(const std::string& text, bool up_to_tab) {
  std::set<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.insert(up_to_tab ? line.substr(0, line.find('\t')) : line);
  return out;
}

// What the bash completion offers for `words...` followed by a word being typed, `current`.
std::set<std::string> bash_offers(const std::string& words, const std::string& current) {
  const std::string line = words + " " + current;
  const std::string script = "source " + kBashCompletion.string() + "; source " + completion_file("pepsearch.bash").string() +
                             "; COMP_LINE=" + shell_quote(line) + "; COMP_POINT=${#COMP_LINE}; COMP_WORDS=(" + words + " " +
                             shell_quote(current) + "); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _pepsearch_programs " +
                             words.substr(0, words.find(' ')) + " " + shell_quote(current) +
                             " x; printf '%s\\n' \"${COMPREPLY[@]}\"";
  return lines_of(run("bash -c " + shell_quote(script)).out, false);
}

std::set<std::string> fish_offers(const std::string& program, const std::string& typed) {
  const std::string script = "source " + completion_file(program + ".fish").string() + "; complete -C " + shell_quote(typed);
  return lines_of(run("fish --no-config -c " + shell_quote(script)).out, true);
}

void check_offers(const std::set<std::string>& offered, const std::set<std::string>& flags, const std::string& what) {
  REQUIRE(!flags.empty());
  for (const auto& f : flags) {
    INFO(what << " does not offer " << f << ", which --help lists");
    CHECK(offered.count(f));
  }
}

// Each program, and pepindex after each of its subcommands: {words typed before the flag, --help command}.
std::vector<std::pair<std::string, std::string>> command_lines() {
  std::vector<std::pair<std::string, std::string>> out = {{"pepsearch", pepsearch_bin()}, {"searchd", SEARCHD_BIN}, {"pepindex", pepindex_bin()}};
  for (const auto& sub : help_subcommands(pepindex_bin())) out.push_back({"pepindex " + sub, pepindex_bin() + " " + sub});
  return out;
}

}  // namespace

TEST_CASE("bash completion offers every flag of --help") {
  if (!std::filesystem::exists(kBashCompletion)) {
    WARN("skipped: " << kBashCompletion << " missing (apt-get install bash-completion; scripts/install-deps.sh --test)");
    return;
  }
  for (const auto& [words, help] : command_lines()) check_offers(bash_offers(words, "--"), help_flags(help), "bash after `" + words + "`");
  const auto subs = bash_offers("pepindex", "");
  CHECK(subs == help_subcommands(pepindex_bin()));
  CHECK(bash_offers("pepsearch --grade", "") == std::set<std::string>{"a", "b", "c", "d"});
}

TEST_CASE("fish completion offers every flag of --help") {
  if (run("command -v fish >/dev/null").exit_code != 0) {
    WARN("skipped: fish is not installed (scripts/install-deps.sh --test)");
    return;
  }
  for (const auto& [words, help] : command_lines()) {
    const std::string program = words.substr(0, words.find(' '));
    check_offers(fish_offers(program, words + " --"), help_flags(help), "fish after `" + words + "`");
  }
}

TEST_CASE("the zsh completion has a spec for every flag of --help") {
  const std::string text = read_file(completion_file("_pepsearch"));
  REQUIRE(text.rfind("#compdef pepindex pepsearch searchd", 0) == 0);
  for (const auto& [words, help] : command_lines())
    for (const auto& f : help_flags(help)) {
      INFO("_pepsearch lacks " << f << " (" << words << ")");
      const bool specified = text.find("'" + f + "[") != std::string::npos || text.find("'*" + f + "[") != std::string::npos ||
                             text.find("'(- *)" + f + "[") != std::string::npos;
      CHECK(specified);
    }
}
