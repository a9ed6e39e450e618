// Malformed, huge and mislabelled HTML and PDF input: every case finishes (bounded by ctest's
// TIMEOUT, not by a clock here) with passages or with a note saying why the file was skipped;
// content sniffing; files of other types listed as skipped.
#include <catch2/catch.hpp>

#include <algorithm>

#include "document_reader.h"
#include "html_reader.h"
#include "monograph_parser.h"
#include "test_env.h"
#include "vocabulary.h"

using namespace pep;

namespace {

struct Read {
  std::vector<ParsedDocument> docs;
  std::vector<SkipNote> notes;
  bool noted(const std::string& needle) const {
    return std::any_of(notes.begin(), notes.end(), [&](const SkipNote& n) { return n.reason.find(needle) != std::string::npos; });
  }
  bool any_text(const std::string& needle) const {
    for (const auto& d : docs)
      for (const auto& p : d.passages)
        if (p.text.find(needle) != std::string::npos) return true;
    return false;
  }
};

Read read_bytes(const std::string& name, const std::string& bytes) {
  static const Vocabulary vocab = Vocabulary::load(test::vocab_dir());
  MonographParser parser(vocab);
  DocumentReader reader(vocab.segmenter);
  Read out;
  const std::string ext = std::filesystem::path(name).extension().string();
  reader.read_text(name, ext, bytes, [&](Document&& d) { out.docs.push_back(parser.parse(std::move(d))); });
  out.notes = reader.notes();
  return out;
}

std::string repeat(const std::string& s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

const std::string kPara = "<p>Thymogen lowered plasma VEGF in a renal cell carcinoma trial.</p>";

}  // namespace

TEST_CASE("malformed HTML: unclosed tags still give their text") {
  const Read r = read_bytes("a.html", "<html><body><main><h2>Safety</h2><p>The nasal spray caused mild sinusitis<p>Second point <b>bold <i>italic"
                                      "<table><tr><td>cell one<td>cell two<ul><li>an item");
  REQUIRE(r.docs.size() == 1);
  CHECK(r.any_text("The nasal spray caused mild sinusitis"));
  CHECK(r.any_text("bold italic"));
  CHECK(r.docs[0].headings.front() == "Safety");
}

TEST_CASE("malformed HTML: 10,000-deep nesting of blocks, inline elements and unclosed formatting tags") {
  for (const char* open : {"<div>", "<span>", "<b>", "<section><ul><li>", "<table><tr><td>"}) {
    INFO(open);
    const Read r = read_bytes("deep.html", "<html><body><main>" + repeat(open, 10000) + kPara + "</main></body></html>");
    REQUIRE(r.docs.size() == 1);
    CHECK(r.any_text("Thymogen lowered plasma VEGF"));
  }
}

TEST_CASE("huge HTML: a 50 MB page is refused with a note, a 4 MB page is read whole") {
  const Read huge = read_bytes("huge.html", "<html><body>" + repeat(kPara, 50u * 1024 * 1024 / kPara.size()) + "</body></html>");
  CHECK(huge.docs.empty());
  CHECK(huge.noted("larger than 16 MiB"));
  const size_t n = 4u * 1024 * 1024 / kPara.size();
  const Read big = read_bytes("big.html", "<html><body>" + repeat(kPara, n) + "</body></html>");
  REQUIRE(big.docs.size() == 1);
  CHECK(big.docs[0].passages.size() == n);
}

TEST_CASE("HTML character sets: a BOM, a declared legacy charset, UTF-16, invalid bytes") {
  CHECK(read_bytes("bom.html", "\xEF\xBB\xBF<p>Thymosin \xCE\xB1" "1 works</p>").any_text("Thymosin \xCE\xB1" "1 works"));
  CHECK(read_bytes("latin1.html", "<meta charset=\"iso-8859-1\"><p>Caf\xE9 trial</p>").any_text("Caf\xC3\xA9 trial"));
  const std::string utf16 = std::string("\xFF\xFE<\0p\0>\0T\0a\0<\0/\0p\0>\0", 20);
  CHECK(read_bytes("utf16.html", utf16).any_text("Ta"));
  const Read bad = read_bytes("bad.html", "<p>broken \xFF byte</p>");
  CHECK(bad.any_text("broken \xEF\xBF\xBD byte"));
  CHECK(bad.noted("invalid UTF-8"));
}

TEST_CASE("HTML: data-pepsearch-body limits the index to the marked element; FAQPage JSON-LD gives FAQ pairs") {
  const Read marked = read_bytes("m.html", "<body><div><p>Sidebar promotion text</p></div><div data-pepsearch-body><p>Indexed claim here.</p></div></body>");
  CHECK(marked.any_text("Indexed claim here."));
  CHECK_FALSE(marked.any_text("Sidebar promotion"));
  const Read faq = read_bytes("f.html", R"(<head><script type="application/ld+json">{"@context":"https://schema.org","@type":"FAQPage",
    "mainEntity":[{"@type":"Question","name":"Is Thymogen approved?","acceptedAnswer":{"@type":"Answer","text":"<p>No, it is <b>not</b>.</p>"}}]}
    </script></head><body><main><p>Intro.</p></main></body>)");
  REQUIRE(faq.docs.size() == 1);
  const auto& ps = faq.docs[0].passages;
  REQUIRE(ps.size() == 2);
  CHECK(ps[1].kind == PassageKind::faq);
  CHECK(ps[1].lead_in == "Is Thymogen approved?");
  CHECK(ps[1].text == "Is Thymogen approved? No, it is not.");
}

TEST_CASE("malformed PDFs are skipped with a note saying what to do") {
  const std::string good = test::read_file(test::source_dir() / "tests" / "data" / "formats" / "thymogen-brief.pdf");
  REQUIRE(good.rfind("%PDF-", 0) == 0);
  SECTION("truncated: poppler reads what it can, or the file is skipped") {
    for (size_t cut : {good.size() / 2, good.size() / 8, size_t{64}}) {
      const Read r = read_bytes("t.pdf", good.substr(0, cut));
      CHECK((r.docs.size() == 1 || r.noted("PDF")));
    }
  }
  SECTION("garbage after the header") {
    const Read r = read_bytes("g.pdf", "%PDF-1.4\n" + repeat("\x01\x02 garbage obj << >> endobj ", 2000));
    CHECK(r.docs.empty());
    CHECK(r.noted("not a readable PDF"));
  }
  SECTION("a page without text (a scan)") {
    const Read r = read_bytes("scan.pdf",
                              "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
                              "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");
    CHECK(r.docs.empty());
    CHECK(r.noted("without a text layer"));
  }
}

TEST_CASE("content sniffing: a file is read for what it is, whatever its name") {
  const std::string pdf = test::read_file(test::source_dir() / "tests" / "data" / "formats" / "thymogen-brief.pdf");
  const Read pdf_as_html = read_bytes("sheet.html", pdf);
  REQUIRE(pdf_as_html.docs.size() == 1);
  CHECK(pdf_as_html.docs[0].doc.format == DocumentFormat::pdf);
  CHECK(pdf_as_html.noted("named .html but is pdf"));
  CHECK_FALSE(pdf_as_html.any_text("%PDF"));
  const Read html_as_txt = read_bytes("page.txt", "<!doctype html><html><head><link rel=canonical href=x></head><body><p>Plain claim.</p></body></html>");
  REQUIRE(html_as_txt.docs.size() == 1);
  CHECK(html_as_txt.docs[0].doc.format == DocumentFormat::html);
  CHECK_FALSE(html_as_txt.any_text("doctype"));
  CHECK_FALSE(html_as_txt.any_text("canonical"));
  const Read text_as_pdf = read_bytes("notes.pdf", "Just some notes, not a PDF.");
  CHECK(text_as_pdf.docs.empty());
  CHECK(text_as_pdf.noted("not a PDF"));
}

TEST_CASE("a corpus folder: other file types are listed as skipped, vocabulary folders are not documents") {
  test::TempDir tmp;
  test::write_file(tmp / "a.txt", "Thymogen\n\nThymogen lowered VEGF in people.\n");
  test::write_file(tmp / "b.docx", "PK\x03\x04 not read");
  test::write_file(tmp / "c.csv", "a,b\n");
  std::filesystem::create_directories(tmp / "vocab");
  test::write_file(tmp / "vocab" / "compounds.tsv", "x\tX\n");
  DocumentReader reader(Vocabulary::load(test::vocab_dir()).segmenter);
  size_t docs = 0;
  reader.read_tree(tmp.path(), [&](Document&&) { ++docs; });
  CHECK(docs == 1);
  REQUIRE(reader.notes().size() == 2);
  CHECK(reader.notes()[0].file == "b.docx");
  CHECK(reader.notes()[0].reason.find("file type '.docx' is not read") != std::string::npos);
  CHECK(reader.notes()[1].file == "c.csv");
}

TEST_CASE("HTML: a page declares indications and evidence types for all its passages, by slug or name") {
  const std::string page =
      "<!doctype html><html><head><title>Brief</title>"
      "<meta name=\"pepsearch:evidence\" content=\"rct\"></head>"
      "<body><main data-pepsearch-indication=\"hepatitis-b, Sepsis, moonwalking\">"
      "<h1>A brief</h1><h2>Background</h2><p>A peptide was given to volunteers in a small study of tolerance.</p>"
      "</main></body></html>";
  const Read r = read_bytes("brief.html", page);
  REQUIRE(r.docs.size() == 1);
  const ParsedDocument& d = r.docs[0];
  REQUIRE_FALSE(d.passages.empty());
  for (const auto& p : d.passages) {
    INFO(p.text);
    const auto& ind = p.facets.at("indication");
    CHECK(std::find(ind.begin(), ind.end(), "hepatitis-b") != ind.end());
    CHECK(std::find(ind.begin(), ind.end(), "sepsis") != ind.end());
    const auto& ev = p.facets.at("evidence");
    CHECK(std::find(ev.begin(), ev.end(), "rct") != ev.end());
  }
  // A value the vocabulary lacks is left out with a warning naming it.
  CHECK(std::any_of(d.warnings.begin(), d.warnings.end(),
                    [](const std::string& w) { return w.find("'moonwalking'") != std::string::npos; }));
}
