#include "query_engine.h"

#include "english_words.h"

#include <xapian.h>

#include <algorithm>
#include <map>
#include <set>

#include "generation.h"
#include "index_location.h"
#include "index_schema.h"
#include "facet_column.h"
#include "facet_labels.h"
#include "query_builder.h"
#include "result_groups.h"
#include "snippet_maker.h"
#include "term_union_count.h"
#include "vocabulary.h"

namespace fs = std::filesystem;

namespace pep {
namespace {

Xapian::Query facet_filter(const std::map<std::string, std::vector<std::string>>& filters, const std::string& except) {
  std::vector<Xapian::Query> each;
  for (const auto& [name, values] : filters) {
    if (name == except || values.empty()) continue;
    const schema::Facet* f = schema::find_facet(name);
    std::vector<Xapian::Query> any;
    for (const auto& v : values) any.emplace_back(std::string(f->prefix) + v);
    each.emplace_back(Xapian::Query::OP_OR, any.begin(), any.end());
  }
  if (each.empty()) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_AND, each.begin(), each.end());
}

void add_once(std::vector<std::string>& values, const std::string& value) {
  if (std::find(values.begin(), values.end(), value) == values.end()) values.push_back(value);
}

Xapian::Query filtered(const Xapian::Query& q, const Xapian::Query& filter) {
  if (filter.empty()) return q;
  return Xapian::Query(Xapian::Query::OP_FILTER, q, filter);
}

}  // namespace

struct QueryEngine::Impl {
  fs::path dir;
  std::string generation;
  std::string refused;  // the live generation that failed to open, if any
  Verify depth = Verify::kSizes;
  std::unique_ptr<Generation> gen;  // owns the stores; `db` below is its database handle
  Xapian::Database db;
  Vocabulary vocab;
  TermDictionary forms;
  TextAnalyzer analyzer;
  EnglishWords english;  // loaded once per engine: the spelling corrector leaves English words alone
  std::unique_ptr<QueryBuilder> builder;
  std::unique_ptr<FacetColumn> facets;
  std::unique_ptr<FacetLabels> facet_labels;  // from `vocab` and `facets`
  std::unique_ptr<EvidenceMap> evidence;       // from the generation's claims
  std::unique_ptr<ConceptMatcher> compound_names, indication_names;  // what a query names
  // Each concept's slug and the first word of its name ("thymosin"), analysed once per index.
  std::vector<std::pair<std::string, std::string>> compound_first_words, indication_first_words;
  SnippetMaker snippets{analyzer};
  RankingParams ranking;
  Xapian::doccount facet_count_limit = 0;  // 0: exact

  // The steps of QueryEngine::search, below it.
  Xapian::MSet ranked_page(const SearchRequest& req, const Xapian::Weight& weighting, const Xapian::Query& page_query,
                           SearchResponse& resp);
  void count_facets(const SearchRequest& req, const BuiltQuery& built, const Xapian::Query& matching, SearchResponse& resp);
  void grouped_page(const SearchRequest& req, const GroupQuery& query, const HighlightTerms& highlight, SearchResponse& resp);
  SearchResult result(const SearchRequest& req, const HighlightTerms& highlight, Xapian::docid did, double score);

  void open() {
    const std::string name = live_generation(dir);
    const fs::path path = live_index_path(dir);
    auto fresh = std::make_unique<Generation>(path, depth);  // checks manifest, files and counts
    Xapian::Database& fresh_db = fresh->database();
    Vocabulary fresh_vocab = Vocabulary::from_json(fresh_db.get_metadata(std::string(schema::kMetaVocabulary)));
    TermDictionary fresh_forms(fresh_db.get_metadata(std::string(schema::kMetaForms)));
    // Nothing below throws: an open that fails leaves the engine on the generation it had.
    vocab = std::move(fresh_vocab);
    forms = std::move(fresh_forms);
    db = fresh_db;
    builder.reset();  // it refers to the stores replaced here
    gen = std::move(fresh);
    generation = name;
    builder = std::make_unique<QueryBuilder>(db, vocab, forms, analyzer, gen->positions(), &english);
    facets = std::make_unique<FacetColumn>(db);
    facet_labels = std::make_unique<FacetLabels>(vocab, *facets);
    evidence = std::make_unique<EvidenceMap>(gen->claims(), vocab, facets->values_of("compound"),
                                             facets->values_of("indication"));
    compound_names = std::make_unique<ConceptMatcher>(vocab.compounds, analyzer);
    indication_names = std::make_unique<ConceptMatcher>(vocab.indications, analyzer);
    compound_first_words = first_words(vocab.compounds);
    indication_first_words = first_words(vocab.indications);
  }

  std::vector<std::pair<std::string, std::string>> first_words(const std::vector<Concept>& concepts) const {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& c : concepts)
      if (const std::vector<Word> name = analyzer.analyze(c.name); !name.empty()) out.emplace_back(c.slug, name[0].form);
    return out;
  }

  std::optional<EvidencePair> named_pair(const std::string& query) const;
};

QueryEngine::QueryEngine(const fs::path& index_dir, Verify depth) : impl_(std::make_unique<Impl>()) {
  impl_->dir = index_dir;
  impl_->depth = depth;
  impl_->open();
}

QueryEngine::~QueryEngine() = default;

void QueryEngine::set_ranking(const RankingParams& ranking) { impl_->ranking = ranking; }

void QueryEngine::set_facet_count_limit(size_t limit) { impl_->facet_count_limit = static_cast<Xapian::doccount>(limit); }

bool QueryEngine::reopen_if_changed() {
  const std::string live = live_generation(impl_->dir);
  if (live == impl_->generation || live == impl_->refused) return false;
  try {
    impl_->open();
  } catch (const IndexError&) {
    impl_->refused = live;  // not tried again; the next build publishes another generation
    throw;
  }
  return true;
}

const std::string& QueryEngine::generation() const { return impl_->generation; }

const std::string& QueryEngine::generation_id() const { return impl_->gen->manifest().id; }

IndexStats QueryEngine::stats() const {
  IndexStats s;
  s.passages = impl_->db.get_doccount();
  const std::string docs = impl_->db.get_metadata(std::string(schema::kMetaDocuments));
  s.documents = docs.empty() ? 0 : std::stoul(docs);
  const std::string built = impl_->db.get_metadata(std::string(schema::kMetaBuiltAt));
  s.built_at = built.empty() ? 0 : std::stoll(built);
  s.generation = impl_->generation;
  s.id = impl_->gen->manifest().id;
  return s;
}

namespace {

std::string joined(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : ", ") + v;
  return out;
}

// A filter on a value the index does not know would match nothing: refuse it, naming the valid ones.
void check_facet_labels(const SearchRequest& req, const FacetLabels& known) {
  for (const auto& [name, values] : req.filters)
    for (const auto& v : values)
      if (!known.knows(name, v)) {
        const std::vector<std::string> valid = known.valid(name);
        throw QueryError(ErrorCode::unknown_facet_value, "unknown " + name + " '" + v + "' (valid: " + joined(valid) + ")",
                         valid);
      }
}

// The request's limits; a violation is the caller's error, said in words.
void check_request(const SearchRequest& req) {
  if (req.query.size() > QueryBuilder::kMaxQueryBytes)
    throw QueryError(ErrorCode::query_too_long, "query is too long (" + std::to_string(req.query.size()) + " bytes; at most " +
                     std::to_string(QueryBuilder::kMaxQueryBytes) + ")");
  if (req.per_page < 1 || req.per_page > QueryEngine::kMaxPerPage)
    throw QueryError(ErrorCode::bad_parameter, "per_page must be between 1 and " + std::to_string(QueryEngine::kMaxPerPage));
  if (req.page < 1 || req.page > QueryEngine::kMaxPage)
    throw QueryError(ErrorCode::bad_parameter, "page must be between 1 and " + std::to_string(QueryEngine::kMaxPage));
  if (req.sub_limit < 0 || req.sub_limit > QueryEngine::kMaxSubLimit)
    throw QueryError(ErrorCode::bad_parameter, "sub_limit must be between 0 and " + std::to_string(QueryEngine::kMaxSubLimit));
  for (const auto& [name, values] : req.filters) {
    if (!schema::find_facet(name)) {
      std::vector<std::string> known;
      for (const auto& f : schema::kFacets) known.emplace_back(f.name);
      throw QueryError(ErrorCode::unknown_parameter, "unknown facet '" + name + "' (known facets: " + joined(known) + ")",
                       known);
    }
    for (const auto& v : values)
      if (v.empty() || v.size() > 64) throw QueryError(ErrorCode::bad_parameter, "facet '" + name + "' has an empty or over-long value");
  }
}

}  // namespace

// Ranking: only the requested page is needed, so Xapian may skip documents that cannot reach it
// (no check_at_least), and boosts are only evaluated for contenders.
Xapian::MSet QueryEngine::Impl::ranked_page(const SearchRequest& req, const Xapian::Weight& weighting,
                                            const Xapian::Query& page_query, SearchResponse& resp) {
  Xapian::Enquire enquire(db);
  enquire.set_weighting_scheme(weighting);
  enquire.set_query(page_query);
  Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>((req.page - 1) * req.per_page),
                                       static_cast<Xapian::doccount>(req.per_page));
  resp.total = mset.get_matches_estimated();
  resp.total_approximate = mset.get_matches_lower_bound() != mset.get_matches_upper_bound();
  return mset;
}

// Counting: every match, unranked and without boosts. Facets without a filter of their own are
// counted on the filtered match set; a filtered facet is counted with only the other facets'
// filters applied (multi-select faceting). The first count also gives the exact total. Terms
// joined by OR are counted from their posting lists directly (term_union_count.h). With a facet
// count limit, a larger match set is counted from a sample and scaled (decision 0016): for a
// union, slices spread over the whole index; for other shapes, the first `limit` matches Xapian's
// matcher finds (check_at_least) scaled to its estimate of the total.
void QueryEngine::Impl::count_facets(const SearchRequest& req, const BuiltQuery& built, const Xapian::Query& matching,
                                     SearchResponse& resp) {
  const Xapian::doccount all = db.get_doccount();
  const Xapian::doccount limit = facet_count_limit;
  const auto& terms = built.union_terms;  // the shape, decided by the builder
  auto count = [&](const std::string& except, FacetColumn::Counter& counter) -> MatchCount {
    if (terms) return sample_term_union(db, *terms, facets->filter(req.filters, except), counter, limit);
    FacetColumn::Counter seen(*facets);
    FacetSpy spy(seen);
    Xapian::Enquire enquire_all(db);
    enquire_all.set_weighting_scheme(Xapian::BoolWeight());
    enquire_all.set_query(filtered(matching, facet_filter(req.filters, except)));
    enquire_all.add_matchspy(&spy);
    const Xapian::MSet m = enquire_all.get_mset(0, 0, limit == 0 ? all : limit);
    const bool exact = m.get_matches_lower_bound() == m.get_matches_upper_bound();
    const double estimate = m.get_matches_estimated();
    counter.add_scaled(seen, exact || spy.seen() == 0 ? 1.0 : estimate / spy.seen());
    return {m.get_matches_estimated(), exact};
  };
  auto filtered_on = [&](const schema::Facet& f) {
    auto it = req.filters.find(std::string(f.name));
    return it != req.filters.end() && !it->second.empty();
  };
  FacetColumn::Counter counter(*facets);
  const MatchCount first = count("", counter);
  resp.total = first.matches;
  resp.total_approximate = !first.exact;
  resp.facets_approximate = !first.exact;
  for (const auto& f : schema::kFacets)
    if (!filtered_on(f)) resp.facets[std::string(f.name)] = counter.counts(std::string(f.name));
  for (const auto& f : schema::kFacets) {
    if (!filtered_on(f)) continue;
    FacetColumn::Counter own_counter(*facets);
    resp.facets_approximate = !count(std::string(f.name), own_counter).exact || resp.facets_approximate;
    resp.facets[std::string(f.name)] = own_counter.counts(std::string(f.name));
  }
}

SearchResult QueryEngine::Impl::result(const SearchRequest& req, const HighlightTerms& highlight, Xapian::docid did,
                                       double score) {
  SearchResult r;
  r.record = gen->record(did);
  r.score = score;
  if (req.snippets) r.snippet = snippets.make(r.record.passage.text, highlight);
  return r;
}

// Grouped by source, result_groups.h ranks the page of groups instead of passages.
void QueryEngine::Impl::grouped_page(const SearchRequest& req, const GroupQuery& query, const HighlightTerms& highlight,
                                     SearchResponse& resp) {
  const GroupedPage grouped = group_by_source(query, req.page, req.per_page, req.sub_limit);
  resp.total = grouped.total_passages;  // counted in full by result_groups
  resp.total_approximate = false;
  resp.total_groups = grouped.total_groups;
  for (const auto& g : grouped.groups) {
    SearchResult r = result(req, highlight, g.best.docid, g.best.score);
    for (const auto& more : g.more) r.sub_results.push_back(result(req, highlight, more.docid, more.score));
    r.sub_total = g.matches;
    resp.results.push_back(std::move(r));
  }
}

SearchResponse QueryEngine::search(const SearchRequest& req) {
  check_request(req);
  Impl& im = *impl_;
  check_facet_labels(req, *im.facet_labels);
  SearchResponse resp;
  resp.query = req.query;
  resp.page = req.page;
  resp.per_page = req.per_page;
  resp.group = req.group;

  BuiltQuery built = im.builder->build(req.query, im.ranking);
  resp.corrected_query = built.corrected;
  resp.unknown_words = built.unknown;
  const bool has_filters = std::any_of(req.filters.begin(), req.filters.end(), [](const auto& f) { return !f.second.empty(); });
  Xapian::Query ranked = built.query;
  Xapian::Query matching = built.matching;
  if (ranked.empty()) {
    if (!has_filters) return resp;
    ranked = matching = Xapian::Query::MatchAll;  // browsing a facet with no words
  }
  const Xapian::BM25Weight weighting(im.ranking.k1, 0, 1, im.ranking.b, 0.5);
  const Xapian::Query page_query = filtered(ranked, facet_filter(req.filters, ""));
  Xapian::MSet mset;
  if (req.group == GroupBy::none) mset = im.ranked_page(req, weighting, page_query, resp);
  if (req.facet_counts) im.count_facets(req, built, matching, resp);
  for (auto& [facet, counts] : resp.facets)
    for (auto& c : counts) {
      c.label = im.facet_labels->label(facet, c.value);
      c.parent = im.facet_labels->parent(facet, c.value);
    }
  resp.evidence = im.named_pair(req.query);
  if (req.group == GroupBy::source)
    im.grouped_page(req, {im.db, weighting, page_query, filtered(matching, facet_filter(req.filters, ""))}, built.highlight,
                    resp);
  for (auto m = mset.begin(); m != mset.end(); ++m) resp.results.push_back(im.result(req, built.highlight, *m, m.get_weight()));
  return resp;
}

// The pair a query names: a compound and an indication, each by a name or alias, or else by the
// first word of its name ("thymosin", "kaposi"), when exactly one such pair has claims.
std::optional<EvidencePair> QueryEngine::Impl::named_pair(const std::string& query) const {
  const std::vector<Word> words = analyzer.analyze(query);
  const auto named = [&](const ConceptMatcher& matcher, const std::vector<std::pair<std::string, std::string>>& first) {
    std::vector<std::string> out;
    for (const auto& m : matcher.find(words)) add_once(out, m.concept_->slug);
    if (!out.empty()) return out;
    for (const auto& [slug, form] : first)
      if (std::any_of(words.begin(), words.end(), [&form = form](const Word& w) { return w.form == form; })) out.push_back(slug);
    return out;
  };
  const std::vector<std::string> compounds = named(*compound_names, compound_first_words);
  const std::vector<std::string> indications = named(*indication_names, indication_first_words);
  const EvidencePair* found = nullptr;
  for (const auto& c : compounds)
    for (const auto& i : indications)
      if (const EvidencePair* p = evidence->pair(c, i)) {
        if (found) return std::nullopt;  // the query names more than one pair
        found = p;
      }
  if (!found) return std::nullopt;
  return *found;
}

EvidenceAnswer QueryEngine::evidence(const std::string& compound, const std::string& indication) {
  Impl& im = *impl_;
  SearchRequest check;
  if (!compound.empty()) check.filters["compound"] = {compound};
  if (!indication.empty()) check.filters["indication"] = {indication};
  check_request(check);
  check_facet_labels(check, *im.facet_labels);
  return im.evidence->answer(compound, indication);
}

std::vector<std::string> QueryEngine::suggest(const std::string& prefix, size_t limit) {
  Impl& im = *impl_;
  std::vector<Word> words = im.analyzer.analyze(prefix);
  if (words.empty() || prefix.size() > QueryBuilder::kMaxQueryBytes) return {};
  const std::string last = words.back().form;
  std::string lead;
  for (size_t i = 0; i + 1 < words.size(); ++i) lead += words[i].form + " ";

  std::vector<const TermDictionary::Entry*> found;
  for (const auto& e : im.forms.with_prefix(last)) found.push_back(&e);
  const size_t keep = std::min(found.size(), limit * 4);  // enough after de-duplication
  std::partial_sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(keep), found.end(),
                    [](const auto* a, const auto* b) { return a->count != b->count ? a->count > b->count : a->form < b->form; });
  found.resize(keep);

  std::vector<std::string> out;
  std::set<std::string> seen;  // by search form: "Thymogen" and "thymogen" are one suggestion
  auto add = [&](const std::string& s) {
    if (out.size() < limit && seen.insert(im.analyzer.normalize(s)).second) out.push_back(s);
  };
  // Names first: a reader typing "thym" most likely wants a compound.
  const std::string typed = im.analyzer.normalize(prefix);
  for (const auto* list : {&im.vocab.compounds, &im.vocab.indications})
    for (const auto& c : *list) {
      std::vector<std::string> names = c.aliases;
      names.insert(names.begin(), c.name);
      for (const auto& n : names)
        if (im.analyzer.normalize(n).rfind(typed, 0) == 0) {
          add(n);
          break;
        }
    }
  for (const auto* e : found) add(lead + e->form);
  return out;
}

}  // namespace pep
