// The kinds of the model are enums with one spelling each (monograph.h, vocabulary.h). The
// spellings are a contract (JSON "kind" and "format", `pepindex inspect`, the passage store,
// grade_scale.tsv): the oracle here is the list of spellings as documented, written out by hand.
#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "monograph.h"
#include "vocabulary.h"

using namespace pep;

namespace {

const std::vector<std::pair<PassageKind, std::string>> kKinds{{PassageKind::paragraph, "paragraph"},
                                                             {PassageKind::table_row, "table_row"},
                                                             {PassageKind::faq, "faq"},
                                                             {PassageKind::bullet, "bullet"},
                                                             {PassageKind::facts, "facts"}};
const std::vector<std::pair<DocumentFormat, std::string>> kFormats{{DocumentFormat::txt, "txt"},
                                                                  {DocumentFormat::md, "md"},
                                                                  {DocumentFormat::jsonl, "jsonl"},
                                                                  {DocumentFormat::html, "html"},
                                                                  {DocumentFormat::pdf, "pdf"}};

// Spellings that must name nothing: empty, other case, other separators, padding, a prefix, a
// spelling of another enum, and bytes a damaged record could hold.
const std::vector<std::string> kUnknown{"",        "Paragraph", "TABLE_ROW", "table-row", "tablerow", " faq",
                                        "faq ",    "bullets",   "fact",      "htm",       "PDF",      "markdown",
                                        "tier",    "word",      "md\n",      std::string("txt\0", 4), "\xFF"};

}  // namespace

TEST_CASE("every passage kind spells as documented and parses back to itself") {
  for (const auto& [kind, spelling] : kKinds) {
    INFO(spelling);
    CHECK(to_string(kind) == spelling);
    REQUIRE(parse_passage_kind(to_string(kind)).has_value());
    CHECK(*parse_passage_kind(to_string(kind)) == kind);
  }
  // No spelling beyond the documented ones: a kind added to monograph.cpp's table must be added here.
  std::set<int> listed;
  for (const auto& [kind, spelling] : kKinds) listed.insert(static_cast<int>(kind));
  CHECK(listed.size() == kKinds.size());
  for (int v = 0; v < 64; ++v)
    if (!to_string(static_cast<PassageKind>(v)).empty()) CHECK(listed.count(v) == 1);
  for (const auto& s : kUnknown) {
    INFO("'" << s << "'");
    CHECK_FALSE(parse_passage_kind(s).has_value());
  }
}

TEST_CASE("every document format spells as documented and parses back to itself") {
  for (const auto& [format, spelling] : kFormats) {
    INFO(spelling);
    CHECK(to_string(format) == spelling);
    REQUIRE(parse_document_format(to_string(format)).has_value());
    CHECK(*parse_document_format(to_string(format)) == format);
  }
  std::set<int> listed;
  for (const auto& [format, spelling] : kFormats) listed.insert(static_cast<int>(format));
  CHECK(listed.size() == kFormats.size());
  for (int v = 0; v < 64; ++v)
    if (!to_string(static_cast<DocumentFormat>(v)).empty()) CHECK(listed.count(v) == 1);
  for (const auto& s : kUnknown) {
    INFO("'" << s << "'");
    CHECK_FALSE(parse_document_format(s).has_value());
  }
}

TEST_CASE("grade scale kinds spell as grade_scale.tsv writes them and parse back") {
  for (const auto& [kind, spelling] : {std::pair{GradeScaleKind::tier, "tier"}, std::pair{GradeScaleKind::word, "word"}}) {
    CHECK(to_string(kind) == spelling);
    REQUIRE(parse_grade_scale_kind(spelling).has_value());
    CHECK(*parse_grade_scale_kind(spelling) == kind);
  }
  for (const std::string s : {"", "Tier", "words", " tier", "paragraph"}) CHECK_FALSE(parse_grade_scale_kind(s).has_value());
}
