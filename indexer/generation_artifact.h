// Generation artifacts: one index generation packed into one file, to copy to servers.
//
// Layout: a tar archive (POSIX pax, libarchive) compressed with zstd. Its first entry is the
// generation's generation.json (manifest.h), then every file the manifest lists, in its order, as
// plain files with no directory part; owner 0, mode 0644 and mtime 0, so packing the same
// generation twice gives the same bytes. The manifest carries every file's size and SHA-256, so
// the artifact needs no checksum list of its own: a reader checks each entry against it as it
// streams by, and an artifact with an entry missing, extra, renamed, resized, altered or out of
// order is refused.
//
// pack_generation reads a generation that verifies fully (checksums) and writes the artifact
// through a temporary file renamed into place. read_artifact checks an artifact and, given a
// directory, writes its files there (synced). unpack_generation publishes an artifact into an
// index directory the way a build does (index_location.h: under the build lock, as
// gen-<N>.partial, verified, then `current` switched atomically), so a searchd serving that
// directory switches to it as it does after a rebuild. Errors throw IndexError naming the file
// and what to do. Single-threaded; no shared state.
#pragma once

#include <filesystem>
#include <string>

#include "manifest.h"

namespace pep {

struct ArtifactReport {
  Manifest manifest;         // the generation's manifest
  std::string generation;    // gen-N: the generation packed, or the one published by unpack
  uint64_t artifact_bytes = 0;
  std::string artifact_sha256;  // of the artifact file itself, for a deploy's own records
};

// Packs the generation `dir` names (an index directory's current generation, or a gen-N) into `out`.
ArtifactReport pack_generation(const std::filesystem::path& dir, const std::filesystem::path& out);

// Checks `artifact` against the manifest it carries; with `into` non-empty, writes its files there
// (the directory must exist and be empty). Returns the manifest.
Manifest read_artifact(const std::filesystem::path& artifact, const std::filesystem::path& into = {});

// Publishes `artifact` as the next generation of the index directory `index_dir` (created if new).
ArtifactReport unpack_generation(const std::filesystem::path& artifact, const std::filesystem::path& index_dir);

}  // namespace pep
