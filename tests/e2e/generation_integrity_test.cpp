// One generation's integrity through the real binaries (common/generation.h): a byte flipped in
// any file of a generation is caught by `pepindex check` (exit 2, naming the file) and refused by
// pepsearch (exit 2, the rebuild hint, never a signal); a generation whose counts disagree is
// refused; searchd does not switch to a damaged generation. Each case records a reliability row.
#include <nlohmann/json.hpp>
#include <thread>

#include "error.h"
#include "generation.h"
#include "reliability_table.h"
#include "searchd_process.h"

using namespace pep::test;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const std::string kRebuild = "rebuild the index with pepindex build";

// Copies generation `gen` into `index`/gen-0 and points `index`/current at it: an index directory.
fs::path copy_as_index(const fs::path& gen, const fs::path& index) {
  fs::create_directories(index);
  fs::copy(gen, index / "gen-0");
  fs::create_directory_symlink("gen-0", index / "current");
  return index / "gen-0";
}

void flip_byte(const fs::path& file) {
  std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
  const std::streamoff at = static_cast<std::streamoff>(fs::file_size(file) / 2);
  f.seekg(at);
  const char c = static_cast<char>(f.get());
  f.seekp(at);
  f.put(static_cast<char>(c ^ 0x5a));
}

std::string first_line_with(const std::string& text, const std::string& needle) {
  const size_t at = text.find(needle);
  if (at == std::string::npos) return "";
  const size_t b = text.rfind('\n', at) == std::string::npos ? 0 : text.rfind('\n', at) + 1;
  return text.substr(b, text.find('\n', at) - b);
}

// `text` with every occurrence of `dir` replaced by `as` (rows of the reliability table carry no temp paths).
std::string relative(std::string text, const fs::path& dir, const std::string& as) {
  for (size_t at; (at = text.find(dir.string())) != std::string::npos;) text.replace(at, dir.string().size(), as);
  return text;
}

Measured pepsearch(const fs::path& index, const std::string& query) {
  return run_measured(pepsearch_bin() + " --json --index " + shell_quote(index.string()) + " " + shell_quote(query));
}

}  // namespace

TEST_CASE("generation: a flipped byte in any file is caught by pepindex check and refused by pepsearch with exit 2") {
  TempDir tmp;
  build_index(corpus_dir(), tmp / "index");
  const fs::path gen = fs::canonical(tmp / "index" / "current");
  const auto intact = run_measured(pepindex_bin() + " check " + shell_quote((tmp / "index").string()));
  INFO(intact.output);
  REQUIRE(intact.exit_code == 0);
  const auto reference = pepsearch(tmp / "index", "thymosin");
  REQUIRE(reference.exit_code == 0);

  size_t files = 0;
  for (const auto& entry : fs::directory_iterator(gen)) {
    const std::string name = entry.path().filename().string();
    if (fs::file_size(entry.path()) == 0) continue;  // no byte to flip (Xapian's lock file)
    ++files;
    const fs::path index = tmp / ("flipped-" + name);
    flip_byte(copy_as_index(gen, index) / name);

    const auto check = run_measured(pepindex_bin() + " check " + shell_quote(index.string()));
    const auto search = pepsearch(index, "thymosin");
    INFO(name << ": check said " << check.output << "\npepsearch said " << search.output);
    CHECK(check.exit_code == 2);
    CHECK(check.signal == 0);
    CHECK(check.output.find("damaged") != std::string::npos);
    CHECK(check.output.find(name) != std::string::npos);
    CHECK(check.output.find(kRebuild) != std::string::npos);
    CHECK(search.exit_code == 2);
    CHECK(search.signal == 0);
    CHECK(search.output.find(kRebuild) != std::string::npos);
    record_case("index", "a flipped byte in " + name, "pepindex check exits 2 naming the file; pepsearch exits 2 with the rebuild hint",
                "check exit " + std::to_string(check.exit_code) + ", pepsearch exit " + std::to_string(search.exit_code) + ", `" +
                    relative(first_line_with(search.output, "pepsearch:"), index, "INDEX") + "`");
  }
  CHECK(files >= 5);  // generation.json, iamglass, a postlist table and the stores at least
}

TEST_CASE("generation: a generation whose parts disagree on the passage count is refused") {
  TempDir tmp;
  build_index(corpus_dir(), tmp / "index");
  const fs::path gen = fs::canonical(tmp / "index" / "current");
  // A manifest that is itself intact (files and id match) but counts one passage more.
  pep::Manifest m = pep::read_manifest(gen);
  m.passages += 1;
  pep::write_manifest(gen, m);
  std::string message;
  try {
    pep::Generation g(gen, pep::Verify::kChecksums);
  } catch (const pep::IndexError& e) {
    message = e.what();
  }
  CHECK(message.find("is inconsistent") != std::string::npos);
  CHECK(message.find(kRebuild) != std::string::npos);
  const auto search = pepsearch(tmp / "index", "thymosin");
  const auto check = run_measured(pepindex_bin() + " check " + shell_quote(gen.string()));
  INFO(search.output << check.output);
  CHECK(search.exit_code == 2);
  CHECK(search.output.find(kRebuild) != std::string::npos);
  CHECK(check.exit_code == 2);
  record_case("index", "manifest count differs from the stores'", "refused: exit 2 with the rebuild hint",
              "pepsearch exit " + std::to_string(search.exit_code) + ", `" +
                  relative(first_line_with(search.output, "pepsearch:"), tmp / "index", "INDEX") + "`");
}

TEST_CASE("generation: searchd does not switch to a damaged generation, and switches to the next good one") {
  TempDir tmp;
  const fs::path index = tmp / "index";
  build_index(corpus_dir(), index);
  SearchdProcess searchd(index);
  auto c = searchd.client();
  const auto ready = c.Get("/readyz");
  REQUIRE(ready);
  REQUIRE(ready->status == 200);
  const std::string gen0 = json::parse(ready->body)["generation"];
  const auto before = c.Get("/api/search?q=thymosin");
  REQUIRE(before);
  REQUIRE(before->status == 200);

  // Publish a copy of the live generation with one byte of its passage store flipped.
  fs::copy(index / gen0, index / "gen-7");
  flip_byte(index / "gen-7" / "passages.store");
  fs::create_directory_symlink("gen-7", index / "current.tmp");
  fs::rename(index / "current.tmp", index / "current");
  std::this_thread::sleep_for(std::chrono::milliseconds(600));  // past the pool's recheck interval

  int kept = 0, refused = 0;
  for (int i = 0; i < 20; ++i) {
    const auto r = c.Get("/readyz");
    REQUIRE(r);
    INFO(r->body);
    CHECK((r->status == 200 || r->status == 503));
    if (r->status == 200) {
      CHECK(json::parse(r->body)["generation"] == gen0);  // the old one, still served
      ++kept;
    } else {
      CHECK(r->body.find(kRebuild) != std::string::npos);
      ++refused;
    }
    const auto s = c.Get("/api/search?q=thymosin");
    REQUIRE(s);
    CHECK((s->status == 200 || s->status == 503));
    if (s->status == 200) CHECK(json::parse(s->body)["results"] == json::parse(before->body)["results"]);
  }
  record_case("searchd", "a damaged generation is published", "not switched to: the old one is served or 503 with the rebuild hint",
              std::to_string(kept) + " of 20 /readyz on " + gen0 + ", " + std::to_string(refused) + " answered 503");

  build_index(corpus_dir(), index);  // gen-8: good again
  std::this_thread::sleep_for(std::chrono::milliseconds(600));
  const auto after = c.Get("/readyz");
  REQUIRE(after);
  CHECK(after->status == 200);
  CHECK(json::parse(after->body)["generation"] == "gen-8");
}

TEST_CASE("generation: pepindex dump shows the manifest, a passage, a term's postings and the vocabulary") {
  TempDir tmp;
  const fs::path index = tmp / "index";
  build_index(corpus_dir(), index);
  const std::string dump = pepindex_bin() + " dump " + shell_quote(index.string());

  const auto manifest = run(dump + " --manifest");
  REQUIRE(manifest.exit_code == 0);
  const json m = json::parse(manifest.out);
  CHECK(m["id"] == pep::read_manifest(fs::canonical(index / "current")).id);
  const auto check = run(pepindex_bin() + " check " + shell_quote(index.string()));
  CHECK(check.exit_code == 0);
  CHECK(check.out.find(m["id"].get<std::string>()) != std::string::npos);

  // The facet term's postings are the passages about thymogen: at least those pepsearch finds
  // with that filter, and each one's record says so.
  const auto search = run(pepsearch_bin() + " --json --limit 100 --compound thymogen --index " + shell_quote(index.string()) + " thymogen");
  REQUIRE(search.exit_code == 0);
  const json found = json::parse(search.out);
  const auto term = run(dump + " --term XCthymogen");
  REQUIRE(term.exit_code == 0);
  const json postings = json::parse(term.out);
  CHECK(postings["termfreq"].get<size_t>() >= found["total"].get<size_t>());
  CHECK(found["total"].get<size_t>() > 0);
  for (const auto& p : postings["postings"]) {
    const auto passage = run(dump + " --passage " + std::to_string(p[0].get<int>()));
    REQUIRE(passage.exit_code == 0);
    CHECK(json::parse(passage.out)["record"]["facets"]["compound"].dump().find("thymogen") != std::string::npos);
  }

  const auto vocabulary = run(dump + " --vocabulary");
  REQUIRE(vocabulary.exit_code == 0);
  CHECK(json::parse(vocabulary.out).is_object());
  CHECK(run(dump + " --term Xnosuchterm").exit_code == 1);
  CHECK(run(dump + " --passage 999999 2>/dev/null").exit_code == 2);
  CHECK(run(dump + " --manifest --vocabulary 2>/dev/null").exit_code == 2);
}

TEST_CASE("generation: a damaged Xapian table behind a manifest that matches it is exit 2, never an abort") {
  TempDir tmp;
  build_index(corpus_dir(), tmp / "index");
  const fs::path gen = fs::canonical(tmp / "index" / "current");
  const fs::path table = gen / "postlist.glass";
  REQUIRE(fs::exists(table));
  // Three bytes of the table changed, then the manifest rewritten over the damage: only Xapian
  // itself can notice now (pepsearch used to abort on its uncaught Xapian::Error).
  const std::string original = read_file(table);
  std::string bad = original;
  for (size_t at : {bad.size() / 2, bad.size() / 3, bad.size() / 4 + 100}) bad[at] = static_cast<char>(bad[at] ^ 0x5a);
  write_file(table, bad);
  pep::write_manifest(gen, pep::read_manifest(gen));

  const auto check = run_measured(pepindex_bin() + " check " + shell_quote(gen.string()));
  const auto search = pepsearch(tmp / "index", "thymosin");
  INFO(check.output << "\n" << search.output);
  CHECK(check.exit_code == 2);
  CHECK(check.output.find(kRebuild) != std::string::npos);
  CHECK(search.signal == 0);
  CHECK(search.exit_code == 2);
  CHECK(search.output.find(kRebuild) != std::string::npos);
  record_case("index", "a damaged Xapian table with a matching manifest", "pepindex check and pepsearch exit 2 with the rebuild hint, no abort",
              "check exit " + std::to_string(check.exit_code) + ", pepsearch exit " + std::to_string(search.exit_code) + ", `" +
                  relative(first_line_with(search.output, "pepsearch:"), tmp / "index", "INDEX") + "`");
}
