// Output hygiene through the real binaries (issue 26): terminal escape sequences in the corpus
// never reach a terminal, a file name that is not UTF-8 is noted and carried in JSON, and an
// unreadable file or directory is listed as skipped and fails --strict. Each case records its
// outcome in the reliability table (reliability_table.h).
#include <sys/stat.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "reliability_table.h"

using namespace pep::test;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const std::string kOsc = "\x1b]0;pwned\x07";  // retitles a terminal window
const std::string kRed = "\x1b[31m";          // turns what follows red

std::string build_cmd(const fs::path& corpus, const fs::path& index, const std::string& extra = "") {
  return pepindex_bin() + " build " + extra + " --corpus " + shell_quote(corpus.string()) + " --index " +
         shell_quote(index.string());
}

std::string search_cmd(const fs::path& index, const std::string& args) {
  return pepsearch_bin() + " --index " + shell_quote(index.string()) + " " + args;
}

// A monograph with escape sequences in its title, publisher, heading and text.
std::string hostile_monograph() {
  return "---\ntitle: Hostile " + kOsc + "monograph" + kRed + "\nsubtitle: escapes " + kRed +
         "\ncompound: quuxamine\naliases: qx\npublisher: editors" + kOsc + "\nurl: https://pepsearch.example/q\n---\n\n"
         "## Dosage" + kOsc + " notes" + kRed + "\n\nQuuxamine" + kOsc + " is given daily" + kRed +
         " in sepsis trials of zorblatt.\n";
}

}  // namespace

TEST_CASE("output hygiene: escape sequences from the corpus never reach the terminal") {
  TempDir tmp;
  const auto corpus = tmp / "corpus";
  write_file(corpus / "hostile.md", hostile_monograph());
  write_file(corpus / ("esc" + kOsc + kRed + ".txt"), "");  // a name-like place: a skipped file's note
  const auto index = tmp / "index";
  const auto build = run(build_cmd(corpus, index) + " 2>&1");
  INFO(build.out);
  REQUIRE(build.exit_code == 0);
  CHECK(build.out.find('\x1b') == std::string::npos);
  CHECK(build.out.find("skipped esc\\x1b]0;pwned\\x07\\x1b[31m.txt: empty file") != std::string::npos);

  const auto human = run(search_cmd(index, "zorblatt 2>&1"));
  INFO(human.out);
  CHECK(human.exit_code == 0);
  CHECK(human.out.find('\x1b') == std::string::npos);
  CHECK(human.out.find('\x07') == std::string::npos);
  CHECK(human.out.find("Hostile \\x1b]0;pwned\\x07monograph\\x1b[31m") != std::string::npos);

  // JSON keeps the text as it is, written as JSON escapes.
  const auto js = run(search_cmd(index, "--json zorblatt"));
  REQUIRE(js.exit_code == 0);
  CHECK(js.out.find('\x1b') == std::string::npos);
  const json j = json::parse(js.out);
  REQUIRE(j["results"].size() == 1);
  CHECK(j["results"][0]["text"].get<std::string>().find("Quuxamine" + kOsc + " is given daily" + kRed) != std::string::npos);

  const auto inspect = run(pepindex_bin() + " inspect " + shell_quote((corpus / "hostile.md").string()) + " 2>&1");
  INFO(inspect.out);
  CHECK(inspect.exit_code == 0);
  CHECK(inspect.out.find('\x1b') == std::string::npos);
  CHECK(inspect.out.find("Dosage\\x1b]0;pwned\\x07 notes") != std::string::npos);

  const bool clean = build.out.find('\x1b') == std::string::npos && human.out.find('\x1b') == std::string::npos &&
                     inspect.out.find('\x1b') == std::string::npos;
  record_case("output", "escape sequences in corpus text and file names",
              "shown escaped (\\x1b) in pepsearch, pepindex build and inspect; kept as JSON escapes in --json",
              std::string(clean ? "no" : "SOME") + " ESC byte reached the terminal; --json exit " +
                  std::to_string(js.exit_code) + ", text kept");
}

TEST_CASE("output hygiene: a file name that is not UTF-8 is noted and carried percent-escaped in JSON") {
  TempDir tmp;
  const auto corpus = tmp / "corpus";
  write_file(corpus / "good.txt", "Good monograph\n\nThymogen is a dipeptide studied in sepsis.\n");
  write_file(corpus / "bad\xffname.txt", "Odd name monograph\n\nZorblatt is the marker word of the oddly named file.\n");
  const auto index = tmp / "index";
  const auto build = run(build_cmd(corpus, index) + " 2>&1");
  INFO(build.out);
  REQUIRE(build.exit_code == 0);
  CHECK(build.out.find("warning bad%FFname.txt: file name is not UTF-8") != std::string::npos);

  const auto js = run(search_cmd(index, "--json zorblatt"));
  INFO(js.out);
  CHECK(js.exit_code == 0);
  REQUIRE(json::accept(js.out));
  const json j = json::parse(js.out);
  REQUIRE(j["results"].size() == 1);
  CHECK(j["results"][0]["source"]["path"] == "bad%FFname.txt");
  CHECK(j["results"][0]["source"]["id"] == "bad%FFname.txt");
  CHECK(run(search_cmd(index, "zorblatt")).exit_code == 0);

  const auto strict = run(build_cmd(corpus, index, "--strict") + " 2>&1");
  CHECK(strict.exit_code == 1);
  record_case("output", "file name with byte \\xff", "indexed with a warning; id and path percent-escaped; --json exit 0",
              "build exit " + std::to_string(build.exit_code) + ", --json exit " + std::to_string(js.exit_code) +
                  ", path " + j["results"][0]["source"]["path"].get<std::string>() + "; --strict exit " +
                  std::to_string(strict.exit_code));
}

namespace {

// How to run pepindex as a user that chmod 000 stops: nothing when not root, else setpriv or
// runuser as nobody (65534); empty optional when root has neither.
std::optional<std::string> unprivileged_prefix() {
  if (::geteuid() != 0) return std::string();
  if (run("command -v setpriv >/dev/null 2>&1").exit_code == 0)
    return std::string("setpriv --reuid=65534 --regid=65534 --clear-groups ");
  if (run("command -v runuser >/dev/null 2>&1").exit_code == 0 && run("id nobody >/dev/null 2>&1").exit_code == 0)
    return std::string("runuser -u nobody -- ");
  return std::nullopt;
}

}  // namespace

TEST_CASE("output hygiene: an unreadable file or directory is listed as skipped and fails --strict") {
  const auto prefix = unprivileged_prefix();
  if (!prefix) {
    WARN("skipped: running as root without setpriv or runuser, so chmod 000 cannot be tested");
    return;
  }
  TempDir tmp;
  const auto corpus = tmp / "corpus";
  write_file(corpus / "good.txt", "Good monograph\n\nZorblatt is the marker word of the good file.\n");
  write_file(corpus / "secret" / "inside.txt", "Hidden monograph\n\nQuuxamine is in the unreadable folder.\n");
  write_file(corpus / "locked.txt", "Locked monograph\n\nQuuxamine is in the unreadable file.\n");
  const auto index = tmp / "index";
  if (::geteuid() == 0) REQUIRE(run("chown -R 65534:65534 " + shell_quote(tmp.path().string())).exit_code == 0);
  fs::permissions(corpus / "secret", fs::perms::none);
  fs::permissions(corpus / "locked.txt", fs::perms::none);

  const auto build = run(*prefix + build_cmd(corpus, index) + " 2>&1");
  const auto strict = run(*prefix + build_cmd(corpus, index, "--strict") + " 2>&1");
  fs::permissions(corpus / "secret", fs::perms::owner_all);
  fs::permissions(corpus / "locked.txt", fs::perms::owner_read | fs::perms::owner_write);
  INFO(build.out);
  INFO(strict.out);
  CHECK(build.exit_code == 0);
  CHECK(build.out.find("skipped secret: cannot read directory: Permission denied") != std::string::npos);
  CHECK(build.out.find("skipped locked.txt: cannot read file") != std::string::npos);
  CHECK(strict.exit_code == 1);
  CHECK(strict.out.find("secret: cannot read directory") != std::string::npos);
  const auto hits = run(search_cmd(index, "--json zorblatt"));
  CHECK(hits.exit_code == 0);
  record_case("indexer", "unreadable file and directory (chmod 000)",
              "each listed as skipped with the reason; --strict fails",
              "exit " + std::to_string(build.exit_code) + ", both listed: " +
                  (build.out.find("secret: cannot read directory") != std::string::npos &&
                           build.out.find("locked.txt: cannot read file") != std::string::npos
                       ? "yes"
                       : "NO") +
                  "; --strict exit " + std::to_string(strict.exit_code));
}
