#include "passage_record.h"

#include <nlohmann/json.hpp>
#include <optional>

#include "error.h"

namespace pep {

using nlohmann::json;

std::string deep_link(const std::string& url, const std::string& anchor) {
  if (url.empty() || anchor.empty()) return url;
  return url.substr(0, url.find('#')) + "#" + anchor;
}

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

namespace {

// Writes CBOR (RFC 8949) as nlohmann::json::to_cbor writes the same JSON value: shortest head
// for every length and integer, map keys in byte order (nlohmann's objects are std::maps). Building
// a json value per record and serialising it was ~4% of a build; tests compare the bytes with
// nlohmann's on real and edge-case records.
class CborWriter {
 public:
  std::string out;

  void map(size_t n) { head(5, n); }
  void array(size_t n) { head(4, n); }
  void text(std::string_view s) {
    head(3, s.size());
    out.append(s);
  }
  // A key and its text, left out when the text is empty (the map's size must count only those written).
  void optional_text(std::string_view key, const std::string& value) {
    if (value.empty()) return;
    text(key);
    text(value);
  }
  void unsigned_int(uint64_t v) { head(0, v); }
  void integer(int64_t v) {
    if (v >= 0) head(0, static_cast<uint64_t>(v));
    else head(1, static_cast<uint64_t>(-1 - v));
  }

 private:
  void head(unsigned major, uint64_t v) {
    const auto type = static_cast<char>(major << 5);
    if (v <= 0x17) {
      out.push_back(static_cast<char>(type | static_cast<char>(v)));
      return;
    }
    const int bytes = v <= 0xff ? 1 : v <= 0xffff ? 2 : v <= 0xffffffffu ? 4 : 8;
    out.push_back(static_cast<char>(type | (bytes == 1 ? 24 : bytes == 2 ? 25 : bytes == 4 ? 26 : 27)));
    for (int i = bytes - 1; i >= 0; --i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));  // big-endian
  }
};

void write_reference(CborWriter& w, const Reference& r) {
  // Keys in byte order: authors doi journal number pmid text title type url year; number and text
  // are always there, the rest when set.
  size_t n = 2 + (r.year != 0);
  for (const std::string* v : {&r.authors, &r.doi, &r.journal, &r.pmid, &r.title, &r.type, &r.url}) n += !v->empty();
  w.map(n);
  w.optional_text("authors", r.authors);
  w.optional_text("doi", r.doi);
  w.optional_text("journal", r.journal);
  w.text("number");
  w.integer(r.number);
  w.optional_text("pmid", r.pmid);
  w.text("text");
  w.text(r.text);
  w.optional_text("title", r.title);
  w.optional_text("type", r.type);
  w.optional_text("url", r.url);
  if (r.year != 0) {
    w.text("year");
    w.integer(r.year);
  }
}

}  // namespace

std::string encode_record(const PassageRecord& rec) {
  // The JSON fields, empty ones left out (decode_record restores the defaults), as CBOR: JSON's
  // binary form, which a result reads faster than JSON text. Keys in byte order: anchor begin
  // citations cited end facets grade_label id kind page section source text.
  const Passage& p = rec.passage;
  size_t facets = 0;
  for (const auto& [name, values] : p.facets) facets += !values.empty();
  const size_t fields = 6 + !p.anchor.empty() + (p.page > 0) + !p.citations.empty() + !rec.cited.empty() + (facets > 0) + !p.grade_label.empty() + !p.section.empty();
  CborWriter w;
  w.out.reserve(p.text.size() + 256);
  w.map(fields);
  w.optional_text("anchor", p.anchor);
  w.text("begin");
  w.unsigned_int(p.begin);
  if (!p.citations.empty()) {
    w.text("citations");
    w.array(p.citations.size());
    for (int c : p.citations) w.integer(c);
  }
  if (!rec.cited.empty()) {
    w.text("cited");
    w.array(rec.cited.size());
    for (const auto& r : rec.cited) write_reference(w, r);
  }
  w.text("end");
  w.unsigned_int(p.end);
  if (facets > 0) {
    w.text("facets");
    w.map(facets);
    for (const auto& [name, values] : p.facets) {  // a std::map: names in byte order
      if (values.empty()) continue;
      w.text(name);
      w.array(values.size());
      for (const auto& v : values) w.text(v);
    }
  }
  w.optional_text("grade_label", p.grade_label);
  w.text("id");
  w.text(rec.id);
  w.text("kind");
  w.text(to_string(p.kind));
  if (p.page > 0) {
    w.text("page");
    w.integer(p.page);
  }
  w.optional_text("section", p.section);
  w.text("source");
  const SourceInfo& src = rec.source;
  size_t source_fields = 0;
  for (const std::string* v : {&src.id, &src.path, &src.publisher, &src.title, &src.url}) source_fields += !v->empty();
  w.map(source_fields);
  w.optional_text("id", src.id);
  w.optional_text("path", src.path);
  w.optional_text("publisher", src.publisher);
  w.optional_text("title", src.title);
  w.optional_text("url", src.url);
  w.text("text");
  w.text(p.text);
  return std::move(w.out);
}

PassageRecord decode_record(const std::string& data) {
  const json j = json::from_cbor(data);
  PassageRecord rec;
  rec.id = j.at("id");
  Passage& p = rec.passage;
  const std::string kind = j.at("kind");  // the spelling (monograph.h), so records read as JSON
  const std::optional<PassageKind> parsed = parse_passage_kind(kind);
  if (!parsed) throw IndexError("passage record " + rec.id + " has an unknown kind '" + kind + "'; " + std::string(kRebuildHint));
  p.kind = *parsed;
  p.section = j.value("section", "");
  p.text = j.at("text");
  p.begin = j.value("begin", size_t{0});
  p.end = j.value("end", size_t{0});
  p.facets = j.value("facets", FacetValues{});
  p.grade_label = j.value("grade_label", "");
  p.citations = j.value("citations", std::vector<int>{});
  p.anchor = j.value("anchor", "");
  p.page = j.value("page", 0);
  for (const auto& r : j.value("cited", json::array())) rec.cited.push_back(reference_from(r));
  const json& s = j.at("source");
  rec.source = {s.value("id", ""), s.value("path", ""), s.value("title", ""), s.value("publisher", ""), s.value("url", "")};
  return rec;
}

}  // namespace pep
