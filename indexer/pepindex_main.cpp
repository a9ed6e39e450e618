// pepindex: builds the search index from corpus directories, and shows editors how a document
// was understood. Exit codes: 0 ok, 1 build failed, 2 usage or input error.
#include <unistd.h>
#include <xapian.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "document_reader.h"
#include "index_builder.h"
#include "index_location.h"
#include "inspect_report.h"
#include "monograph_parser.h"
#include "vocabulary.h"

namespace fs = std::filesystem;

namespace {

int run_build(const pep::BuildOptions& options) {
  const bool tty = ::isatty(STDERR_FILENO);
  const auto started = std::chrono::steady_clock::now();
  auto last = started;
  bool shown = false;
  auto progress = [&](const pep::BuildProgress& p) {
    if (!tty) return;
    const auto now = std::chrono::steady_clock::now();
    const double elapsed = std::chrono::duration<double>(now - started).count();
    if (elapsed < 1.0 || now - last < std::chrono::milliseconds(200)) return;
    last = now;
    shown = true;
    std::fprintf(stderr, "\r  %zu files, %zu documents, %zu passages (%.0f passages/s)   ", p.files, p.documents,
                 p.passages, p.passages / elapsed);
    std::fflush(stderr);
  };
  pep::BuildReport r;
  try {
    r = pep::build_index(options, progress);
  } catch (const pep::BuildFailed& e) {
    if (shown) std::fputc('\n', stderr);
    std::cerr << "pepindex: build failed: " << e.what() << "\n";
    return 1;
  }
  if (shown) std::fputc('\n', stderr);
  for (const auto& n : r.notes)
    std::cerr << (n.skipped ? "skipped " : "warning ") << n.file << (n.line ? ":" + std::to_string(n.line) : "") << ": "
              << n.reason << "\n";
  std::printf("indexed %zu documents (%zu passages) from %zu files in %.2f s into %s\n", r.documents, r.passages,
              r.files, r.seconds, (options.index_dir / r.generation).c_str());
  std::string by_format;
  for (const auto& [format, n] : r.documents_by_format) by_format += (by_format.empty() ? "" : ", ") + format + " " + std::to_string(n);
  std::printf("documents by type: %s\n", by_format.c_str());
  size_t skipped = 0;
  for (const auto& n : r.notes) skipped += n.skipped ? 1 : 0;
  if (skipped) std::printf("skipped %zu file(s) or record(s); see the messages above\n", skipped);
  if (!r.warnings.empty())
    std::printf("%zu editorial warning(s); run `pepindex inspect FILE` to see them\n", r.warnings.size());
  return 0;
}

int run_inspect(const fs::path& file, const fs::path& vocab_dir, bool json) {
  const pep::Vocabulary vocab = pep::Vocabulary::load(vocab_dir);
  pep::MonographParser parser(vocab);
  pep::DocumentReader reader;
  bool any = false;
  reader.read_file(file, file.parent_path(), [&](pep::Document&& d) {
    any = true;
    const pep::ParsedDocument parsed = parser.parse(std::move(d));
    if (json) std::cout << pep::inspect_json(parsed).dump(2) << "\n";
    else pep::print_inspect(std::cout, parsed);
  });
  for (const auto& n : reader.notes()) std::cerr << file.string() << (n.line ? ":" + std::to_string(n.line) : "") << ": " << n.reason << "\n";
  return any ? 0 : 2;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"pepindex: build and inspect the pepsearch index"};
  app.require_subcommand(1);
  std::string vocab_dir = pep::default_vocabulary_dir().string();
  app.add_option("--vocab", vocab_dir, "vocabulary directory (default: $PEPSEARCH_VOCAB or the bundled corpus/vocab)");

  pep::BuildOptions options;
  std::vector<std::string> corpora;
  std::string index_dir;
  auto* build = app.add_subcommand("build", "index every .txt, .md, .jsonl, .html, .htm and .pdf document below each --corpus");
  build->add_option("--corpus", corpora, "corpus directory or file (repeatable)")->required();
  build->add_option("--index", index_dir, "index directory (created; the live index is replaced atomically)")->required();
  build->add_flag("--strict", options.strict, "fail on any skipped file or warning (for CI)");
  build->add_option("--threads", options.threads, "parse and write on N threads, one index shard each (default: one per core)")
      ->check(CLI::Range(1, 64));

  std::string file;
  bool json = false;
  auto* inspect = app.add_subcommand("inspect", "show how one document is understood: headings, passages, facets, citations");
  inspect->add_option("FILE", file, "document to inspect")->required()->check(CLI::ExistingFile);
  inspect->add_flag("--json", json, "print JSON instead of text");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  try {
    if (*build) {
      for (const auto& c : corpora) options.corpora.emplace_back(c);
      options.index_dir = index_dir;
      options.vocabulary_dir = vocab_dir;
      // Tests make a file vanish between listing and reading with this; nothing else sets it.
      if (const char* vanish = std::getenv("PEPINDEX_TEST_REMOVE_AFTER_LISTING"); vanish && *vanish) {
        const fs::path victim = vanish;
        options.after_listing = [victim](const std::vector<fs::path>&) { fs::remove(victim); };
      }
      return run_build(options);
    }
    return run_inspect(file, vocab_dir, json);
  } catch (const pep::VocabularyError& e) {
    std::cerr << "pepindex: " << e.what() << "\n";
    return 2;
  } catch (const pep::IndexError& e) {
    std::cerr << "pepindex: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "pepindex: " << e.what() << "\n";
    return 1;
  } catch (const Xapian::Error& e) {  // not a std::exception: uncaught it would abort without a word
    std::cerr << "pepindex: index error: " << e.get_description() << "\n";
    return 1;
  }
}
