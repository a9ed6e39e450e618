// The evidence claims of a generation (EvidenceClaim, monograph.h) as a file of the generation
// directory, schema::kEvidenceFile: JSON Lines, one claim per line in passage order, each the
// API's CLAIM object (claim_json) with "compound" and "indication" added. GenerationWriter
// writes a directory's claims, merge_generations joins the shards' files in shard order, the
// manifest lists the file with its size and SHA-256 like every file, and Generation reads it.
//
// Errors: a line that is not such a claim throws IndexError naming the file and line, with the
// rebuild hint; a file that cannot be written throws IndexError. Plain functions: thread-safe.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <vector>

#include "monograph.h"

namespace pep {

// The API's CLAIM object (docs/searchd.md, /api/evidence): source, monograph, publisher, grade,
// grade_label, evidence, finding, trial, passage {id, section, url}, references. Empty strings
// and zeros are JSON null.
nlohmann::json claim_json(const EvidenceClaim& claim);
EvidenceClaim claim_from_json(const nlohmann::json& j);

// Appends `claims` to `file` as JSON Lines (creating it).
void append_claims(const std::filesystem::path& file, const std::vector<EvidenceClaim>& claims);
std::vector<EvidenceClaim> read_claims(const std::filesystem::path& file);
// Writes `out` as the shards' claim files joined in order (a shard without one adds none).
void merge_claim_files(const std::vector<std::filesystem::path>& shards, const std::filesystem::path& out);

}  // namespace pep
