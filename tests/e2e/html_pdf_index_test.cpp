// A publisher's folder of saved web pages and PDFs through the real binaries: pepindex build
// (summary by type, skipped files listed, --strict), pepindex inspect, and pepsearch's JSON and
// human output with the deep link and the page.
#include <nlohmann/json.hpp>

#include "test_env.h"

using namespace pep::test;
using nlohmann::json;

namespace {

// The bundled HTML page and PDF, the format tests' PDF, and a file of a type pepindex does not read.
void make_publisher_folder(const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir);
  const auto monographs = corpus_dir() / "monographs";
  std::filesystem::copy_file(monographs / "oglufanide-trials.html", dir / "oglufanide-trials.html");
  std::filesystem::copy_file(monographs / "thymogen-sheet.pdf", dir / "thymogen-sheet.pdf");
  std::filesystem::copy_file(source_dir() / "tests" / "data" / "formats" / "thymogen-brief.pdf", dir / "brief.htm");  // misnamed
  write_file(dir / "slides.pptx", "PK\x03\x04 a presentation");
}

json search_json(const std::filesystem::path& index, const std::string& args) {
  const auto r = run(pepsearch_bin() + " --json --index " + shell_quote(index.string()) + " " + args);
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out);
}

}  // namespace

TEST_CASE("a folder of HTML pages and PDFs builds; the summary counts them by type and lists what was skipped") {
  TempDir tmp;
  make_publisher_folder(tmp / "site");
  const std::string build = pepindex_bin() + " build --corpus " + shell_quote((tmp / "site").string()) + " --index " +
                            shell_quote((tmp / "index").string());
  const auto r = run(build + " 2>&1");
  INFO(r.out);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("indexed 3 documents") != std::string::npos);
  CHECK(r.out.find("documents by type: html 1, pdf 2") != std::string::npos);
  CHECK(r.out.find("skipped slides.pptx: file type '.pptx' is not read") != std::string::npos);
  CHECK(r.out.find("warning brief.htm: named .htm but is pdf: read as pdf") != std::string::npos);
  const auto strict = run(build + " --strict 2>&1");
  CHECK(strict.exit_code == 1);
  CHECK(strict.out.find("slides.pptx") != std::string::npos);
}

TEST_CASE("search results from HTML and PDF carry the deep link and the page in the JSON and the CLI") {
  TempDir tmp;
  make_publisher_folder(tmp / "site");
  std::filesystem::remove(tmp / "site" / "slides.pptx");
  build_index(tmp / "site", tmp / "index");

  const json html = search_json(tmp / "index", "'disease progressed sooner'");
  REQUIRE(html["results"].size() > 0);
  const json& h = html["results"][0];
  CHECK(h["source"]["path"] == "oglufanide-trials.html");
  CHECK(h["source"]["url"] == "https://pepsearch.example/digest/oglufanide-trials#kaposi");
  CHECK(h["section"] == "Kaposi sarcoma");
  CHECK(h["citations"].size() == 2);
  CHECK_FALSE(h.contains("page"));

  const json pdf = search_json(tmp / "index", "'weak premise'");
  REQUIRE(pdf["results"].size() > 0);
  const json& p = pdf["results"][0];
  CHECK(p["source"]["path"] == "thymogen-sheet.pdf");
  CHECK(p["source"]["url"] == "https://pepsearch.example/sheets/thymogen-sheet.pdf#page=2");
  CHECK(p["page"] == 2);
  CHECK(p["source"]["title"] == "Thymogen (Glu-Trp): product sheet");

  const auto human = run(pepsearch_bin() + " --index " + shell_quote((tmp / "index").string()) + " 'weak premise'");
  CHECK(human.out.find("thymogen-sheet.pdf, p. 2") != std::string::npos);
  CHECK(human.out.find("https://pepsearch.example/sheets/thymogen-sheet.pdf#page=2") != std::string::npos);

  // Navigation and footer text is not searchable.
  CHECK(run(pepsearch_bin() + " --index " + shell_quote((tmp / "index").string()) + " 'Privacy policy' > /dev/null").exit_code == 1);
}

TEST_CASE("pepindex inspect shows an HTML page's and a PDF's passages with their links and pages") {
  const auto html = run(pepindex_bin() + " inspect --json " + shell_quote((corpus_dir() / "monographs" / "oglufanide-trials.html").string()));
  REQUIRE(html.exit_code == 0);
  const json h = json::parse(html.out);
  CHECK(h["format"] == "html");
  CHECK(h["passages"][0]["url"] == "https://pepsearch.example/digest/oglufanide-trials#summary");
  const auto pdf = run(pepindex_bin() + " inspect " + shell_quote((corpus_dir() / "monographs" / "thymogen-sheet.pdf").string()));
  REQUIRE(pdf.exit_code == 0);
  CHECK(pdf.out.find("p. 2  link=https://pepsearch.example/sheets/thymogen-sheet.pdf#page=2") != std::string::npos);
}
