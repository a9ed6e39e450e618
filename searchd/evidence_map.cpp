#include "evidence_map.h"

#include <algorithm>
#include <map>
#include <set>

#include "evidence_store.h"

namespace pep {

using nlohmann::json;

std::string_view to_string(ConflictReason reason) { return reason == ConflictReason::grades ? "grades" : "findings"; }

namespace {

std::string label_of(const std::vector<Concept>& concepts, const std::string& slug) {
  for (const auto& c : concepts)
    if (c.slug == slug) return c.name;
  return slug;
}

std::string parent_of(const std::vector<Concept>& concepts, const std::string& slug) {
  for (const auto& c : concepts)
    if (c.slug == slug) return c.parent;
  return "";
}

json text_or_null(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

}  // namespace

void agree(EvidencePair& pair) {
  std::set<std::string> sources, grades;
  bool positive = false, against = false;
  for (const auto& c : pair.claims) {
    sources.insert(c.source_id);
    if (!c.grade.empty()) grades.insert(c.grade);
    positive = positive || c.finding == Finding::positive;
    against = against || c.finding == Finding::null || c.finding == Finding::negative;
  }
  pair.sources = sources.size();
  pair.grade = grades.empty() ? "" : *grades.begin();
  pair.conflict_reasons.clear();
  if (!grades.empty() && (*grades.rbegin())[0] - (*grades.begin())[0] >= 2) pair.conflict_reasons.push_back(ConflictReason::grades);
  if (positive && against) pair.conflict_reasons.push_back(ConflictReason::findings);
}

EvidenceMap::EvidenceMap(const std::vector<EvidenceClaim>& claims, const Vocabulary& vocab,
                         const std::vector<std::string>& tagged_compounds, const std::vector<std::string>& tagged_indications)
    : indication_concepts_(vocab.indications) {
  std::map<std::pair<std::string, std::string>, EvidencePair> by_pair;
  for (const auto& c : claims) {
    EvidencePair& p = by_pair[{c.compound, c.indication}];
    if (p.claims.empty()) {
      p.compound = c.compound;
      p.compound_label = label_of(vocab.compounds, c.compound);
      p.indication = c.indication;
      p.indication_label = label_of(vocab.indications, c.indication);
    }
    p.claims.push_back(c);
  }
  std::set<std::string> compounds(tagged_compounds.begin(), tagged_compounds.end()), indications;
  for (const auto& slug : tagged_indications)
    for (const auto& s : with_ancestors(vocab.indications, slug)) indications.insert(s);
  for (auto& [key, p] : by_pair) {
    agree(p);
    compounds.insert(p.compound);
    for (const auto& slug : with_ancestors(vocab.indications, p.indication)) indications.insert(slug);
    pairs_.push_back(std::move(p));
  }
  std::sort(pairs_.begin(), pairs_.end(), [](const EvidencePair& a, const EvidencePair& b) {
    return std::tie(a.compound_label, a.indication_label) < std::tie(b.compound_label, b.indication_label);
  });
  for (const auto& slug : compounds) compounds_.push_back({slug, label_of(vocab.compounds, slug), ""});
  for (const auto& slug : indications)
    indications_.push_back({slug, label_of(vocab.indications, slug), parent_of(vocab.indications, slug)});
  const auto by_label = [](const EvidenceAxis& a, const EvidenceAxis& b) { return a.label < b.label; };
  std::sort(compounds_.begin(), compounds_.end(), by_label);
  std::sort(indications_.begin(), indications_.end(), by_label);
}

EvidenceAnswer EvidenceMap::answer(const std::string& compound, const std::string& indication) const {
  EvidenceAnswer out{{}, compounds_, indications_};
  for (const auto& p : pairs_) {
    if (!compound.empty() && p.compound != compound) continue;
    if (!indication.empty()) {
      const auto line = with_ancestors(indication_concepts_, p.indication);
      if (std::find(line.begin(), line.end(), indication) == line.end()) continue;
    }
    out.pairs.push_back(p);
  }
  return out;
}

const EvidencePair* EvidenceMap::pair(const std::string& compound, const std::string& indication) const {
  for (const auto& p : pairs_)
    if (p.compound == compound && p.indication == indication) return &p;
  return nullptr;
}

json pair_json(const EvidencePair& p) {
  json reasons = json::array();
  for (auto r : p.conflict_reasons) reasons.push_back(to_string(r));
  json claims = json::array();
  for (const auto& c : p.claims) claims.push_back(claim_json(c));
  return {{"compound", p.compound},
          {"compound_label", p.compound_label},
          {"indication", p.indication},
          {"indication_label", p.indication_label},
          {"grade", text_or_null(p.grade)},
          {"sources", p.sources},
          {"conflict", !p.conflict_reasons.empty()},
          {"conflict_reasons", reasons},
          {"claims", claims}};
}

EvidencePair pair_from_json(const json& j) {
  EvidencePair p;
  p.compound = j.at("compound").get<std::string>();
  p.compound_label = j.at("compound_label").get<std::string>();
  p.indication = j.at("indication").get<std::string>();
  p.indication_label = j.at("indication_label").get<std::string>();
  for (const auto& c : j.at("claims")) {
    json stored = c;
    stored["compound"] = p.compound;
    stored["indication"] = p.indication;
    p.claims.push_back(claim_from_json(stored));
  }
  agree(p);
  return p;
}

json evidence_json(const EvidenceAnswer& a) {
  json pairs = json::array(), compounds = json::array(), indications = json::array();
  for (const auto& p : a.pairs) pairs.push_back(pair_json(p));
  for (const auto& c : a.compounds) compounds.push_back({{"value", c.value}, {"label", c.label}});
  for (const auto& i : a.indications) indications.push_back({{"value", i.value}, {"label", i.label}, {"parent", text_or_null(i.parent)}});
  return {{"pairs", pairs}, {"compounds", compounds}, {"indications", indications}};
}

EvidenceAnswer evidence_answer_from_json(const json& j) {
  EvidenceAnswer a;
  for (const auto& p : j.at("pairs")) a.pairs.push_back(pair_from_json(p));
  for (const auto& c : j.at("compounds")) a.compounds.push_back({c.at("value"), c.at("label"), ""});
  for (const auto& i : j.at("indications"))
    a.indications.push_back({i.at("value"), i.at("label"), i.at("parent").is_string() ? i.at("parent").get<std::string>() : ""});
  return a;
}

}  // namespace pep
