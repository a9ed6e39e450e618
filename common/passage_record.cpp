#include "passage_record.h"

#include <nlohmann/json.hpp>

namespace pep {

using nlohmann::json;

json reference_json(const Reference& r) {
  json j{{"number", r.number}, {"text", r.text}};
  auto put = [&j](const char* key, const std::string& v) {
    if (!v.empty()) j[key] = v;
  };
  put("authors", r.authors);
  put("title", r.title);
  put("journal", r.journal);
  if (r.year) j["year"] = r.year;
  put("pmid", r.pmid);
  put("doi", r.doi);
  put("url", r.url);
  put("type", r.type);
  return j;
}

namespace {

Reference reference_from(const json& j) {
  Reference r;
  r.number = j.value("number", 0);
  r.text = j.value("text", "");
  r.authors = j.value("authors", "");
  r.title = j.value("title", "");
  r.journal = j.value("journal", "");
  r.year = j.value("year", 0);
  r.pmid = j.value("pmid", "");
  r.doi = j.value("doi", "");
  r.url = j.value("url", "");
  r.type = j.value("type", "");
  return r;
}

}  // namespace

std::string encode_record(const PassageRecord& rec) {
  const Passage& p = rec.passage;
  json cited = json::array();
  for (const auto& r : rec.cited) cited.push_back(reference_json(r));
  // Empty fields are left out: the record is stored once per passage, and decode_record
  // restores the defaults.
  json j{{"id", rec.id}, {"kind", p.kind}, {"text", p.text}, {"begin", p.begin}, {"end", p.end}};
  if (!p.section.empty()) j["section"] = p.section;
  FacetValues facets;
  for (const auto& [name, values] : p.facets)
    if (!values.empty()) facets[name] = values;
  if (!facets.empty()) j["facets"] = facets;
  if (!p.grade_label.empty()) j["grade_label"] = p.grade_label;
  if (!p.citations.empty()) j["citations"] = p.citations;
  if (!cited.empty()) j["cited"] = cited;
  json source = json::object();
  for (const auto& [key, value] : {std::pair<const char*, const std::string&>{"id", rec.source.id},
                                   {"path", rec.source.path},
                                   {"title", rec.source.title},
                                   {"publisher", rec.source.publisher},
                                   {"url", rec.source.url}})
    if (!value.empty()) source[key] = value;
  j["source"] = source;
  // CBOR, JSON's binary form: the same fields, but a result reads it faster than JSON text.
  const std::vector<std::uint8_t> cbor = json::to_cbor(j);
  return std::string(cbor.begin(), cbor.end());
}

PassageRecord decode_record(const std::string& data) {
  const json j = json::from_cbor(data);
  PassageRecord rec;
  rec.id = j.at("id");
  Passage& p = rec.passage;
  p.kind = j.value("kind", "");
  p.section = j.value("section", "");
  p.text = j.at("text");
  p.begin = j.value("begin", size_t{0});
  p.end = j.value("end", size_t{0});
  p.facets = j.value("facets", FacetValues{});
  p.grade_label = j.value("grade_label", "");
  p.citations = j.value("citations", std::vector<int>{});
  for (const auto& r : j.value("cited", json::array())) rec.cited.push_back(reference_from(r));
  const json& s = j.at("source");
  rec.source = {s.value("id", ""), s.value("path", ""), s.value("title", ""), s.value("publisher", ""), s.value("url", "")};
  return rec;
}

}  // namespace pep
