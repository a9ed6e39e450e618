// pepindex build --index DIR never deletes what it did not make: a directory that is not an
// index is refused before anything in it is touched, odd generation names are left alone with a
// note, and a real directory named `current` is a clear error. Through the real binary.
#include <set>

#include "reliability_table.h"

using namespace pep::test;
namespace fs = std::filesystem;

namespace {

CommandResult build_into(const fs::path& index) {
  return run(pepindex_bin() + " build --corpus " + shell_quote(corpus_dir().string()) + " --index " +
             shell_quote(index.string()) + " 2>&1");
}

std::set<std::string> entries(const fs::path& dir) {
  std::set<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) out.insert(fs::relative(e.path(), dir).string());
  return out;
}

}  // namespace

TEST_CASE("index dir: a mistaken --index deletes nothing and is refused before it is touched") {
  TempDir tmp;
  const fs::path dir = tmp / "home";
  write_file(dir / "thesis.partial" / "chapter1.tex", "my thesis\n");
  write_file(dir / "gen-1.partial" / "notes.txt", "not an index either\n");
  write_file(dir / "notes.txt", "keep me\n");
  const auto before = entries(dir);
  const auto r = build_into(dir);
  INFO(r.out);
  CHECK(r.exit_code == 2);
  CHECK(r.out.find("not a pepsearch index directory") != std::string::npos);
  CHECK(entries(dir) == before);  // no marker, no build.lock, nothing removed
  CHECK(read_file(dir / "thesis.partial" / "chapter1.tex") == "my thesis\n");
  record_case("indexer", "--index pointing at a user's directory with thesis.partial/", "refused, nothing deleted or added",
              "exit " + std::to_string(r.exit_code) + ", " + std::to_string(entries(dir).size()) + "/" +
                  std::to_string(before.size()) + " entries unchanged");
}

TEST_CASE("index dir: a new index is marked, and a generation name past a long is left alone with a note") {
  TempDir tmp;
  const fs::path index = tmp / "index";
  REQUIRE(build_into(index).exit_code == 0);
  CHECK(fs::exists(index / ".pepsearch-index"));
  fs::create_directories(index / "gen-99999999999999999999");
  write_file(index / "gen-99999999999999999999" / "keep", "x");
  const auto r = build_into(index);
  INFO(r.out);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("stol") == std::string::npos);
  CHECK(r.out.find("gen-99999999999999999999") != std::string::npos);
  CHECK(fs::exists(index / "gen-99999999999999999999" / "keep"));
  CHECK(run(pepsearch_bin() + " --index " + shell_quote(index.string()) + " VEGF").exit_code == 0);
  record_case("indexer", "a gen-99999999999999999999 directory in the index", "build succeeds, the directory is left with a note",
              "exit " + std::to_string(r.exit_code) + ", directory kept");
}

TEST_CASE("index dir: a real directory named current is a clear error and no generation piles up") {
  TempDir tmp;
  const fs::path index = tmp / "index";
  REQUIRE(build_into(index).exit_code == 0);
  fs::remove(index / "current");
  fs::create_directories(index / "current");
  const auto before = entries(index);
  const auto first = build_into(index);
  const auto second = build_into(index);
  INFO(first.out);
  CHECK(first.exit_code == 2);
  CHECK(second.exit_code == 2);
  CHECK(first.out.find("mv ") != std::string::npos);
  CHECK(entries(index) == before);
  record_case("indexer", "a real directory named current", "exit 2 telling the user to move it; nothing piles up",
              "exit " + std::to_string(first.exit_code) + " twice, entries unchanged");
}
