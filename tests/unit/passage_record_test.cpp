// encode_record writes CBOR by hand; these tests hold it to what nlohmann::json::to_cbor writes
// for the same JSON fields (the encoding it replaced, and what decode_record reads), and check
// that decode_record gives the record back.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "error.h"
#include "passage_record.h"

using nlohmann::json;
using pep::PassageRecord;
using pep::Reference;

namespace {

// The reference encoding: the record as a JSON value, empty fields left out, through nlohmann.
std::string nlohmann_cbor(const PassageRecord& rec) {
  const auto& p = rec.passage;
  json cited = json::array();
  for (const auto& r : rec.cited) cited.push_back(pep::reference_json(r));
  json j{{"id", rec.id}, {"kind", to_string(p.kind)}, {"text", p.text}, {"begin", p.begin}, {"end", p.end}};
  if (!p.section.empty()) j["section"] = p.section;
  pep::FacetValues facets;
  for (const auto& [name, values] : p.facets)
    if (!values.empty()) facets[name] = values;
  if (!facets.empty()) j["facets"] = facets;
  if (!p.grade_label.empty()) j["grade_label"] = p.grade_label;
  if (!p.citations.empty()) j["citations"] = p.citations;
  if (!cited.empty()) j["cited"] = cited;
  if (!p.anchor.empty()) j["anchor"] = p.anchor;
  if (p.page > 0) j["page"] = p.page;
  json source = json::object();
  for (const auto& [key, value] : {std::pair<const char*, const std::string&>{"id", rec.source.id}, {"path", rec.source.path},
                                   {"title", rec.source.title}, {"publisher", rec.source.publisher}, {"url", rec.source.url}})
    if (!value.empty()) source[key] = value;
  j["source"] = source;
  const auto bytes = json::to_cbor(j);
  return std::string(bytes.begin(), bytes.end());
}

PassageRecord sample(size_t text_bytes, size_t refs, size_t facet_values) {
  PassageRecord r;
  r.id = "doc.txt#3";
  r.passage.kind = pep::PassageKind::paragraph;
  r.passage.text = std::string(text_bytes, 'x') + " caf\xC3\xA9";
  r.passage.begin = text_bytes > 70000 ? (uint64_t{1} << 33) : 17;
  r.passage.end = r.passage.begin + text_bytes;
  r.passage.section = text_bytes % 2 ? "" : "Clinical trials";
  for (size_t i = 0; i < facet_values; ++i) r.passage.facets["compound"].push_back("c" + std::to_string(i));
  r.passage.facets["empty"] = {};
  if (facet_values > 2) r.passage.facets["grade"] = {"a"};
  r.passage.grade_label = facet_values ? "A (negative)" : "";
  for (size_t i = 0; i < refs; ++i) {
    Reference ref;
    ref.number = static_cast<int>(i) - 2;  // negative numbers too
    ref.text = i % 3 ? "Entry " + std::to_string(i) : "";
    ref.authors = i % 2 ? "Smith J" : "";
    ref.year = i % 4 == 0 ? 0 : static_cast<int>(1990 + i);
    ref.pmid = i % 5 ? "" : "12345678";
    ref.doi = "10.1000/" + std::to_string(i);
    ref.type = i % 2 ? "" : "trial";
    ref.url = i % 3 ? "" : "https://example.org/" + std::string(300, 'u');
    ref.title = "A title";
    ref.journal = i % 2 ? "J Clin" : "";
    r.cited.push_back(ref);
    r.passage.citations.push_back(ref.number * 1000);
  }
  r.source = {"doc", "doc.txt", text_bytes % 3 ? "Title" : "", "", text_bytes % 5 ? "" : "https://x"};
  r.passage.anchor = refs % 2 ? "evidence" : "";
  r.passage.page = refs == 24 ? 300 : refs == 30 ? 4 : 0;  // one- and two-byte CBOR heads
  return r;
}

}  // namespace

TEST_CASE("encode_record writes the CBOR nlohmann writes for the same fields, and decodes back") {
  // Lengths and counts either side of every CBOR head size: 23/24, 255/256, 65535/65536.
  for (size_t text : {0u, 1u, 18u, 23u, 250u, 256u, 65530u, 65536u, 70001u})
    for (size_t refs : {0u, 1u, 24u, 30u})
      for (size_t facets : {0u, 1u, 3u, 24u, 300u}) {
        const PassageRecord rec = sample(text, refs, facets);
        INFO("text " << text << ", refs " << refs << ", facet values " << facets);
        const std::string bytes = pep::encode_record(rec);
        REQUIRE(bytes == nlohmann_cbor(rec));
        const PassageRecord back = pep::decode_record(bytes);
        CHECK(back.id == rec.id);
        CHECK(back.passage.text == rec.passage.text);
        CHECK(back.passage.begin == rec.passage.begin);
        CHECK(back.passage.citations == rec.passage.citations);
        CHECK(back.cited.size() == rec.cited.size());
        CHECK(back.passage.anchor == rec.passage.anchor);
        CHECK(back.passage.page == rec.passage.page);
      }
}

TEST_CASE("deep_link opens a document's URL at a passage's anchor") {
  CHECK(pep::deep_link("https://site/thymogen", "evidence") == "https://site/thymogen#evidence");
  CHECK(pep::deep_link("https://site/thymogen#top", "page=4") == "https://site/thymogen#page=4");
  CHECK(pep::deep_link("https://site/thymogen", "") == "https://site/thymogen");
  CHECK(pep::deep_link("", "page=4").empty());
}

TEST_CASE("a passage kind is stored as its spelling, read back, and an unknown one refused") {
  const std::pair<pep::PassageKind, std::string> kinds[] = {{pep::PassageKind::paragraph, "paragraph"},
                                                            {pep::PassageKind::table_row, "table_row"},
                                                            {pep::PassageKind::faq, "faq"},
                                                            {pep::PassageKind::bullet, "bullet"},
                                                            {pep::PassageKind::facts, "facts"}};
  for (const auto& [kind, spelling] : kinds) {
    PassageRecord rec = sample(18, 1, 1);
    rec.passage.kind = kind;
    const json stored = json::from_cbor(pep::encode_record(rec));
    CHECK(stored.at("kind") == spelling);  // the same bytes as the JSON "kind" users see
    CHECK(pep::decode_record(pep::encode_record(rec)).passage.kind == kind);
  }
  json j = json::from_cbor(pep::encode_record(sample(18, 1, 1)));
  j["kind"] = "chart";
  const auto bytes = json::to_cbor(j);
  CHECK_THROWS_AS(pep::decode_record(std::string(bytes.begin(), bytes.end())), pep::IndexError);
}
