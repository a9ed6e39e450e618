#include "request_params.h"

#include <charconv>

#include "ascii_case.h"
#include "index_schema.h"
#include "query_engine.h"

namespace pep {

namespace {

constexpr size_t kMaxQueryBytes = 1024;  // QueryBuilder::kMaxQueryBytes; checked here so it is a 4xx, not an engine error
constexpr size_t kMaxFacetValues = 20;

const std::string& single(const QueryParams& params, const std::string& name) {
  auto [first, last] = params.equal_range(name);
  if (std::next(first) != last) throw ParamError(ErrorCode::bad_parameter, "parameter '" + name + "' given more than once");
  return first->second;
}

int parse_int(const QueryParams& params, const std::string& name, int fallback, int lo, int hi) {
  if (params.find(name) == params.end()) return fallback;
  const std::string& s = single(params, name);
  int v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || v < lo || v > hi)
    throw ParamError(ErrorCode::bad_parameter, name + " must be a whole number from " + std::to_string(lo) + " to " + std::to_string(hi));
  return v;
}

std::string checked_query(const QueryParams& params) {
  if (params.find("q") == params.end()) throw ParamError(ErrorCode::bad_parameter, "missing parameter 'q' (the words to search for)");
  const std::string& q = single(params, "q");
  if (q.size() > kMaxQueryBytes)
    throw ParamError(ErrorCode::query_too_long, "q is too long (" + std::to_string(q.size()) + " bytes; at most " + std::to_string(kMaxQueryBytes) + ")");
  if (!is_valid_utf8(q)) throw ParamError(ErrorCode::bad_parameter, "q is not valid UTF-8");
  return q;
}

void reject_unknown(const QueryParams& params, std::initializer_list<std::string_view> known, bool facets) {
  for (const auto& [name, value] : params) {
    bool ok = facets && schema::find_facet(name);
    for (auto k : known) ok = ok || name == k;
    if (ok) continue;
    std::vector<std::string> valid(known.begin(), known.end());
    if (facets)
      for (const auto& f : schema::kFacets) valid.emplace_back(f.name);
    std::string list;
    for (const auto& k : valid) list += (list.empty() ? "" : ", ") + k;
    const std::string shown = is_valid_utf8(name) && name.size() <= 64 ? name : std::string("?");
    throw ParamError(ErrorCode::unknown_parameter, "unknown parameter '" + shown + "' (known: " + list + ")", valid);
  }
}

}  // namespace

bool is_valid_utf8(const std::string& s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    const unsigned c = *p;
    size_t n = 0;
    unsigned cp = 0;
    if (c < 0x80) { ++p; continue; }
    if ((c & 0xE0) == 0xC0) n = 1, cp = c & 0x1F;
    else if ((c & 0xF0) == 0xE0) n = 2, cp = c & 0x0F;
    else if ((c & 0xF8) == 0xF0) n = 3, cp = c & 0x07;
    else return false;
    if (static_cast<size_t>(end - p) <= n) return false;
    for (size_t i = 1; i <= n; ++i) {
      if ((p[i] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i] & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    p += n + 1;
  }
  return true;
}

SearchRequest parse_search_params(const QueryParams& params) {
  reject_unknown(params, {"q", "page", "per_page", "group", "sub_limit", "full_text"}, true);
  SearchRequest req;
  req.query = checked_query(params);
  if (req.query.find_first_not_of(" \t\r\n") == std::string::npos) throw ParamError(ErrorCode::bad_parameter, "q is empty");
  req.page = parse_int(params, "page", 1, 1, QueryEngine::kMaxPage);
  req.per_page = parse_int(params, "per_page", 10, 1, QueryEngine::kMaxPerPage);
  if (params.find("group") != params.end()) {
    const std::string& group = single(params, "group");
    if (group == "source") req.group = GroupBy::source;
    else if (!group.empty() && group != "none") throw ParamError(ErrorCode::bad_parameter, "group must be 'source' (one result per source document) or 'none'");
  }
  req.sub_limit = parse_int(params, "sub_limit", req.sub_limit, 0, QueryEngine::kMaxSubLimit);
  req.full_text = parse_int(params, "full_text", 0, 0, 1) == 1;
  for (const auto& f : schema::kFacets) {
    const std::string name(f.name);
    auto [first, last] = params.equal_range(name);
    for (auto it = first; it != last; ++it) {
      std::string v = it->second;
      if (v.empty()) continue;  // an empty <select> or checkbox value means "no filter"
      if (v.size() > 64 || !is_valid_utf8(v)) throw ParamError(ErrorCode::bad_parameter, name + " value is over 64 bytes or not UTF-8");
      v = ascii_lower(std::move(v));
      auto& values = req.filters[name];
      if (values.size() == kMaxFacetValues) throw ParamError(ErrorCode::bad_parameter, "at most " + std::to_string(kMaxFacetValues) + " values per facet");
      values.push_back(std::move(v));
    }
  }
  return req;
}

SuggestRequest parse_suggest_params(const QueryParams& params) {
  reject_unknown(params, {"q", "limit"}, false);
  SuggestRequest req;
  req.prefix = checked_query(params);
  req.limit = static_cast<size_t>(parse_int(params, "limit", 8, 1, 20));
  return req;
}

EvidenceParams parse_evidence_params(const QueryParams& params) {
  reject_unknown(params, {"compound", "indication"}, false);
  EvidenceParams out;
  for (auto [name, into] : {std::pair{"compound", &out.compound}, std::pair{"indication", &out.indication}}) {
    if (params.find(name) == params.end()) continue;
    const std::string& v = single(params, name);
    if (v.size() > 64 || !is_valid_utf8(v)) throw ParamError(ErrorCode::bad_parameter, std::string(name) + " value is over 64 bytes or not UTF-8");
    *into = ascii_lower(v);
  }
  return out;
}

}  // namespace pep
