// pepsearch: searches the index from the command line, no daemon needed.
// Exit codes: 0 results, 1 no results, 2 usage or index error.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>

#include "ascii_case.h"
#include "evidence_table.h"
#include "program_version.h"
#include "query_engine.h"
#include "response_json.h"
#include "run_main.h"
#include "search_client.h"
#include "snippet_maker.h"
#include "terminal_text.h"

namespace {

// $PEPSEARCH_INDEX, else ${XDG_DATA_HOME:-~/.local/share}/pepsearch/index.
std::string default_index_dir() {
  if (const char* env = std::getenv("PEPSEARCH_INDEX"); env && *env) return env;
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) return std::string(xdg) + "/pepsearch/index";
  if (const char* home = std::getenv("HOME"); home && *home) return std::string(home) + "/.local/share/pepsearch/index";
  return "pepsearch-index";
}

struct Style {
  const char* dim;
  const char* bold;
  const char* reset;
  bool colour;
};

// One passage: its snippet, path, facets and (with `cited`) its cited references, each line after `indent`.
void print_passage(const pep::SearchResult& r, const Style& st, const std::string& indent, bool cited) {
  const auto& p = r.record.passage;
  std::cout << indent << pep::render_terminal(r.snippet, st.colour) << "\n" << indent << st.dim << pep::printable(r.record.source.path);
  if (p.page > 0) std::cout << ", p. " << p.page;
  if (!r.record.source.url.empty()) std::cout << " \xC2\xB7 " << pep::printable(r.record.source.url);  // the deep link
  for (const auto& [facet, values] : p.facets) {
    std::cout << " \xC2\xB7 " << pep::printable(facet) << ": ";
    for (size_t i = 0; i < values.size(); ++i) std::cout << (i ? ", " : "") << pep::printable(values[i]);
  }
  if (!p.grade_label.empty()) std::cout << " (" << pep::printable(p.grade_label) << ")";
  std::cout << st.reset << "\n";
  if (!cited) return;
  for (const auto& c : r.record.cited) {
    std::cout << indent << st.dim << "[" << c.number << "] " << pep::printable(c.authors.empty() ? "" : c.authors + (c.authors.back() == '.' ? " " : ". "))
              << pep::printable(c.title);
    if (!c.pmid.empty()) std::cout << " PMID " << pep::printable(c.pmid);
    else if (!c.doi.empty()) std::cout << " doi:" << pep::printable(c.doi);
    std::cout << st.reset << "\n";
  }
}

// Flat: "N. Title — Section" above each passage. Grouped: "N. Title" once per source, its best
// passage under "— Section", then its other passages indented, each under its own section.
void print_human(const pep::SearchResponse& resp, bool colour) {
  const Style st{colour ? "\x1b[2m" : "", colour ? "\x1b[1m" : "", colour ? "\x1b[0m" : "", colour};
  const bool grouped = resp.group == pep::GroupBy::source;
  if (resp.evidence) pep::print_evidence_summary(std::cout, *resp.evidence);
  if (!resp.corrected_query.empty()) std::cout << "Showing results for: " << pep::printable(resp.corrected_query) << "\n\n";
  int rank = (resp.page - 1) * resp.per_page;
  const std::string dash = "\xE2\x80\x94 ";  // an em dash before a section
  for (const auto& r : resp.results) {
    const auto& p = r.record.passage;
    std::cout << st.bold << ++rank << ". " << pep::printable(r.record.source.title);
    if (grouped) std::cout << st.reset << "\n   " << st.bold << dash << pep::printable(p.section);  // the title line alone
    else if (!p.section.empty()) std::cout << " " << dash << pep::printable(p.section);
    std::cout << st.reset << "\n";
    print_passage(r, st, "   ", true);
    for (const auto& sub : r.sub_results) {
      std::cout << "      " << st.bold << dash << pep::printable(sub.record.passage.section) << st.reset << "\n";
      print_passage(sub, st, "      ", false);  // a group's references: its best passage's
    }
    if (grouped && r.sub_total > 1 + r.sub_results.size())
      std::cout << "      " << st.dim << (r.sub_total - 1 - r.sub_results.size()) << " more matching passage"
                << (r.sub_total - 1 - r.sub_results.size() == 1 ? "" : "s") << " in this monograph" << st.reset << "\n";
    std::cout << "\n";
  }
  std::cout << st.dim << resp.total << " matching passage" << (resp.total == 1 ? "" : "s");
  if (grouped) std::cout << " in " << resp.total_groups << " monograph" << (resp.total_groups == 1 ? "" : "s");
  std::cout << ", page " << resp.page << st.reset << "\n";
}

// --evidence-map: the evidence map of the index, filtered by at most one compound and one indication.
int print_evidence_map(const std::string& index_dir, const std::string& server, const std::vector<std::string>& words,
                       const std::vector<std::string>& compound, const std::vector<std::string>& indication, bool json) {
  if (!words.empty()) throw pep::UsageError("--evidence-map takes no QUERY; narrow it with --compound and --indication");
  if (!server.empty()) throw pep::UsageError("--evidence-map reads --index; from a running searchd, GET /api/evidence");
  if (compound.size() > 1 || indication.size() > 1)
    throw pep::UsageError("--evidence-map takes at most one --compound and one --indication");
  pep::QueryEngine engine(index_dir, pep::Verify::kChecksums);
  const pep::EvidenceAnswer answer = engine.evidence(compound.empty() ? "" : pep::ascii_lower(compound[0]),
                                                     indication.empty() ? "" : pep::ascii_lower(indication[0]));
  if (json) std::cout << pep::evidence_json(answer).dump() << "\n";
  else if (answer.pairs.empty()) std::cerr << "no evidence claims for that compound and indication\n";
  else pep::print_evidence_table(std::cout, answer);
  return answer.pairs.empty() ? 1 : 0;
}

int pepsearch(int argc, char** argv) {
  CLI::App app{"pepsearch: search the peptide monograph index"};
  app.set_version_flag("--version", pep::program_version_text("pepsearch"));
  std::string index_dir = default_index_dir();
  bool json = false;
  int limit = 10, page = 1;
  std::vector<std::string> compound, indication, grade, evidence, words;
  app.add_option("--index", index_dir, "index directory (default: $PEPSEARCH_INDEX, else ~/.local/share/pepsearch/index)");
  app.add_flag("--json", json, "print one JSON object");
  bool full_text = false;
  app.add_flag("--full-text", full_text, "with --json, each result's whole text (else capped at 4 KB, marked text_truncated)");
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
  std::string group;
  int sub_limit = 3;
  app.add_option("--group", group, "group results by source document: one per monograph, its other passages beneath")
      ->check(CLI::IsMember({"source", "none"}));
  app.add_option("--sub-limit", sub_limit, "with --group source: further passages shown per monograph (0-20, default 3)")
      ->check(CLI::Range(0, pep::QueryEngine::kMaxSubLimit));
  pep::ClientLimits client_limits;
  app.add_option("--server-timeout", client_limits.deadline_sec, "seconds --server may take to answer in full")->check(CLI::Range(1, 3600))->capture_default_str();
  bool evidence_map = false;
  app.add_flag("--evidence-map", evidence_map,
               "print what each source says for each compound and indication (one --compound, one --indication to narrow it; no QUERY)");
  app.add_option("QUERY", words, "words to search for (required unless --evidence-map)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  if (evidence_map) return print_evidence_map(index_dir, server, words, compound, indication, json);
  if (words.empty()) throw pep::UsageError("give the words to search for (QUERY), or --evidence-map; see --help");

  pep::SearchRequest req;
  for (const auto& w : words) req.query += (req.query.empty() ? "" : " ") + w;
  req.per_page = limit;
  req.page = page;
  if (group == "source") req.group = pep::GroupBy::source;
  req.sub_limit = sub_limit;
  req.full_text = full_text;
  auto lower_all = [](std::vector<std::string> v) {
    for (auto& s : v) s = pep::ascii_lower(std::move(s));
    return v;
  };
  if (!compound.empty()) req.filters["compound"] = lower_all(compound);
  if (!indication.empty()) req.filters["indication"] = lower_all(indication);
  if (!grade.empty()) req.filters["grade"] = lower_all(grade);
  if (!evidence.empty()) req.filters["evidence"] = lower_all(evidence);

  pep::SearchResponse resp;
  nlohmann::json served_json;  // with --server, printed as searchd sent it
  if (!server.empty()) {
    if (!ranking.empty()) throw pep::UsageError("--ranking tunes the embedded engine; it cannot be sent to --server");
    pep::ServedSearch served = pep::SearchClient(server, client_limits).search(req);
    resp = std::move(served.response);
    served_json = std::move(served.json);
  } else {
    pep::QueryEngine engine(index_dir, pep::Verify::kChecksums);
    if (!ranking.empty()) engine.set_ranking(pep::RankingParams::parse(ranking));
    resp = engine.search(req);
  }
  if (json) std::cout << (server.empty() ? pep::response_json(resp, req.full_text ? 0 : pep::kMaxResultTextBytes) : served_json).dump() << "\n";
  else if (resp.results.empty()) std::cerr << "no passages match \"" << pep::printable(req.query) << "\"\n";
  else print_human(resp, ::isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR"));
  return resp.results.empty() ? 1 : 0;
}

}  // namespace

// Errors (an index that is missing or damaged, a request that cannot be run) exit 2: run_main.h.
int main(int argc, char** argv) { return pep::run_main(argc, argv, pepsearch); }
