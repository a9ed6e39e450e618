#include "response_json.h"

#include "evidence_map.h"
#include "index_schema.h"
#include "snippet_maker.h"

namespace pep {

using nlohmann::json;

namespace {

// `text` cut to at most `max_bytes` bytes (0: all) at the start of a UTF-8 character.
std::string capped(const std::string& text, size_t max_bytes) {
  if (max_bytes == 0 || text.size() <= max_bytes) return text;
  size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end) + "\u2026";
}

json result_json(const SearchResult& r, size_t max_text_bytes) {
  const Passage& p = r.record.passage;
  const std::string text = capped(p.text, max_text_bytes);
  json facets = json::object();
  for (const auto& f : schema::kFacets) {
    auto it = p.facets.find(std::string(f.name));
    facets[std::string(f.name)] = it == p.facets.end() ? std::vector<std::string>{} : it->second;
  }
  json citations = json::array();
  for (const auto& c : r.record.cited) citations.push_back(reference_json(c));
  const SourceInfo& s = r.record.source;
  json j{{"id", r.record.id},
         {"score", r.score},
         {"text", text},
         {"snippet", r.snippet.empty() ? html_escape(text) : render_html(r.snippet)},
         {"section", p.section},
         {"kind", to_string(p.kind)},
         {"facets", facets},
         {"source", {{"id", s.id}, {"path", s.path}, {"title", s.title}, {"publisher", s.publisher}, {"url", s.url}}},
         {"citations", citations},
         {"offsets", {p.begin, p.end}}};
  if (!p.grade_label.empty()) j["grade_label"] = p.grade_label;
  if (text.size() != p.text.size()) j["text_truncated"] = true;
  if (p.page > 0) j["page"] = p.page;  // "offsets" is [begin, end]; a PDF passage's page stands beside it
  return j;
}

// A group's best passage: a result with the source's next best passages and their count.
json group_json(const SearchResult& r, size_t max_text_bytes) {
  json j = result_json(r, max_text_bytes);
  json more = json::array();
  for (const auto& sub : r.sub_results) more.push_back(result_json(sub, max_text_bytes));
  j["sub_results"] = more;
  j["sub_total"] = r.sub_total;
  return j;
}

}  // namespace

json response_json(const SearchResponse& resp, size_t max_text_bytes) {
  json results = json::array();
  for (const auto& r : resp.results)
    results.push_back(resp.group == GroupBy::source ? group_json(r, max_text_bytes) : result_json(r, max_text_bytes));
  json facets = json::object();
  for (const auto& f : schema::kFacets) {
    json counts = json::array();
    auto it = resp.facets.find(std::string(f.name));
    if (it != resp.facets.end())
      for (const auto& c : it->second) {
        counts.push_back({{"value", c.value}, {"count", c.count}, {"label", c.label.empty() ? c.value : c.label}});
        if (f.name == "indication") counts.back()["parent"] = c.parent.empty() ? json(nullptr) : json(c.parent);
      }
    facets[std::string(f.name)] = counts;
  }
  json j{{"query", resp.query},
         {"total", resp.total},
         {"page", resp.page},
         {"per_page", resp.per_page},
         {"results", results},
         {"facets", facets}};
  if (!resp.corrected_query.empty()) j["corrected_query"] = resp.corrected_query;
  if (resp.evidence) j["evidence"] = pair_json(*resp.evidence);
  if (!resp.unknown_words.empty()) j["unknown_words"] = resp.unknown_words;
  if (resp.group == GroupBy::source) {
    j["group"] = "source";
    j["total_groups"] = resp.total_groups;
  }
  return j;
}

}  // namespace pep
