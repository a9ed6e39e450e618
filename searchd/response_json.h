// The one JSON encoding of a SearchResponse, shared by `pepsearch --json` and searchd's
// /api/search. Field names are a contract (issue #2); add fields, never rename or drop them.
// Grouped by source (issue #27), the response adds "group": "source" and "total_groups", and
// each result "sub_results" (results of the same shape) and "sub_total"; otherwise it is as before.
#pragma once

#include <nlohmann/json.hpp>

#include "search_types.h"

namespace pep {

nlohmann::json response_json(const SearchResponse& response);

}  // namespace pep
