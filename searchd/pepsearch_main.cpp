// pepsearch: searches the index from the command line, no daemon needed.
// Exit codes: 0 results, 1 no results, 2 usage or index error.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>

#include "index_location.h"
#include "query_engine.h"
#include "response_json.h"
#include "search_client.h"
#include "snippet_maker.h"

namespace {

// $PEPSEARCH_INDEX, else ${XDG_DATA_HOME:-~/.local/share}/pepsearch/index.
std::string default_index_dir() {
  if (const char* env = std::getenv("PEPSEARCH_INDEX"); env && *env) return env;
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) return std::string(xdg) + "/pepsearch/index";
  if (const char* home = std::getenv("HOME"); home && *home) return std::string(home) + "/.local/share/pepsearch/index";
  return "pepsearch-index";
}

void print_human(const pep::SearchResponse& resp, bool colour) {
  const char* dim = colour ? "\x1b[2m" : "";
  const char* bold = colour ? "\x1b[1m" : "";
  const char* reset = colour ? "\x1b[0m" : "";
  if (!resp.corrected_query.empty()) std::cout << "Showing results for: " << resp.corrected_query << "\n\n";
  int rank = (resp.page - 1) * resp.per_page;
  for (const auto& r : resp.results) {
    const auto& p = r.record.passage;
    std::cout << bold << ++rank << ". " << r.record.source.title;
    if (!p.section.empty()) std::cout << " \xE2\x80\x94 " << p.section;
    std::cout << reset << "\n   " << pep::render_terminal(r.snippet, colour) << "\n   " << dim << r.record.source.path;
    if (p.page > 0) std::cout << ", p. " << p.page;
    if (!r.record.source.url.empty()) std::cout << " \xC2\xB7 " << r.record.source.url;  // the deep link
    for (const auto& [facet, values] : p.facets) {
      std::cout << " \xC2\xB7 " << facet << ": ";
      for (size_t i = 0; i < values.size(); ++i) std::cout << (i ? ", " : "") << values[i];
    }
    if (!p.grade_label.empty()) std::cout << " (" << p.grade_label << ")";
    std::cout << reset << "\n";
    for (const auto& c : r.record.cited) {
      std::cout << "   " << dim << "[" << c.number << "] " << (c.authors.empty() ? "" : c.authors + (c.authors.back() == '.' ? " " : ". ")) << c.title;
      if (!c.pmid.empty()) std::cout << " PMID " << c.pmid;
      else if (!c.doi.empty()) std::cout << " doi:" << c.doi;
      std::cout << reset << "\n";
    }
    std::cout << "\n";
  }
  std::cout << dim << resp.total << " matching passage" << (resp.total == 1 ? "" : "s") << ", page " << resp.page << reset << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"pepsearch: search the peptide monograph index"};
  std::string index_dir = default_index_dir();
  bool json = false;
  int limit = 10, page = 1;
  std::vector<std::string> compound, indication, grade, evidence, words;
  app.add_option("--index", index_dir, "index directory (default: $PEPSEARCH_INDEX, else ~/.local/share/pepsearch/index)");
  app.add_flag("--json", json, "print one JSON object");
  app.add_option("--limit", limit, "results per page (1-100)")->check(CLI::Range(1, pep::QueryEngine::kMaxPerPage));
  app.add_option("--page", page, "page number, from 1")->check(CLI::Range(1, pep::QueryEngine::kMaxPage));
  app.add_option("--compound", compound, "only passages about this compound (repeatable)");
  app.add_option("--indication", indication, "only passages about this indication (repeatable)");
  app.add_option("--grade", grade, "only passages with this evidence grade a-d (repeatable)");
  app.add_option("--evidence", evidence, "only passages reporting this evidence type (repeatable)");
  std::string ranking;
  app.add_option("--ranking", ranking, "override ranking knobs, e.g. k1=1.2,b=0.4 (for tuning; see docs/relevance.md)");
  std::string server;
  app.add_option("--server", server, "ask a running searchd at this URL (e.g. http://127.0.0.1:8080) instead of opening --index");
  app.add_option("QUERY", words, "words to search for")->required();
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }

  pep::SearchRequest req;
  for (const auto& w : words) req.query += (req.query.empty() ? "" : " ") + w;
  req.per_page = limit;
  req.page = page;
  auto lower_all = [](std::vector<std::string> v) {
    for (auto& s : v)
      for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return v;
  };
  if (!compound.empty()) req.filters["compound"] = lower_all(compound);
  if (!indication.empty()) req.filters["indication"] = lower_all(indication);
  if (!grade.empty()) req.filters["grade"] = lower_all(grade);
  if (!evidence.empty()) req.filters["evidence"] = lower_all(evidence);

  try {
    pep::SearchResponse resp;
    nlohmann::json served_json;  // with --server, printed as searchd sent it
    if (!server.empty()) {
      if (!ranking.empty()) throw pep::QueryError("--ranking tunes the embedded engine; it cannot be sent to --server");
      pep::ServedSearch served = pep::SearchClient(server).search(req);
      resp = std::move(served.response);
      served_json = std::move(served.json);
    } else {
      pep::QueryEngine engine(index_dir);
      if (!ranking.empty()) engine.set_ranking(pep::RankingParams::parse(ranking));
      resp = engine.search(req);
    }
    if (json) std::cout << (server.empty() ? pep::response_json(resp) : served_json).dump() << "\n";
    else if (resp.results.empty()) std::cerr << "no passages match \"" << req.query << "\"\n";
    else print_human(resp, ::isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR"));
    return resp.results.empty() ? 1 : 0;
  } catch (const pep::IndexError& e) {
    std::cerr << "pepsearch: " << e.what() << "\n";
    return 2;
  } catch (const pep::QueryError& e) {
    std::cerr << "pepsearch: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "pepsearch: " << e.what() << "\n";
    return 2;
  }
}
