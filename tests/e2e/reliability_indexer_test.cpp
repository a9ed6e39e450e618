// pepindex against a faulty corpus, kill -9, concurrent builds and rebuilds, through the real
// binaries. Each case records its outcome in the reliability table (reliability_table.h).
//
// Default: a bad file or record is skipped with "skipped FILE[:LINE]: reason" on stderr, the rest
// is indexed, exit 0. Invalid UTF-8 inside a good file is replaced by U+FFFD and warned about.
// --strict: any such note fails the build (exit 1) and the previous index stays live.
#include <signal.h>
#include <sys/stat.h>

#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <thread>

#include "corpus_files.h"
#include "index_builder.h"
#include "manifest.h"
#include "reliability_table.h"

using namespace pep::test;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const std::string kGood =
    "Thymogen monograph\n\nThymogen is a dipeptide studied in sepsis. Zorblatt is the marker word of the good file.\n";

std::string build_cmd(const fs::path& corpus, const fs::path& index, const std::string& extra = "") {
  return pepindex_bin() + " build " + extra + " --corpus " + shell_quote(corpus.string()) + " --index " +
         shell_quote(index.string());
}

size_t hits(const fs::path& index, const std::string& query) {
  const auto r = run(pepsearch_bin() + " --json --limit 100 --index " + shell_quote(index.string()) + " " +
                     shell_quote(query) + " 2>/dev/null");
  if (r.exit_code != 0) return 0;
  return json::parse(r.out)["results"].size();
}

std::string live(const fs::path& index) {
  std::error_code ec;
  return fs::read_symlink(index / "current", ec).string();
}

std::string first_line_with(const std::string& text, const std::string& needle) {
  const size_t at = text.find(needle);
  if (at == std::string::npos) return "";
  const size_t b = text.rfind('\n', at) == std::string::npos ? 0 : text.rfind('\n', at) + 1;
  return text.substr(b, text.find('\n', at) - b);
}

// One corpus fault: a good file plus `make_fault`. Default build: exit 0, `message` on stderr, the
// good file searchable. --strict over a live index: exit 1, the live generation unchanged.
void check_fault(const std::string& name, const std::string& message, const std::function<void(const fs::path&)>& make_fault) {
  TempDir tmp;
  const auto corpus = tmp / "corpus";
  write_file(corpus / "good.txt", kGood);
  make_fault(corpus);
  const auto index = tmp / "index";

  const auto r = run(build_cmd(corpus, index) + " 2>&1");
  INFO(r.out);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find(message) != std::string::npos);
  CHECK(hits(index, "zorblatt") == 1);

  const std::string before = live(index);
  const auto strict = run(build_cmd(corpus, index, "--strict") + " 2>&1");
  INFO(strict.out);
  CHECK(strict.exit_code == 1);
  // --strict lists the same notes without the "skipped "/"warning " lead.
  CHECK(strict.out.find(message.substr(message.find(' ') + 1)) != std::string::npos);
  CHECK(live(index) == before);
  CHECK(hits(index, "zorblatt") == 1);
  record_case("indexer", name, "skipped or repaired with a warning naming the file; --strict fails, old index kept",
              "exit " + std::to_string(r.exit_code) + ", `" + first_line_with(r.out, message) + "`; --strict exit " +
                  std::to_string(strict.exit_code) + ", live generation " + (live(index) == before ? "unchanged" : "CHANGED"));
}

// The first `n` records of the shared MedQuAD file, as a corpus of its own.
fs::path medquad_corpus(const fs::path& shared, const fs::path& dir, size_t n) {
  std::ifstream in(shared / "data" / "medquad" / "medquad.jsonl");
  std::ofstream out(dir / "medquad.jsonl");
  std::string line;
  for (size_t i = 0; i < n && std::getline(in, line); ++i) out << line << "\n";
  return dir;
}

}  // namespace

TEST_CASE("reliability: invalid UTF-8 in a text file is replaced by U+FFFD and warned about") {
  check_fault("invalid UTF-8", "warning bad.txt: 2 invalid UTF-8 sequence(s) replaced by U+FFFD", [](const fs::path& c) {
    write_file(c / "bad.txt", "Bad bytes \xff\xfe inside an otherwise fine paragraph about quuxamine.\n");
  });
  // The repaired file is indexed too.
  TempDir tmp;
  write_file(tmp / "c" / "bad.txt", "Bad bytes \xff inside quuxamine text.\n");
  build_index(tmp / "c", tmp / "index");
  CHECK(hits(tmp / "index", "quuxamine") == 1);
}

TEST_CASE("reliability: a binary file with a .txt extension is skipped") {
  check_fault("binary file named .txt", "skipped binary.txt: binary file", [](const fs::path& c) {
    std::string bytes(4096, '\0');
    for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>(i * 7 % 256);
    write_file(c / "binary.txt", bytes);
  });
}

TEST_CASE("reliability: an empty file is skipped") {
  check_fault("empty file", "skipped empty.txt: empty file", [](const fs::path& c) { write_file(c / "empty.txt", ""); });
}

TEST_CASE("reliability: a JSONL line that is not JSON, or lacks fields, is skipped by line") {
  check_fault("JSONL line not JSON", "skipped recs.jsonl:2: not a JSON object", [](const fs::path& c) {
    write_file(c / "recs.jsonl", "{\"id\":\"r1\",\"text\":\"fine record\"}\n{not json at all\n");
  });
  check_fault("JSONL record lacking fields", "skipped recs.jsonl:2: record lacks a string \"text\" field", [](const fs::path& c) {
    write_file(c / "recs.jsonl", "{\"id\":\"r1\",\"text\":\"fine record\"}\n{\"id\":\"r2\",\"title\":\"no text\"}\n");
  });
}

TEST_CASE("reliability: a duplicate document id is skipped, the first kept") {
  check_fault("duplicate document id", "duplicate document id 'r1' (first one kept)", [](const fs::path& c) {
    write_file(c / "recs.jsonl", "{\"id\":\"r1\",\"text\":\"first copy\"}\n{\"id\":\"r1\",\"text\":\"second copy\"}\n");
  });
}

TEST_CASE("reliability: symbolic link loops and links to directories are not followed") {
  check_fault("symlink loop", "skipped a.txt: symbolic link loop", [](const fs::path& c) {
    fs::create_symlink("b.txt", c / "a.txt");
    fs::create_symlink("a.txt", c / "b.txt");
  });
  check_fault("directory symlink loop", "skipped sub/up: symbolic link to a directory is not followed", [](const fs::path& c) {
    fs::create_directories(c / "sub");
    fs::create_symlink("..", c / "sub" / "up");
  });
  check_fault("dangling symlink", "skipped gone.txt: dangling symbolic link", [](const fs::path& c) {
    fs::create_symlink("nowhere.txt", c / "gone.txt");
  });
}

// The build meets a listed file that is gone (deleted mid-build; as root, chmod 000 still reads,
// so the file cannot be made unreadable instead). pepindex has no hook for this: the build runs
// here as a library, as pepindex runs it, given a CorpusFiles that removes the file after the
// listing (tests/support/corpus_files.h). A returned report is pepindex's exit 0 with the notes
// printed as "skipped FILE: reason"; BuildFailed is its exit 1 (both checked by check_fault).
TEST_CASE("reliability: a file that disappears between listing and reading is skipped") {
  TempDir tmp;
  const auto corpus = tmp / "corpus";
  const auto index = tmp / "index";
  const auto make_vanishing = [&] { write_file(corpus / "vanish.txt", "This file will be gone when it is read, quuxamine.\n"); };
  write_file(corpus / "good.txt", kGood);
  make_vanishing();
  pep::BuildOptions options;
  options.corpora = {corpus};
  options.index_dir = index;
  options.vocabulary_dir = vocab_dir();

  VanishingFiles vanishing(corpus / "vanish.txt");
  const pep::BuildReport r = pep::build_index(options, nullptr, vanishing);
  REQUIRE(r.notes.size() == 1);
  CHECK(r.notes[0].file == "vanish.txt");
  CHECK(r.notes[0].reason == "cannot read file: No such file or directory");
  CHECK(r.notes[0].skipped);
  CHECK(r.documents == 1);
  CHECK(hits(index, "zorblatt") == 1);
  CHECK(hits(index, "quuxamine") == 0);
  const auto inputs = pep::read_manifest(index / r.generation).inputs;
  REQUIRE(inputs.size() == 1);
  CHECK(inputs[0].name == (corpus / "good.txt").string());

  const std::string before = live(index);
  make_vanishing();
  options.strict = true;
  VanishingFiles vanishing_again(corpus / "vanish.txt");
  std::string failure;
  try {
    pep::build_index(options, nullptr, vanishing_again);
  } catch (const pep::BuildFailed& e) {
    failure = e.what();
  }
  INFO(failure);
  CHECK(failure.find("the previous index is unchanged") != std::string::npos);
  CHECK(failure.find("\n  vanish.txt: cannot read file: No such file or directory") != std::string::npos);
  CHECK(live(index) == before);
  CHECK(hits(index, "zorblatt") == 1);
  for (const auto& e : fs::directory_iterator(index)) CHECK(e.path().extension() != ".partial");
  record_case("indexer", "file disappears mid-build", "skipped or repaired with a warning naming the file; --strict fails, old index kept",
              "build returns (pepindex exit 0) noting `vanish.txt: " + r.notes[0].reason + "`; --strict " +
                  (failure.empty() ? "returns" : "throws BuildFailed (exit 1)") + ", live generation " +
                  (live(index) == before ? "unchanged" : "CHANGED") + " (library build, CorpusFiles injected)");
}

TEST_CASE("reliability: a 50 MB file indexes in bounded time and memory, also as a single line") {
  const char* env = std::getenv("PEPSEARCH_RELIABILITY_BIG_MB");
  const size_t mb = env ? std::stoul(env) : 50;
  for (bool one_line : {false, true}) {
    TempDir tmp;
    const std::vector<std::string> words{"thymosin", "alpha", "peptide", "sepsis", "trial", "patients", "dose",
                                         "placebo", "randomized", "mortality", "immune", "plasma", "reduced"};
    std::mt19937 rng(7);
    std::string text;
    text.reserve(mb << 20);
    size_t sentence = 0;
    while (text.size() < (mb << 20)) {
      for (int w = 0; w < 20; ++w) text += words[rng() % words.size()] + (w == 19 ? ". " : " ");
      if (!one_line && ++sentence % 8 == 0) text += "\n\n";
    }
    text += "Zorblatt closes the file.\n";
    write_file(tmp / "c" / "big.txt", text);
    const auto m = run_measured(build_cmd(tmp / "c", tmp / "index"));
    INFO(m.output);
    CHECK(m.exit_code == 0);
    CHECK(hits(tmp / "index", "zorblatt") == 1);
    char figures[200];
    std::snprintf(figures, sizeof figures, "exit %d in %.1f s, peak RSS %ld MB", m.exit_code, m.seconds, m.max_rss_kb / 1024);
    record_case("indexer", std::to_string(mb) + " MB file" + (one_line ? ", one line" : ", paragraphs"),
                "indexed; time and memory bounded (figures measured, not asserted)", figures);
  }
}

TEST_CASE("reliability: kill -9 at random moments leaves the previous index live and the next build cleans up") {
  auto shared = shared_dir();
  if (!shared) return;
  TempDir tmp;
  const auto corpus = medquad_corpus(*shared, tmp.path(), 3000);
  const auto index = tmp / "index";
  const auto first = run_measured(build_cmd(corpus, index));
  REQUIRE(first.exit_code == 0);
  const std::string query = "leukemia treatment";
  const auto baseline = run(pepsearch_bin() + " --json --index " + shell_quote(index.string()) + " " + shell_quote(query));
  REQUIRE(baseline.exit_code == 0);

  std::mt19937 rng(20261121);
  const int kills = 8;
  int killed = 0, intact = 0;
  for (int i = 0; i < kills; ++i) {
    const auto delay = std::chrono::milliseconds(rng() % static_cast<unsigned>(std::max(50.0, first.seconds * 1000)));
    const pid_t pid = ::fork();
    if (pid == 0) {
      const std::string cmd = "exec " + build_cmd(corpus, index) + " >/dev/null 2>&1";
      ::execl("/bin/sh", "sh", "-c", cmd.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    std::this_thread::sleep_for(delay);
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    killed += WIFSIGNALED(status) ? 1 : 0;
    // Whatever the moment, `current` names a complete generation that answers as before.
    const auto now = run(pepsearch_bin() + " --json --index " + shell_quote(index.string()) + " " + shell_quote(query));
    INFO("kill after " << delay.count() << " ms");
    CHECK(now.exit_code == 0);
    CHECK(json::parse(now.out)["results"] == json::parse(baseline.out)["results"]);
    intact += (now.exit_code == 0 && now.out == baseline.out) ? 1 : 0;
  }
  // No manual clean-up: the next build succeeds and leaves no partial generation behind.
  const auto next = run(build_cmd(corpus, index) + " 2>&1");
  CHECK(next.exit_code == 0);
  for (const auto& e : fs::directory_iterator(index)) CHECK(e.path().extension() != ".partial");
  CHECK(run(pepsearch_bin() + " --json --index " + shell_quote(index.string()) + " " + shell_quote(query)).out == baseline.out);
  char figures[200];
  std::snprintf(figures, sizeof figures, "%d kills (%d mid-build) over a %.1f s build of 3000 records: %d/%d searches identical; next build exit %d, no .partial left",
                kills, killed, first.seconds, intact, kills, next.exit_code);
  record_case("indexer", "kill -9 during build", "previous index complete and searchable; next build needs no clean-up", figures);
}

TEST_CASE("reliability: two builds started at once: one waits out or fails with a clear message, neither corrupts") {
  auto shared = shared_dir();
  if (!shared) return;
  TempDir tmp;
  const auto corpus = medquad_corpus(*shared, tmp.path(), 1000);
  const auto index = tmp / "index";
  Measured a, b;
  std::thread ta([&] { a = run_measured(build_cmd(corpus, index)); });
  std::thread tb([&] { b = run_measured(build_cmd(corpus, index)); });
  ta.join();
  tb.join();
  INFO(a.output << "\n" << b.output);
  CHECK((a.exit_code == 0 || b.exit_code == 0));
  for (const auto* m : {&a, &b})
    if (m->exit_code != 0) {
      CHECK(m->exit_code == 2);
      CHECK(m->output.find("another pepindex build is running") != std::string::npos);
    }
  CHECK(hits(index, "leukemia") > 0);
  for (const auto& e : fs::directory_iterator(index)) CHECK(e.path().extension() != ".partial");
  const Measured& loser = a.exit_code != 0 ? a : b;
  record_case("indexer", "two builds at once", "one fails with a clear message (or both succeed in turn); index intact",
              "exits " + std::to_string(a.exit_code) + " and " + std::to_string(b.exit_code) +
                  (loser.exit_code ? ": `" + first_line_with(loser.output, "another pepindex") + "`" : "") + "; index searchable");
}

TEST_CASE("reliability: two builds of the shared corpus give identical results for every judged query") {
  auto shared = shared_dir();
  if (!shared) return;
  TempDir tmp;
  build_index(*shared / "corpus", tmp / "a");
  build_index(*shared / "corpus", tmp / "b");
  std::ifstream tsv(*shared / "eval" / "queries.tsv");
  std::string line;
  int queries = 0, same = 0;
  while (std::getline(tsv, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols;
    std::stringstream ss(line);
    for (std::string c; std::getline(ss, c, '\t');) cols.push_back(c);
    if (cols.size() < 2) continue;
    std::string args = " --limit 100 " + shell_quote(cols[1]);
    if (cols.size() > 2 && cols[2] != "-") {
      std::stringstream fs_(cols[2]);
      for (std::string f; std::getline(fs_, f, ';');)
        if (auto eq = f.find('='); eq != std::string::npos) args += " --" + f.substr(0, eq) + " " + shell_quote(f.substr(eq + 1));
    }
    auto ids = [&](const fs::path& index) {
      const auto r = run(pepsearch_bin() + " --json --index " + shell_quote(index.string()) + args + " 2>/dev/null");
      std::vector<std::string> out{"exit " + std::to_string(r.exit_code)};
      if (r.exit_code == 0) {
        const json j = json::parse(r.out);  // kept alive: a range-for over a temporary's member dangles
        for (const auto& res : j["results"]) out.push_back(res["id"].get<std::string>());
      }
      return out;
    };
    const auto a = ids(tmp / "a"), b = ids(tmp / "b");
    INFO("query " << cols[0] << ": " << cols[1]);
    CHECK(a == b);
    ++queries;
    same += a == b ? 1 : 0;
  }
  CHECK(queries > 0);
  record_case("indexer", "determinism", "two builds: same ids in the same order for every judged query",
              std::to_string(same) + "/" + std::to_string(queries) + " queries identical (pepsearch --json, up to 100 results)");
}

// std::regex (libstdc++) recurses once per character matched: an unbounded "[^,;)]+" after a tier
// legend's "T1 =" overflowed the stack on 400 kB without a comma (grade_tagger.cpp, now bounded).
TEST_CASE("reliability: 400 kB without separators after a grade legend does not crash the build") {
  TempDir tmp;
  std::string text = "Evidence tiers (T1 = strong";
  for (int i = 0; i < 60000; ++i) text += i % 3 ? " sepsis" : " trial";
  write_file(tmp / "c" / "legend.txt", text + "\n\nZorblatt ends it.\n");
  const auto m = run_measured(build_cmd(tmp / "c", tmp / "index"));
  INFO(m.output);
  CHECK(m.signal == 0);
  CHECK(m.exit_code == 0);
  CHECK(hits(tmp / "index", "zorblatt") == 1);
  record_case("indexer", "400 kB run after a grade legend", "indexed, no crash",
              m.signal ? "killed by signal " + std::to_string(m.signal) : "exit " + std::to_string(m.exit_code));
}

TEST_CASE("reliability: a damaged or missing passage store or position store is an error that says to rebuild, and a rebuild mends it") {
  TempDir tmp;
  const auto corpus = tmp / "corpus";
  write_file(corpus / "good.txt", kGood);
  const auto index = tmp / "index";
  // The position store is read by phrase queries only: search a phrase of the document.
  const auto phrase_hits = [&] {
    const auto r = run(pepsearch_bin() + " --index " + shell_quote(index.string()) + " --json '\"marker word\"' 2>/dev/null");
    return r.exit_code == 0 ? json::parse(r.out)["results"].size() : size_t{0};
  };
  for (const std::string file : {"passages.store", "positions.store"}) {
    REQUIRE(run(build_cmd(corpus, index) + " 2>&1").exit_code == 0);
    REQUIRE(hits(index, "zorblatt") == 1);
    REQUIRE(phrase_hits() == 1);
    const fs::path store = index / live(index) / file;
    std::string outcomes;
    for (const std::string fault : {"truncated", "missing"}) {
      if (fault == "truncated") fs::resize_file(store, fs::file_size(store) / 2);
      else fs::remove(store);
      const auto r = run(pepsearch_bin() + " --index " + shell_quote(index.string()) + " '\"marker word\"' 2>&1");
      INFO(file << " " << fault << ": " << r.out);
      CHECK(r.exit_code == 2);
      CHECK(r.out.find("rebuild the index with pepindex build") != std::string::npos);
      std::string said = first_line_with(r.out, file);  // the generation checks name the file
      if (const size_t at = said.find(index.string()); at != std::string::npos) said.replace(at, index.string().size(), "DIR");
      outcomes += fault + ": exit " + std::to_string(r.exit_code) + ", `" + said + "`; ";
    }
    REQUIRE(run(build_cmd(corpus, index) + " 2>&1").exit_code == 0);
    CHECK(hits(index, "zorblatt") == 1);
    CHECK(phrase_hits() == 1);
    record_case("indexer", "damaged or missing " + file, "search fails with exit 2 and a rebuild hint; the next build mends it",
                outcomes + "after a rebuild the marker word and phrase are found");
  }
}

// A worker that fails mid-build (here: its shard's files hit the file-size limit, as on a full
// disk) must release the reader, which may be waiting on that worker's full queue
// (indexer/document_queue.h: abandon()); the build then fails with the worker's error instead of
// hanging. The corpus is large enough (~20 MB, 12,000 documents) to fill a worker's queue.
TEST_CASE("reliability: a disk that fills mid-build fails the build with its error, never hangs, and keeps the previous index") {
  TempDir tmp;
  write_file(tmp / "small" / "good.txt", kGood);
  const auto index = tmp / "index";
  REQUIRE(run(build_cmd(tmp / "small", index) + " 2>&1").exit_code == 0);
  const std::string before = live(index);

  const std::vector<std::string> words{"thymosin", "alpha", "peptide", "sepsis", "trial", "patients", "dose",
                                       "placebo", "randomized", "mortality", "immune", "plasma", "reduced"};
  std::mt19937 rng(11);
  std::string jsonl;
  for (int d = 0; d < 12000; ++d) {
    std::string text;
    for (int w = 0; w < 220; ++w) text.append(words[rng() % words.size()]).append(" ");
    const std::string n = std::to_string(d);
    jsonl.append(json{{"id", "d" + n}, {"title", "Document " + n}, {"text", text}}.dump()).append("\n");
  }
  write_file(tmp / "big" / "records.jsonl", jsonl);

  // bash: `ulimit -f` counts KiB there; SIGXFSZ ignored so that the write fails with EFBIG
  // instead of killing the process. `timeout` turns a hang into exit 124.
  const std::string limited = "trap '' XFSZ; ulimit -f 1024; exec timeout 120 " + build_cmd(tmp / "big", index, "--threads 2");
  const auto m = run_measured("bash -c " + shell_quote(limited));
  INFO(m.output);
  CHECK(m.exit_code == 2);
  CHECK(m.output.find("File too large") != std::string::npos);
  CHECK(live(index) == before);
  CHECK(hits(index, "zorblatt") == 1);
  // When Xapian's own write fails inside a commit it ends the process (run_main.cpp's terminate
  // handler gives the error and exit 2): the shard is left as *.partial, which the next build removes.
  bool partial_left = false;
  for (const auto& e : fs::directory_iterator(index)) partial_left |= e.path().extension() == ".partial";
  REQUIRE(run(build_cmd(tmp / "small", index) + " 2>&1").exit_code == 0);
  for (const auto& e : fs::directory_iterator(index)) CHECK(e.path().extension() != ".partial");
  char figures[240];
  std::snprintf(figures, sizeof figures, "exit %d after %.1f s: `%s`; previous generation live; %s", m.exit_code,
                m.seconds, first_line_with(m.output, "File too large").c_str(),
                partial_left ? "its .partial removed by the next build" : "no .partial left");
  record_case("indexer", "disk full mid-build", "build fails with the write error, no hang, previous index live", figures);
}
