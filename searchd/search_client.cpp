#include "search_client.h"

#include "evidence_map.h"

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <thread>

namespace pep {

using nlohmann::json;

namespace {

std::string html_unescape(const std::string& s) {
  static const std::pair<const char*, char> kEntities[] = {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
  std::string out;
  for (size_t i = 0; i < s.size();) {
    bool replaced = false;
    if (s[i] == '&')
      for (const auto& [entity, c] : kEntities)
        if (s.compare(i, std::strlen(entity), entity) == 0) {
          out.push_back(c);
          i += std::strlen(entity);
          replaced = true;
          break;
        }
    if (!replaced) out.push_back(s[i++]);
  }
  return out;
}

// render_html() writes text and <mark>text</mark>; everything else is escaped, so this is exact.
std::vector<SnippetPiece> snippet_pieces(const std::string& html) {
  std::vector<SnippetPiece> pieces;
  size_t pos = 0;
  while (pos < html.size()) {
    const size_t open = html.find("<mark>", pos);
    if (open != pos) pieces.push_back({html_unescape(html.substr(pos, open == std::string::npos ? std::string::npos : open - pos)), false});
    if (open == std::string::npos) break;
    const size_t close = html.find("</mark>", open);
    const size_t end = close == std::string::npos ? html.size() : close;
    pieces.push_back({html_unescape(html.substr(open + 6, end - open - 6)), true});
    pos = close == std::string::npos ? html.size() : close + 7;
  }
  return pieces;
}

// The member `key`, or an empty JSON value when it is missing (iterating that does nothing).
const json& member(const json& j, const char* key) {
  static const json kMissing;
  const auto it = j.find(key);
  return it == j.end() ? kMissing : *it;
}

std::string str(const json& j, const char* key) { return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : ""; }

Reference reference_from_json(const json& j) {
  Reference r;
  r.number = j.value("number", 0);
  r.text = str(j, "text");
  r.authors = str(j, "authors");
  r.title = str(j, "title");
  r.journal = str(j, "journal");
  r.year = j.value("year", 0);
  r.pmid = str(j, "pmid");
  r.doi = str(j, "doi");
  r.url = str(j, "url");
  r.type = str(j, "type");
  return r;
}

SearchResult result_from_json(const json& r) {
  SearchResult out;
  PassageRecord& rec = out.record;
  rec.id = str(r, "id");
  out.score = r.value("score", 0.0);
  rec.passage.text = str(r, "text");
  rec.passage.section = str(r, "section");
  // A kind a newer server knows and this client does not is shown as a paragraph (the CLI does not print kinds).
  rec.passage.kind = parse_passage_kind(str(r, "kind")).value_or(PassageKind::paragraph);
  rec.passage.grade_label = str(r, "grade_label");
  for (const auto& [facet, values] : member(r, "facets").items())
    if (!values.empty()) rec.passage.facets[facet] = values.get<std::vector<std::string>>();
  if (r.contains("offsets") && r["offsets"].size() == 2) {
    rec.passage.begin = r["offsets"][0];
    rec.passage.end = r["offsets"][1];
  }
  if (r.contains("page") && r["page"].is_number_integer()) rec.passage.page = r["page"].get<int>();
  const json& src = member(r, "source");
  rec.source = {str(src, "id"), str(src, "path"), str(src, "title"), str(src, "publisher"), str(src, "url")};
  for (const auto& c : member(r, "citations")) rec.cited.push_back(reference_from_json(c));
  out.snippet = snippet_pieces(str(r, "snippet"));
  for (const auto& sub : member(r, "sub_results")) out.sub_results.push_back(result_from_json(sub));
  out.sub_total = r.value("sub_total", size_t{0});
  return out;
}

}  // namespace

SearchResponse response_from_json(const json& j) {
  SearchResponse resp;
  resp.query = str(j, "query");
  resp.corrected_query = str(j, "corrected_query");
  for (const auto& w : member(j, "unknown_words"))
    if (w.is_string()) resp.unknown_words.push_back(w.get<std::string>());
  resp.total = j.value("total", size_t{0});
  resp.page = j.value("page", 1);
  resp.per_page = j.value("per_page", 10);
  if (str(j, "group") == "source") resp.group = GroupBy::source;
  resp.total_groups = j.value("total_groups", size_t{0});
  for (const auto& r : member(j, "results")) resp.results.push_back(result_from_json(r));
  for (const auto& [facet, counts] : member(j, "facets").items())
    for (const auto& c : counts)
      resp.facets[facet].push_back({str(c, "value"), c.value("count", size_t{0}), str(c, "label"), str(c, "parent")});
  if (j.contains("evidence") && j["evidence"].is_object()) resp.evidence = pair_from_json(j["evidence"]);
  return resp;
}

namespace {

// Stops `client` once `seconds` have passed, unless run()'s request finished first: httplib
// 0.11 times out each read, so a server sending a byte at a time would hold it for ever.
class WithDeadline {
 public:
  WithDeadline(httplib::Client& client, int seconds) : client_(client), seconds_(seconds) {}
  template <typename Fn>
  httplib::Result run(Fn request) {
    std::thread watchdog([this] {
      std::unique_lock lock(mutex_);
      if (done_cv_.wait_for(lock, std::chrono::seconds(seconds_), [this] { return done_; })) return;
      expired_ = true;
      while (!done_cv_.wait_for(lock, std::chrono::milliseconds(50), [this] { return done_; })) client_.stop();
    });
    httplib::Result res = request();
    {
      std::lock_guard lock(mutex_);
      done_ = true;
    }
    done_cv_.notify_all();
    watchdog.join();
    return res;
  }
  bool expired() const { return expired_; }

 private:
  httplib::Client& client_;
  int seconds_;
  std::atomic<bool> expired_{false};
  std::mutex mutex_;
  std::condition_variable done_cv_;
  bool done_ = false;
};

}  // namespace

ServedSearch SearchClient::search(const SearchRequest& request) const {
  // Split "http://host:port/prefix" so requests go to prefix + "/api/search".
  std::string origin = base_url_, prefix;
  if (const size_t scheme = origin.find("://"); scheme != std::string::npos)
    if (const size_t slash = origin.find('/', scheme + 3); slash != std::string::npos) {
      prefix = origin.substr(slash);
      origin.resize(slash);
    }
  while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();

  httplib::Params params{{"q", request.query},
                         {"page", std::to_string(request.page)},
                         {"per_page", std::to_string(request.per_page)}};
  if (request.full_text) params.emplace("full_text", "1");
  for (const auto& [facet, values] : request.filters)
    for (const auto& v : values) params.emplace(facet, v);
  if (request.group == GroupBy::source) {
    params.emplace("group", "source");
    params.emplace("sub_limit", std::to_string(request.sub_limit));
  }

  httplib::Client client(origin);
  if (!client.is_valid()) throw SearchClientError("not a searchd URL: " + base_url_ + " (expected http://HOST:PORT)");
  client.set_connection_timeout(std::min(5, limits_.deadline_sec));
  client.set_read_timeout(limits_.deadline_sec);
  std::string received;
  bool too_large = false;
  WithDeadline deadline(client, limits_.deadline_sec);
  auto res = deadline.run([&] {
    return client.Get(prefix + "/api/search", params, httplib::Headers{}, [&](const char* data, size_t size) {
      too_large = received.size() + size > limits_.max_response_bytes;
      if (!too_large) received.append(data, size);
      return !too_large;
    });
  });
  if (too_large)
    throw SearchClientError("searchd at " + base_url_ + " sent an answer over " +
                            std::to_string(limits_.max_response_bytes >> 20) + " MB; is that URL a searchd?");
  if (deadline.expired())
    throw SearchClientError("searchd at " + base_url_ + " did not answer within " + std::to_string(limits_.deadline_sec) +
                            " s; check that it is not overloaded");
  if (!res)
    throw SearchClientError("cannot reach searchd at " + base_url_ + ": " + httplib::to_string(res.error()) +
                            " (is it running? start it with: searchd --index DIR)");
  json body = json::parse(received, nullptr, false);
  if (res->status != 200) {
    const std::string message = body.is_object() && body.contains("error") ? body["error"].get<std::string>() : received.substr(0, 200);
    throw SearchClientError("searchd answered " + std::to_string(res->status) + ": " + message);
  }
  if (body.is_discarded() || !body.is_object()) throw SearchClientError("searchd at " + base_url_ + " sent something other than a search response");
  return {body, response_from_json(body)};
}

}  // namespace pep
