// The random-corruption loop (issue 26): every file of a generation built from the project's
// corpus is damaged in turn, kCorruptionsPerFile times (a flipped bit, a truncation, a zeroed
// block, appended bytes; seeded, so every run tries the same damage), and pepsearch runs a fixed
// set of queries on it, --json and human. Each run is counted as a clean error (exit 2 with the
// rebuild hint), as unaffected (output byte-identical to the undamaged generation's), or as bad
// (a signal, or anything else: altered text). Bad must stay 0. One searchd case: a generation
// damaged the same ways, published while searchd runs, is not switched to. Both record a row.
#include <cstdio>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

#include "reliability_table.h"
#include "searchd_process.h"

using namespace pep::test;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const std::string kRebuild = "rebuild the index with pepindex build";
constexpr int kCorruptionsPerFile = 8;
const std::vector<std::string> kQueries = {"thymosin", "'\"wound healing\"'", "--compound thymogen sepsis"};

enum class Damage { kFlipBit, kTruncate, kZeroBlock, kAppend };
constexpr Damage kDamages[] = {Damage::kFlipBit, Damage::kTruncate, Damage::kZeroBlock, Damage::kAppend};

// Applies `damage` to `file` at places drawn from `rng`.
void corrupt(const fs::path& file, Damage damage, std::mt19937& rng) {
  const uint64_t size = fs::file_size(file);
  auto below = [&](uint64_t n) { return n == 0 ? 0 : std::uniform_int_distribution<uint64_t>(0, n - 1)(rng); };
  std::string bytes = read_file(file);
  switch (damage) {
    case Damage::kFlipBit:
      if (size) bytes[below(size)] ^= static_cast<char>(1 << below(8));
      break;
    case Damage::kTruncate:
      bytes.resize(below(size));
      break;
    case Damage::kZeroBlock: {
      const uint64_t at = below(size), n = std::min<uint64_t>(size - at, 1 + below(4096));
      std::fill_n(bytes.begin() + static_cast<std::ptrdiff_t>(at), n, '\0');
      break;
    }
    case Damage::kAppend:
      for (uint64_t i = 0, n = 1 + below(4096); i < n; ++i) bytes += static_cast<char>(below(256));
      break;
  }
  std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
}

std::vector<std::string> search_commands(const fs::path& index) {
  std::vector<std::string> out;
  for (const auto& q : kQueries)
    for (const char* mode : {"--json ", ""})
      out.push_back(pepsearch_bin() + " " + mode + "--index " + shell_quote(index.string()) + " " + q);
  return out;
}

struct Counts {
  size_t clean_errors = 0, unaffected = 0, signals = 0, altered = 0;
};

}  // namespace

TEST_CASE("corruption loop: random damage to any generation file gives a clean error or unchanged results") {
  TempDir tmp;
  const fs::path index = tmp / "index";
  build_index(corpus_dir(), index);
  const fs::path gen = fs::canonical(index / "current");
  const auto commands = search_commands(index);
  std::vector<Measured> reference;
  for (const auto& c : commands) reference.push_back(run_measured(c));
  REQUIRE(reference[0].exit_code == 0);

  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(gen)) files.push_back(e.path().filename());
  std::sort(files.begin(), files.end());
  const fs::path pristine = tmp / "pristine";
  fs::copy(gen, pristine);

  std::mt19937 rng(26);
  Counts n;
  size_t corruptions = 0;
  for (const auto& name : files) {
    for (int k = 0; k < kCorruptionsPerFile; ++k, ++corruptions) {
      fs::copy_file(pristine / name, gen / name, fs::copy_options::overwrite_existing);
      corrupt(gen / name, kDamages[k % 4], rng);
      for (size_t i = 0; i < commands.size(); ++i) {
        const auto r = run_measured(commands[i]);
        INFO(name.string() << " damage " << k % 4 << ": " << commands[i] << "\n" << r.output);
        const bool clean = r.signal == 0 && r.exit_code == 2 && r.output.find(kRebuild) != std::string::npos;
        const bool same = r.signal == 0 && r.exit_code == reference[i].exit_code && r.output == reference[i].output;
        CHECK(r.signal == 0);
        CHECK((clean || same));
        if (r.signal) ++n.signals;
        else if (clean) ++n.clean_errors;
        else if (same) ++n.unaffected;
        else ++n.altered;
      }
    }
    fs::copy_file(pristine / name, gen / name, fs::copy_options::overwrite_existing);
  }
  CHECK(files.size() >= 5);
  const size_t runs = n.clean_errors + n.unaffected + n.signals + n.altered;
  const std::string observed = std::to_string(corruptions) + " corruptions of " + std::to_string(files.size()) +
                               " files, " + std::to_string(runs) + " pepsearch runs: " + std::to_string(n.clean_errors) +
                               " clean errors, " + std::to_string(n.unaffected) + " unaffected, " +
                               std::to_string(n.signals) + " signals, " + std::to_string(n.altered) + " altered";
  std::printf("corruption loop: %s\n", observed.c_str());
  record_case("index", "random corruption loop (bit flip, truncation, zeroed block, append; 8 per file; seed 26)",
              "each pepsearch run (--json and human, 3 queries) exits 2 with the rebuild hint or prints exactly the undamaged output; no signal",
              observed);
}

TEST_CASE("corruption loop: searchd does not switch to a randomly damaged generation") {
  TempDir tmp;
  const fs::path index = tmp / "index";
  build_index(corpus_dir(), index);
  const std::string gen0 = fs::read_symlink(index / "current").string();
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(index / gen0))
    if (fs::file_size(e.path()) > 0) files.push_back(e.path().filename());
  std::sort(files.begin(), files.end());
  SearchdProcess searchd(index);
  auto c = searchd.client();
  const auto before = c.Get("/api/search?q=thymosin");
  REQUIRE(before);
  REQUIRE(before->status == 200);

  std::mt19937 rng(2626);
  int published = 0, switched = 0, served_same = 0, requests = 0;
  for (int k = 0; k < 4; ++k) {  // each kind of damage once, to a file drawn at random
    const std::string gen = "gen-" + std::to_string(100 + k);
    fs::copy(index / gen0, index / gen);
    const fs::path victim = files[std::uniform_int_distribution<size_t>(0, files.size() - 1)(rng)];
    corrupt(index / gen / victim, kDamages[k], rng);
    fs::create_directory_symlink(gen, index / "current.tmp");
    fs::rename(index / "current.tmp", index / "current");
    ++published;
    std::this_thread::sleep_for(std::chrono::milliseconds(600));  // past the pool's recheck interval
    for (int i = 0; i < 5; ++i, ++requests) {
      const auto ready = c.Get("/readyz");
      REQUIRE(ready);
      INFO(gen << " " << victim << ": " << ready->body);
      CHECK((ready->status == 200 || ready->status == 503));
      if (ready->status == 200 && json::parse(ready->body)["generation"] != gen0) ++switched;
      const auto s = c.Get("/api/search?q=thymosin");
      REQUIRE(s);
      CHECK((s->status == 200 || s->status == 503));
      if (s->status == 200 && json::parse(s->body)["results"] == json::parse(before->body)["results"]) ++served_same;
      else CHECK(s->status == 503);
    }
  }
  CHECK(switched == 0);
  const auto health = c.Get("/healthz");  // still up after all of them
  REQUIRE(health);
  CHECK(health->status == 200);
  const std::string observed = std::to_string(published) + " damaged generations published, " + std::to_string(switched) +
                               " switched to; " + std::to_string(served_same) + " of " + std::to_string(requests) +
                               " searches served the old results, the rest 503";
  std::printf("corruption loop (searchd): %s\n", observed.c_str());
  record_case("searchd", "randomly damaged generations published (each kind of damage once)",
              "never switched to: the old generation is served or 503 with the rebuild hint", observed);
}
