// PassageRecord: what the index stores for each passage, so a search result can be shown and
// attributed without reading the corpus again. Written by the indexer, read by the searcher;
// the encoding below (JSON fields, stored as CBOR) is the only place that knows its layout.
// Passage::kind is stored as its spelling (to_string, monograph.h), the same "kind" the JSON
// responses show. decode_record throws nlohmann::json exceptions for bytes that are not such a
// record, and IndexError (with the rebuild hint) for a kind this build does not know.
// Stateless; safe from any thread.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "monograph.h"

namespace pep {

struct SourceInfo {
  std::string id;
  std::string path;
  std::string title;
  std::string publisher;
  std::string url;   // the document's URL with the passage's anchor (deep_link)
};

struct PassageRecord {
  std::string id;                  // "<document id>#<passage number>"
  Passage passage;
  SourceInfo source;
  std::vector<Reference> cited;    // the reference entries passage.citations points at
};

// `url` opened at `anchor` (Passage::anchor): "https://site/page#evidence"; `url` alone when
// either is empty (a fragment already on `url` is replaced).
std::string deep_link(const std::string& url, const std::string& anchor);

std::string encode_record(const PassageRecord& record);
// One reference entry as JSON (empty fields left out); the API's "citations" use it too.
nlohmann::json reference_json(const Reference& reference);
PassageRecord decode_record(const std::string& data);

}  // namespace pep
