#include "record_queries.h"

#include <fstream>
#include <nlohmann/json.hpp>

#include "judged_queries.h"

namespace pep::bench {

std::vector<RecordQuery> load_record_queries(const std::filesystem::path& tsv) {
  std::ifstream in(tsv);
  if (!in) throw EvalFileError("cannot read " + tsv.string());
  std::vector<RecordQuery> out;
  std::string line;
  for (int line_no = 1; std::getline(in, line); ++line_no) {
    if (line.empty() || line[0] == '#') continue;
    const auto cols = split_list(line, '\t');
    if (cols.size() != 3)
      throw EvalFileError(tsv.string() + ":" + std::to_string(line_no) + ": expected 3 tab-separated columns (id, query, records), found " +
                          std::to_string(cols.size()));
    out.push_back({cols[0], cols[1], split_list(cols[2], '|')});
  }
  return out;
}

std::vector<RecordQuery> load_known_items(const std::filesystem::path& jsonl, size_t limit) {
  std::ifstream in(jsonl);
  if (!in) throw EvalFileError("cannot read " + jsonl.string());
  std::vector<RecordQuery> all;
  std::string line;
  for (int line_no = 1; std::getline(in, line); ++line_no) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object())
      throw EvalFileError(jsonl.string() + ":" + std::to_string(line_no) + ": not a JSON object");
    const auto id = j.find("id");
    const auto question = j.find("question");
    if (id == j.end() || question == j.end() || !id->is_string() || !question->is_string()) continue;
    all.push_back({id->get<std::string>(), question->get<std::string>(), {id->get<std::string>()}});
  }
  if (limit == 0 || all.size() <= limit) return all;
  const size_t stride = (all.size() + limit - 1) / limit;
  std::vector<RecordQuery> sample;
  for (size_t i = 0; i < all.size() && sample.size() < limit; i += stride) sample.push_back(std::move(all[i]));
  return sample;
}

std::string_view record_of_passage(std::string_view passage_id) {
  const auto hash = passage_id.rfind('#');
  return hash == std::string_view::npos ? passage_id : passage_id.substr(0, hash);
}

}  // namespace pep::bench
