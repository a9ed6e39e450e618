// `--version` of pepindex, pepsearch and searchd: the project's version, the index schema of
// index_schema.h, and a commit that is one of the source tree's commits (or "unknown" outside git).
#include <regex>

#include "index_schema.h"
#include "test_env.h"

using namespace pep::test;

namespace {

void check_version(const std::string& bin, const std::string& program) {
  const auto r = run(bin + " --version");
  INFO(r.out);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find(program + " " PEPSEARCH_PROJECT_VERSION "\n") == 0);
  CHECK(r.out.find("\nindex schema " + std::to_string(pep::schema::kSchemaVersion) + "\n") != std::string::npos);
  std::smatch m;
  REQUIRE(std::regex_search(r.out, m, std::regex(R"(\ncommit (\S+)\n?$)")));
  const std::string commit = m[1];
  if (commit == "unknown") {
    CHECK(run("git -C " + shell_quote(source_dir().string()) + " rev-parse HEAD >/dev/null 2>&1").exit_code != 0);
  } else {
    CHECK(std::regex_match(commit, std::regex("[0-9a-f]{7,40}")));
    CHECK(run("git -C " + shell_quote(source_dir().string()) + " cat-file -e " + commit + "^{commit}").exit_code == 0);
  }
}

}  // namespace

TEST_CASE("each program's --version names the program, its version, the index schema and the commit") {
  check_version(pepindex_bin(), "pepindex");
  check_version(pepsearch_bin(), "pepsearch");
  check_version(SEARCHD_BIN, "searchd");
}

TEST_CASE("each program's --version needs no other argument and no data") {
  // pepindex normally requires a subcommand, pepsearch a query and searchd --index.
  CHECK(run(pepindex_bin() + " --version >/dev/null").exit_code == 0);
  CHECK(run("PEPSEARCH_VOCAB=/nonexistent " + pepindex_bin() + " --version >/dev/null").exit_code == 0);
  CHECK(run(pepsearch_bin() + " --version --json >/dev/null").exit_code == 0);
}
