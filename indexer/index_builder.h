// IndexBuilder: one `pepindex build`. Reads every corpus, parses each document, writes a new
// index generation and publishes it atomically (see index_location.h). A failure at any point
// leaves the previous index live and untouched, and no partial generation behind.
// Data: BuildOptions in, BuildReport out (plain structs). Errors: exceptions, listed at
// build_index. Threading: build_index runs the reader on the calling thread and the parsing and
// writing on ShardedBuild's workers; one build per index directory at a time (build.lock).
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "document_reader.h"

namespace pep {

struct BuildOptions {
  std::vector<std::filesystem::path> corpora;
  std::filesystem::path index_dir;
  std::filesystem::path vocabulary_dir;
  bool strict = false;  // any skipped file or warning fails the build
  unsigned threads = 0; // parse/write threads (shards); 0 = one per core
};

struct BuildProgress {
  size_t files = 0;
  size_t documents = 0;
  size_t passages = 0;
};

struct BuildReport {
  size_t files = 0;
  size_t documents = 0;
  size_t passages = 0;
  std::map<std::string, size_t> documents_by_format;  // to_string(Document::format) -> documents indexed
  std::vector<SkipNote> notes;            // skipped files/records and reader warnings
  std::vector<std::string> warnings;      // editorial warnings from parsing ("file: message")
  double seconds = 0;
  std::string generation;                 // the directory now live
};

struct BuildFailed : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Throws IndexError/BuildFailed/VocabularyError; `on_progress` is called after each document.
// The corpus files are opened and read through `files` (regular_file.h); the first form reads
// them from disk (DiskFiles). The manifest's inputs are the files that gave documents, each with
// the size and SHA-256 of the bytes the build read from it.
BuildReport build_index(const BuildOptions& options, const std::function<void(const BuildProgress&)>& on_progress);
BuildReport build_index(const BuildOptions& options, const std::function<void(const BuildProgress&)>& on_progress,
                        CorpusFiles& files);

}  // namespace pep
