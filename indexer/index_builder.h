// IndexBuilder: one `pepindex build`. Reads every corpus, parses each document, writes a new
// index generation and publishes it atomically (see index_location.h). A failure at any point
// leaves the previous index live and untouched.
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
  // Test hook, see DocumentReader::after_listing.
  std::function<void(const std::vector<std::filesystem::path>&)> after_listing;
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
BuildReport build_index(const BuildOptions& options, const std::function<void(const BuildProgress&)>& on_progress);

}  // namespace pep
