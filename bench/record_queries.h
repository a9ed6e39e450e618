// Record-judged query sets over a JSONL corpus (MedQuAD): a result is relevant when it is a passage
// of one of the query's records (PassageRecord::source.id, the record's "id"). Two sets:
//   consumer questions  a TSV written and judged by reading (bench/eval/consumer_questions.tsv):
//                       id, query, record ids joined by '|'; '#' lines are comments
//   known items         each record's own "question" field, which must find that record; a fixed
//                       deterministic sample (every k-th record in file order) when asked for fewer
// Loading only parses: EvalFileError (judged_queries.h) names the file and line of a bad row or an
// unreadable file. No state; thread-safe.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace pep::bench {

struct RecordQuery {
  std::string id;
  std::string query;
  std::vector<std::string> records;  // any one of them answers the query
};

std::vector<RecordQuery> load_record_queries(const std::filesystem::path& tsv);

// The known-item set of a JSONL corpus: query = the record's "question", records = {its "id"}.
// `limit` 0 takes every record with both fields; otherwise every k-th such record (k = ceil(n /
// limit)), at most `limit` of them, always the same ones for the same file.
std::vector<RecordQuery> load_known_items(const std::filesystem::path& jsonl, size_t limit);

// The record a passage id ("<record id>#<n>", PassageRecord::id) belongs to.
std::string_view record_of_passage(std::string_view passage_id);

}  // namespace pep::bench
