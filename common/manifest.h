// Manifest: the generation.json file that says what one index generation is (generation.h owns
// the generation; this is its description as data).
//
// Layout (JSON, keys sorted): format (of this file), schema (index_schema.h's version), passages
// (Xapian documents = passage records = position records), documents (source documents),
// vocabulary_sha256 (SHA-256 of the vocabulary JSON in the database metadata), build (the build's
// options as strings), files (every file of the generation, Xapian's tables included, sorted by
// name: name, size, sha256), inputs (every corpus file that gave documents: name = its path as the
// build was given it, size, sha256), and id: the SHA-256 of all of the above serialised without it, so two
// generations with one id hold the same bytes. The indexer writes it last, after every other
// file is complete and synced and before the generation is published (index_location.h).
//
// Errors: a manifest that is missing, not JSON, of another format or with a field missing, and
// a file that disagrees with it, throw IndexError naming the file, with the rebuild hint.
// Plain data and free functions: thread-safe.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace pep {

inline constexpr std::string_view kManifestFile = "generation.json";
inline constexpr int kManifestFormat = 1;

struct FileDigest {
  std::string name;  // file name inside the generation, or an input's path
  uint64_t size = 0;
  std::string sha256;
  bool operator==(const FileDigest&) const = default;
};

struct Manifest {
  int format = kManifestFormat;
  int schema = 0;
  uint64_t passages = 0;
  uint64_t documents = 0;
  std::string vocabulary_sha256;
  std::map<std::string, std::string> build;
  std::vector<FileDigest> files;
  std::vector<FileDigest> inputs;
  std::string id;
  bool operator==(const Manifest&) const = default;
};

// The id of `m` (its content but the id, hashed).
std::string manifest_id(const Manifest& m);
// `m` as generation.json's text, with its id recomputed.
std::string manifest_to_json(const Manifest& m);
// Parses generation.json's text; `where` names it in errors. Checks the format and that the id
// matches the content.
Manifest parse_manifest(std::string_view text, const std::string& where);

// Hashes every regular file of the generation directory `dir` (generation.json aside) into
// m.files, sets m.id and writes `dir`/generation.json (through a temporary file, synced, renamed).
// Returns the manifest as written.
Manifest write_manifest(const std::filesystem::path& dir, Manifest m);
// Reads and parses `dir`/generation.json.
Manifest read_manifest(const std::filesystem::path& dir);

// How far verify_files goes: sizes only (a stat per file), or every byte's SHA-256 too.
enum class Verify { kSizes, kChecksums };
// Checks that every file `m` lists is in `dir` with its size (and SHA-256); throws IndexError
// naming the first file that is not.
void verify_files(const std::filesystem::path& dir, const Manifest& m, Verify depth);

}  // namespace pep
