#include "response_json.h"

#include "index_schema.h"
#include "snippet_maker.h"

namespace pep {

using nlohmann::json;

namespace {

json result_json(const SearchResult& r) {
  const Passage& p = r.record.passage;
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
         {"text", p.text},
         {"snippet", r.snippet.empty() ? html_escape(p.text) : render_html(r.snippet)},
         {"section", p.section},
         {"kind", p.kind},
         {"facets", facets},
         {"source", {{"id", s.id}, {"path", s.path}, {"title", s.title}, {"publisher", s.publisher}, {"url", s.url}}},
         {"citations", citations},
         {"offsets", {p.begin, p.end}}};
  if (!p.grade_label.empty()) j["grade_label"] = p.grade_label;
  if (p.page > 0) j["page"] = p.page;  // "offsets" is [begin, end]; a PDF passage's page stands beside it
  return j;
}

}  // namespace

json response_json(const SearchResponse& resp) {
  json results = json::array();
  for (const auto& r : resp.results) results.push_back(result_json(r));
  json facets = json::object();
  for (const auto& f : schema::kFacets) {
    json counts = json::array();
    auto it = resp.facets.find(std::string(f.name));
    if (it != resp.facets.end())
      for (const auto& c : it->second) counts.push_back({{"value", c.value}, {"count", c.count}});
    facets[std::string(f.name)] = counts;
  }
  json j{{"query", resp.query},
         {"total", resp.total},
         {"page", resp.page},
         {"per_page", resp.per_page},
         {"results", results},
         {"facets", facets}};
  if (!resp.corrected_query.empty()) j["corrected_query"] = resp.corrected_query;
  return j;
}

}  // namespace pep
