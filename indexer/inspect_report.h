// InspectReport: how `pepindex inspect FILE` shows an editor what the parser understood.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>

#include "monograph.h"

namespace pep {

nlohmann::json inspect_json(const ParsedDocument& doc);
void print_inspect(std::ostream& out, const ParsedDocument& doc);

}  // namespace pep
