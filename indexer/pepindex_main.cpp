// pepindex: builds the search index from corpus directories, shows editors how a document was
// understood, checks (`check`) or shows (`dump`) a built index, and packs, verifies, publishes
// and rolls back generations (generation_commands.h). Exit codes: 0 ok, 1 build
// failed or dump found nothing, 2 usage or input error, or a damaged index (check).
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <iostream>

#include "data_dir.h"
#include "document_reader.h"
#include "generation.h"
#include "generation_commands.h"
#include "index_builder.h"
#include "index_check.h"
#include "index_dump.h"
#include "index_location.h"
#include "inspect_report.h"
#include "terminal_text.h"
#include "monograph_parser.h"
#include "program_version.h"
#include "run_main.h"
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
    std::cerr << (n.skipped ? "skipped " : "warning ") << pep::printable(n.file) << (n.line ? ":" + std::to_string(n.line) : "") << ": "
              << pep::printable(n.reason) << "\n";
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
  pep::DocumentReader reader(vocab.segmenter);
  bool any = false;
  reader.read_file(file, file.parent_path(), [&](pep::Document&& d) {
    any = true;
    const pep::ParsedDocument parsed = parser.parse(std::move(d));
    if (json) std::cout << pep::inspect_json(parsed).dump(2) << "\n";
    else pep::print_inspect(std::cout, parsed);
  });
  for (const auto& n : reader.notes())
    std::cerr << pep::printable(file.string()) << (n.line ? ":" + std::to_string(n.line) : "") << ": " << pep::printable(n.reason) << "\n";
  return any ? 0 : 2;
}

struct DumpOptions {
  std::string dir;
  bool manifest = false, vocabulary = false;
  uint32_t passage = 0;
  std::string term;
};

int run_dump(const DumpOptions& o) {
  const int chosen = int(o.manifest) + int(o.vocabulary) + int(o.passage != 0) + int(!o.term.empty());
  if (chosen != 1) throw pep::UsageError("dump shows one thing: give exactly one of --manifest, --passage, --term, --vocabulary");
  pep::Generation g(pep::resolve_generation(o.dir), pep::Verify::kSizes);
  if (o.manifest) pep::dump_manifest(g, std::cout);
  if (o.vocabulary) pep::dump_vocabulary(g, std::cout);
  if (o.passage) pep::dump_passage(g, o.passage, std::cout);
  if (!o.term.empty()) return pep::dump_term(g, o.term, std::cout) ? 0 : 1;
  return 0;
}

void add_dump(CLI::App& app, DumpOptions& o) {
  auto* dump = app.add_subcommand("dump", "show what an index holds: its manifest, a passage, a term's postings, its vocabulary");
  dump->add_option("DIR", o.dir, "index directory (its current generation) or a gen-N directory")->required();
  dump->add_flag("--manifest", o.manifest, "the generation's manifest (generation.json)");
  dump->add_option("--passage", o.passage, "the passage record with this document id, as JSON")->check(CLI::PositiveNumber);
  dump->add_option("--term", o.term, "a Xapian term's postings: document ids and wdf (e.g. XCthymosin alpha 1, Hpeptid)");
  dump->add_flag("--vocabulary", o.vocabulary, "the vocabulary the index was built with, as JSON");
}

int pepindex(int argc, char** argv) {
  CLI::App app{"pepindex: build, inspect, check and dump the pepsearch index"};
  app.set_version_flag("--version", pep::program_version_text("pepindex"));
  app.require_subcommand(1);
  std::string vocab_dir = pep::default_vocabulary_dir().string();
  app.add_option("--vocab", vocab_dir, "vocabulary directory (default: $PEPSEARCH_VOCAB, else share/pepsearch/vocab beside the program)")
      ->capture_default_str();

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

  std::string check_dir;
  auto* check = app.add_subcommand("check", "verify an index fully (manifest, checksums, counts, records, Xapian's tables); exit 2 if damaged");
  check->add_option("DIR", check_dir, "index directory (its current generation) or a gen-N directory")->required();
  DumpOptions dump_options;
  add_dump(app, dump_options);
  pep::GenerationCommands generation_commands;
  pep::add_generation_commands(app, generation_commands);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  if (const auto rc = pep::run_generation_commands(generation_commands)) return *rc;
  if (*check) return pep::check_generation(check_dir, std::cout, std::cerr) ? 0 : 2;
  if (app.got_subcommand("dump")) return run_dump(dump_options);
  if (*inspect) return run_inspect(file, vocab_dir, json);
  for (const auto& c : corpora) options.corpora.emplace_back(c);
  options.index_dir = index_dir;
  options.vocabulary_dir = vocab_dir;
  return run_build(options);
}

}  // namespace

int main(int argc, char** argv) { return pep::run_main(argc, argv, pepindex); }
