#include "evidence_store.h"

#include <fstream>

#include "error.h"

namespace pep {

using nlohmann::json;

namespace {

json text_or_null(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }
json int_or_null(int n) { return n == 0 ? json(nullptr) : json(n); }
std::string text_of(const json& j, const char* key) { return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : ""; }
int int_of(const json& j, const char* key) { return j.contains(key) && j[key].is_number_integer() ? j[key].get<int>() : 0; }

}  // namespace

json claim_json(const EvidenceClaim& c) {
  json trial = nullptr;
  if (c.trial)
    trial = {{"name", text_or_null(c.trial->name)},
             {"design", text_or_null(c.trial->design)},
             {"n", int_or_null(c.trial->n)},
             {"year", int_or_null(c.trial->year)}};
  return {{"source", c.source_id},
          {"monograph", c.monograph},
          {"publisher", text_or_null(c.publisher)},
          {"grade", text_or_null(c.grade)},
          {"grade_label", text_or_null(c.grade_label)},
          {"evidence", text_or_null(c.evidence)},
          {"finding", to_string(c.finding)},
          {"trial", trial},
          {"passage", {{"id", c.passage_id}, {"section", c.section}, {"url", c.url}}},
          {"references", c.references}};
}

EvidenceClaim claim_from_json(const json& j) {
  EvidenceClaim c;
  c.compound = j.at("compound").get<std::string>();
  c.indication = j.at("indication").get<std::string>();
  c.source_id = j.at("source").get<std::string>();
  c.monograph = j.at("monograph").get<std::string>();
  c.publisher = text_of(j, "publisher");
  c.grade = text_of(j, "grade");
  c.grade_label = text_of(j, "grade_label");
  c.evidence = text_of(j, "evidence");
  const auto finding = parse_finding(j.at("finding").get<std::string>());
  if (!finding) throw std::invalid_argument("unknown finding " + j.at("finding").dump());
  c.finding = *finding;
  if (const json& t = j.at("trial"); t.is_object())
    c.trial = TrialInfo{text_of(t, "name"), text_of(t, "design"), int_of(t, "n"), int_of(t, "year")};
  const json& p = j.at("passage");
  c.passage_id = p.at("id").get<std::string>();
  c.section = p.at("section").get<std::string>();
  c.url = p.at("url").get<std::string>();
  c.references = j.at("references").get<std::vector<int>>();
  return c;
}

void append_claims(const std::filesystem::path& file, const std::vector<EvidenceClaim>& claims) {
  std::ofstream out(file, std::ios::app | std::ios::binary);
  for (const auto& c : claims) {
    json j = claim_json(c);
    j["compound"] = c.compound;
    j["indication"] = c.indication;
    out << j.dump(-1, ' ', false, json::error_handler_t::replace) << '\n';
  }
  if (!out) throw IndexError("cannot write " + file.string() + " (is the disk full?)");
}

std::vector<EvidenceClaim> read_claims(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw IndexError("cannot read " + file.string() + "; " + std::string(kRebuildHint));
  std::vector<EvidenceClaim> out;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.empty()) continue;
    try {
      out.push_back(claim_from_json(json::parse(line)));
    } catch (const std::exception& e) {
      throw IndexError(file.string() + ":" + std::to_string(n) + ": not an evidence claim (" + e.what() + "); " +
                       std::string(kRebuildHint));
    }
  }
  return out;
}

void merge_claim_files(const std::vector<std::filesystem::path>& shards, const std::filesystem::path& out) {
  std::ofstream merged(out, std::ios::binary | std::ios::trunc);
  for (const auto& shard : shards) {
    std::error_code ec;
    if (std::filesystem::file_size(shard, ec) == 0 || ec) continue;  // streaming nothing would fail the stream
    std::ifstream in(shard, std::ios::binary);
    merged << in.rdbuf();
  }
  merged.flush();
  if (!merged) throw IndexError("cannot write " + out.string() + " (is the disk full?)");
}

}  // namespace pep
