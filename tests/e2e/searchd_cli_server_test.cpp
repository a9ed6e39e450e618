// pepsearch --server URL: the same flags and the same output (JSON and human) as the embedded mode.
#include "searchd_process.h"

using namespace pep::test;

TEST_CASE("searchd: pepsearch --server prints what the embedded pepsearch prints") {
  TempDir tmp;
  build_index(corpus_dir(), tmp / "index");
  SearchdProcess searchd(tmp / "index");
  const std::string index = " --index " + shell_quote((tmp / "index").string()) + " ";
  const std::string server = " --server http://127.0.0.1:" + std::to_string(searchd.port()) + " ";
  check_server_matches_embedded(tmp / "index", searchd.port(),
                                {"'VEGF lowering'", "trial --compound Thymogen --limit 3 --page 2",
                                 "trial --indication sepsis --grade b --evidence rct", "thymosn", "'kaposi sarcma'", "zzzqqqxx"});
  // Usage errors reported by the server are usage errors here too.
  CHECK(run(pepsearch_bin() + server + "x --limit 100 --page 1000").exit_code == run(pepsearch_bin() + index + "x --limit 100 --page 1000").exit_code);
  CHECK(run(pepsearch_bin() + server + "'" + std::string(1100, 'a') + "'").exit_code == 2);
  CHECK(run(pepsearch_bin() + server + "VEGF --compound '" + std::string(80, 'x') + "'").exit_code == 2);
}

TEST_CASE("searchd: pepsearch --server exits 2 with a hint when nothing listens there") {
  const auto r = run(pepsearch_bin() + " --server http://127.0.0.1:1 VEGF 2>&1");
  CHECK(r.exit_code == 2);
  CHECK(r.out.find("cannot reach searchd") != std::string::npos);
}
