// pepeval: relevance of pepsearch against SQLite FTS5 on judged queries, in one run over the same
// passages. Builds an index from --corpus into a temp dir (or takes --index), feeds the passages it
// holds to FTS5, runs every judged query through both and prints per-query ranks, MRR@10 and
// Success@3; with --facets also checks the facet values of the answering passages. With --medquad it
// also indexes that JSONL corpus on its own and runs the record-judged sets over it (record_queries.h):
// --consumer (questions judged by reading) and the known-item check (each record's own question).
// Exit codes: 0 ok, 1 pepsearch MRR@10 below --min-mrr, 2 usage or input error.
#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>

#include "data_dir.h"
#include "fts5_index.h"
#include "index_builder.h"
#include "index_location.h"
#include "indexed_passages.h"
#include "judged_queries.h"
#include "query_engine.h"
#include "record_queries.h"
#include "relevance_judge.h"
#include "relevance_report.h"
#include "scratch_dir.h"
#include "vocabulary.h"

namespace fs = std::filesystem;
using namespace pep::bench;

namespace {

std::string filters_text(const FacetFilters& filters) {
  std::string out;
  for (const auto& [name, values] : filters)
    for (const auto& v : values) out += (out.empty() ? "" : ";") + name + "=" + v;
  return out.empty() ? "-" : out;
}

pep::SearchRequest request_for(const std::string& query, const FacetFilters& filters) {
  pep::SearchRequest req;
  req.query = query;
  req.filters = filters;
  req.per_page = kRankCutoff;
  return req;
}

QueryOutcome judge_query(const JudgedQuery& q, pep::QueryEngine& engine, Fts5Index& fts) {
  const RelevanceJudge judge(q);
  QueryOutcome out{q.id, q.query, filters_text(q.filters), 0, 0};
  std::vector<bool> flags;
  for (const auto& r : engine.search(request_for(q.query, q.filters)).results)
    flags.push_back(judge.relevant(r.record.source.path, r.record.passage.text));
  out.pepsearch_rank = first_relevant_rank(flags);
  flags.clear();
  for (const auto& h : fts.search(fts5_or_query(q.query), q.filters, kRankCutoff))
    flags.push_back(judge.relevant(h.doc, h.text));
  out.fts5_rank = first_relevant_rank(flags);
  return out;
}

FacetOutcome check_facet(const FacetExpectation& e, pep::QueryEngine& engine) {
  FacetOutcome out{e.id, e.query, e.facet, false, ""};
  const RelevanceJudge judge({e.doc}, {e.anchor});
  for (const auto& r : engine.search(request_for(e.query, {})).results) {
    if (!judge.relevant(r.record.source.path, r.record.passage.text)) continue;
    const auto it = r.record.passage.facets.find(e.facet);
    const std::vector<std::string> found = it == r.record.passage.facets.end() ? std::vector<std::string>{} : it->second;
    std::string shown;
    for (const auto& v : found) shown += (shown.empty() ? "" : ",") + v;
    out.pass = true;
    for (const auto& want : e.values)
      if (std::find(found.begin(), found.end(), want) == found.end()) out.pass = false;
    std::string wanted;
    for (const auto& v : e.values) wanted += (wanted.empty() ? "" : ",") + v;
    out.detail = "[" + shown + "]" + (out.pass ? "" : ", expected " + wanted) + " (" + r.record.id + ")";
    return out;
  }
  out.detail = "no result from " + e.doc + " containing '" + e.anchor + "' in the top " + std::to_string(kRankCutoff);
  return out;
}

// The rank of the first passage of one of q's records, by pepsearch and by FTS5.
QueryOutcome judge_record_query(const RecordQuery& q, pep::QueryEngine& engine, Fts5Index& fts) {
  auto answers = [&](std::string_view record) { return std::find(q.records.begin(), q.records.end(), record) != q.records.end(); };
  QueryOutcome out{q.id, q.query, "-", 0, 0};
  std::vector<bool> flags;
  try {
    for (const auto& r : engine.search(request_for(q.query, {})).results) flags.push_back(answers(r.record.source.id));
  } catch (const pep::QueryError&) {  // a record's question too long to search: a miss, as a reader would see it
  }
  out.pepsearch_rank = first_relevant_rank(flags);
  flags.clear();
  const std::string match = fts5_or_query(q.query);
  if (!match.empty())
    for (const auto& h : fts.search(match, {}, kRankCutoff)) flags.push_back(answers(record_of_passage(h.passage_id)));
  out.fts5_rank = first_relevant_rank(flags);
  return out;
}

// Indexes `jsonl` into `scratch`/medquad and runs the consumer questions (if any) and the known items.
// `index` non-empty: an index of `jsonl` already built, taken as is.
std::vector<RecordSetReport> run_record_sets(const std::string& jsonl, const std::string& index, const std::string& consumer_file,
                                             size_t known_items, const std::string& vocab_dir, const std::string& ranking,
                                             const ScratchDir& scratch) {
  pep::BuildOptions options;
  options.corpora.emplace_back(jsonl);
  options.index_dir = index.empty() ? scratch.path() / "medquad" : fs::path(index);
  options.vocabulary_dir = vocab_dir;
  if (index.empty()) {
    const auto built = pep::build_index(options, nullptr);
    std::cerr << "pepeval: indexed " << jsonl << ": " << built.passages << " passages\n";
  }
  const fs::path fts_file = scratch.path() / "medquad-fts5.db";
  Fts5Index::build(fts_file, read_indexed_passages(options.index_dir));
  pep::QueryEngine engine(options.index_dir);
  if (!ranking.empty()) engine.set_ranking(pep::RankingParams::parse(ranking));
  Fts5Index fts(fts_file);
  std::vector<RecordSetReport> sets;
  auto run_set = [&](const std::string& name, const std::vector<RecordQuery>& queries, bool listed) {
    std::vector<QueryOutcome> outcomes;
    for (const auto& q : queries) outcomes.push_back(judge_record_query(q, engine, fts));
    sets.push_back(make_record_set(name, std::move(outcomes), listed));
  };
  if (!consumer_file.empty()) run_set("consumer", load_record_queries(consumer_file), true);
  run_set("known-item", load_known_items(jsonl, known_items), false);
  return sets;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"pepeval: judged-query relevance of pepsearch beside SQLite FTS5 over the same passages"};
  std::string index_dir, queries_file, facets_file, json_out;
  std::vector<std::string> corpora;
  std::string vocab_dir = pep::default_vocabulary_dir().string();
  double min_mrr = -1;
  std::string ranking;
  std::string medquad, medquad_index, consumer_file;
  size_t known_items = 2000;
  auto* index_opt = app.add_option("--index", index_dir, "an index built by pepindex (taken as is)");
  app.add_option("--corpus", corpora, "corpus directory or file to index into a temp dir (repeatable)")->excludes(index_opt);
  app.add_option("--queries", queries_file, "judged queries (format of ../shared/eval/queries.tsv)")->required();
  app.add_option("--facets", facets_file, "facet expectations (format of ../shared/eval/facets.tsv)");
  app.add_option("--min-mrr", min_mrr, "exit 1 when pepsearch's MRR@10 is below this");
  app.add_option("--json", json_out, "also write the report as JSON to this file");
  app.add_option("--ranking", ranking, "ranking parameters to try, as for pepsearch --ranking (k1=1.2,b=0.5,...)");
  app.add_option("--vocab", vocab_dir, "vocabulary directory for --corpus builds (default: the bundled corpus/vocab)");
  auto* medquad_opt = app.add_option("--medquad", medquad, "a MedQuAD-style JSONL corpus, indexed on its own for the record-judged sets");
  app.add_option("--consumer", consumer_file, "consumer questions judged by record (bench/eval/consumer_questions.tsv)")->needs(medquad_opt);
  app.add_option("--medquad-index", medquad_index, "an index pepindex built of --medquad (taken as is, not rebuilt)")->needs(medquad_opt);
  app.add_option("--known-items", known_items, "known-item queries: every k-th record's own question, at most N (0 = all)")
      ->needs(medquad_opt);
  try {
    app.parse(argc, argv);
    if (index_dir.empty() == corpora.empty()) throw CLI::ValidationError("give exactly one of --index DIR or --corpus DIR");
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }

  try {
    const auto queries = load_judged_queries(queries_file);
    const auto facets = facets_file.empty() ? std::vector<FacetExpectation>{} : load_facet_expectations(facets_file);
    ScratchDir scratch("pepeval");
    if (!corpora.empty()) {
      pep::BuildOptions options;
      for (const auto& c : corpora) options.corpora.emplace_back(c);
      options.index_dir = scratch.path() / "index";
      options.vocabulary_dir = vocab_dir;
      const auto built = pep::build_index(options, nullptr);
      std::cerr << "pepeval: indexed " << built.documents << " documents (" << built.passages << " passages)\n";
      index_dir = options.index_dir.string();
    }
    const fs::path fts_file = scratch.path() / "fts5.db";
    Fts5Index::build(fts_file, read_indexed_passages(index_dir));
    pep::QueryEngine engine(index_dir);
    if (!ranking.empty()) engine.set_ranking(pep::RankingParams::parse(ranking));
    Fts5Index fts(fts_file);

    std::vector<QueryOutcome> outcomes;
    for (const auto& q : queries) outcomes.push_back(judge_query(q, engine, fts));
    std::vector<FacetOutcome> facet_outcomes;
    for (const auto& f : facets) facet_outcomes.push_back(check_facet(f, engine));
    RelevanceReport report = make_report(std::move(outcomes), std::move(facet_outcomes));
    if (!medquad.empty()) report.record_sets = run_record_sets(medquad, medquad_index, consumer_file, known_items, vocab_dir, ranking, scratch);
    print_report(std::cout, report);
    if (!json_out.empty()) {
      std::ofstream out(json_out);
      out << report_json(report).dump(2) << "\n";
      if (!out) throw std::runtime_error("cannot write " + json_out);
    }
    if (min_mrr >= 0 && report.pepsearch.mrr_at_10 < min_mrr) {
      std::cerr << "pepeval: pepsearch MRR@10 " << report.pepsearch.mrr_at_10 << " is below --min-mrr " << min_mrr << "\n";
      return 1;
    }
    return 0;
  } catch (const EvalFileError& e) {
    std::cerr << "pepeval: " << e.what() << "\n";
    return 2;
  } catch (const pep::QueryError& e) {
    std::cerr << "pepeval: a judged query cannot run: " << e.what() << "\n";
    return 2;
  } catch (const pep::IndexError& e) {
    std::cerr << "pepeval: " << e.what() << "\n";
    return 2;
  } catch (const pep::BuildFailed& e) {
    std::cerr << "pepeval: building the index failed: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "pepeval: " << e.what() << "\n";
    return 2;
  }
}
