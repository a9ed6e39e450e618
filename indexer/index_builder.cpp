#include "index_builder.h"

#include <chrono>
#include <ctime>
#include <set>
#include <unordered_set>

#include "digest.h"
#include "generation.h"
#include "index_location.h"
#include "index_schema.h"
#include "terminal_text.h"
#include "sharded_build.h"

namespace fs = std::filesystem;

namespace pep {
namespace {

// The manifest's record of what the build read: every file that gave documents, with the size
// and SHA-256 of the bytes the reader read from it.
std::vector<FileDigest> input_digests(const std::set<fs::path>& files, const DocumentReader& reader) {
  std::vector<FileDigest> out;
  for (const auto& f : files) {
    const FileHash& h = reader.file_hashes().at(f);
    out.push_back({escape_invalid_utf8(f.string()), h.size, h.sha256});
  }
  return out;
}

}  // namespace

BuildReport build_index(const BuildOptions& options, const std::function<void(const BuildProgress&)>& on_progress) {
  DiskFiles disk;
  return build_index(options, on_progress, disk);
}

BuildReport build_index(const BuildOptions& options, const std::function<void(const BuildProgress&)>& on_progress,
                        CorpusFiles& files) {
  const auto started = std::chrono::steady_clock::now();
  const Vocabulary vocab = Vocabulary::load(options.vocabulary_dir);
  for (const auto& c : options.corpora)
    if (!fs::exists(c)) throw BuildFailed("corpus " + c.string() + " does not exist; pass an existing directory to --corpus");

  BuildLock lock(options.index_dir);
  std::vector<std::string> ignored;
  const fs::path partial = begin_generation(options.index_dir, lock, &ignored);
  BuildReport report;
  for (const auto& i : ignored) report.notes.push_back({options.index_dir.string(), 0, i, false});
  try {
    const unsigned threads = options.threads ? options.threads : default_build_threads();
    ShardedBuild build(vocab, partial, threads);
    DocumentReader reader(vocab.segmenter, files);
    std::set<fs::path> inputs;
    std::unordered_set<std::string> seen_ids;
    BuildProgress progress;
    auto sink = [&](Document&& doc) {
      if (!seen_ids.insert(doc.id).second) {
        report.notes.push_back({doc.path, 0, "duplicate document id '" + doc.id + "' (first one kept)"});
        return;
      }
      inputs.insert(reader.current_file());
      ++report.documents_by_format[std::string(to_string(doc.format))];
      build.add(std::move(doc));
      ++progress.documents;
      progress.passages = build.passages();
      progress.files = reader.files_read();
      if (on_progress) on_progress(progress);
    };
    for (const auto& c : options.corpora) reader.read_tree(c, sink);
    report.files = reader.files_read();
    report.documents = progress.documents;
    report.notes.insert(report.notes.end(), reader.notes().begin(), reader.notes().end());

    if (report.documents == 0) throw BuildFailed("no documents found in the corpus; nothing to index (the previous index is unchanged)");
    report.warnings = build.finish({{std::string(schema::kMetaSchema), std::to_string(schema::kSchemaVersion)},
                                    {std::string(schema::kMetaDocuments), std::to_string(report.documents)},
                                    {std::string(schema::kMetaBuiltAt), std::to_string(std::time(nullptr))},
                                    {std::string(schema::kMetaVocabulary), vocab.to_json()}});
    report.passages = build.passages();
    if (options.strict && (!report.notes.empty() || !report.warnings.empty())) {
      std::string msg = "--strict: " + std::to_string(report.notes.size() + report.warnings.size()) +
                        " warning(s), so the previous index is unchanged:";
      for (const auto& n : report.notes) {
        // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) on the chain of operator+.
        msg.append("\n  ").append(printable(n.file));
        if (n.line) msg.append(":").append(std::to_string(n.line));
        msg.append(": ").append(printable(n.reason));
      }
      for (const auto& w : report.warnings) msg += "\n  " + printable(w);
      throw BuildFailed(msg);
    }

    std::string corpora;
    for (const auto& c : options.corpora) corpora += (corpora.empty() ? "" : "\n") + c.string();
    finish_generation(partial, input_digests(inputs, reader),
                      {{"threads", std::to_string(threads)}, {"strict", options.strict ? "true" : "false"}, {"corpora", corpora}});
    publish_generation(options.index_dir, partial, lock);
  } catch (...) {
    std::error_code ec;
    fs::remove_all(partial, ec);
    throw;
  }
  report.generation = live_generation(options.index_dir);
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

}  // namespace pep
