#include "index_dump.h"

#include <nlohmann/json.hpp>
#include <ostream>

#include "generation.h"
#include "index_schema.h"

using nlohmann::json;

namespace pep {

void dump_manifest(Generation& g, std::ostream& out) { out << manifest_to_json(g.manifest()); }

void dump_passage(Generation& g, uint32_t id, std::ostream& out) {
  json j = json::from_cbor(g.record_data(id));  // throws, naming the ids that exist
  out << json{{"docid", id}, {"record", std::move(j)}}.dump(2) << "\n";
}

bool dump_term(Generation& g, const std::string& term, std::ostream& out) {
  const Xapian::Database& db = g.database();
  json postings = json::array();
  for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) postings.push_back({*it, it.get_wdf()});
  const bool found = !postings.empty();
  out << json{{"term", term}, {"termfreq", postings.size()}, {"postings", std::move(postings)}}.dump() << "\n";
  return found;
}

void dump_vocabulary(Generation& g, std::ostream& out) {
  const std::string text = g.database().get_metadata(std::string(schema::kMetaVocabulary));
  out << json::parse(text).dump(2) << "\n";
}

}  // namespace pep
