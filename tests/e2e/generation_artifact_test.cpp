// Packed generations through the real pepindex (indexer/generation_artifact.h): pack, verify,
// unpack and rollback. The oracle is the generation itself: an unpacked artifact has the packed
// generation's manifest id and verifies fully; artifacts made by hand (libarchive, as a damaged
// copy or a hostile sender would make them) with a file missing, extra, altered, renamed or out
// of order are refused and leave the live generation untouched.
#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <vector>

#include "generation.h"
#include "test_env.h"

using namespace pep::test;
namespace fs = std::filesystem;

namespace {

struct Entry {
  std::string name;
  std::string bytes;
};

// The artifact format written by hand: tar + zstd, entries in the given order.
void write_artifact(const fs::path& out, const std::vector<Entry>& entries) {
  archive* a = archive_write_new();
  archive_write_set_format_pax_restricted(a);
  archive_write_add_filter_zstd(a);
  REQUIRE(archive_write_open_filename(a, out.c_str()) == ARCHIVE_OK);
  for (const auto& e : entries) {
    archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname(entry, e.name.c_str());
    archive_entry_set_filetype(entry, AE_IFREG);
    archive_entry_set_perm(entry, 0644);
    archive_entry_set_size(entry, static_cast<la_int64_t>(e.bytes.size()));
    REQUIRE(archive_write_header(a, entry) == ARCHIVE_OK);
    REQUIRE(archive_write_data(a, e.bytes.data(), e.bytes.size()) == static_cast<la_ssize_t>(e.bytes.size()));
    archive_entry_free(entry);
  }
  archive_write_close(a);
  archive_write_free(a);
}

// The generation's files as pack would order them: the manifest, then the manifest's files.
std::vector<Entry> generation_entries(const fs::path& gen) {
  const pep::Manifest m = pep::read_manifest(gen);
  std::vector<Entry> entries{{"generation.json", read_file(gen / "generation.json")}};
  for (const auto& f : m.files) entries.push_back({f.name, read_file(gen / f.name)});
  return entries;
}

CommandResult pepindex(const std::string& args) { return run(pepindex_bin() + " " + args + " 2>&1"); }

}  // namespace

TEST_CASE("artifact: pack is deterministic and unpack publishes the same generation") {
  TempDir tmp;
  build_index(corpus_dir(), tmp / "index");
  const fs::path art = tmp / "gen.tar.zst";
  REQUIRE(pepindex("pack " + (tmp / "index").string() + " --out " + art.string()).exit_code == 0);
  REQUIRE(pepindex("pack " + (tmp / "index").string() + " --out " + (tmp / "again.tar.zst").string()).exit_code == 0);
  CHECK(read_file(art) == read_file(tmp / "again.tar.zst"));
  CHECK(pepindex("verify " + art.string()).exit_code == 0);

  const auto r = pepindex("unpack " + art.string() + " --index " + (tmp / "served").string());
  REQUIRE(r.exit_code == 0);
  const pep::Generation packed(fs::canonical(tmp / "index" / "current"), pep::Verify::kChecksums);
  const pep::Generation unpacked(fs::canonical(tmp / "served" / "current"), pep::Verify::kChecksums);
  CHECK(unpacked.manifest().id == packed.manifest().id);
  CHECK(pepindex("check " + (tmp / "served").string()).exit_code == 0);
  const auto hits = run(pepsearch_bin() + " --json --index " + shell_quote((tmp / "served").string()) + " thymosin");
  CHECK(hits.exit_code == 0);
}

TEST_CASE("artifact: a damaged or hand-made artifact is refused and the live generation stays") {
  TempDir tmp;
  build_index(corpus_dir(), tmp / "index");
  const fs::path gen = fs::canonical(tmp / "index" / "current");
  const std::vector<Entry> good = generation_entries(gen);
  REQUIRE(good.size() >= 4);
  write_artifact(tmp / "good.tar.zst", good);
  REQUIRE(pepindex("verify " + (tmp / "good.tar.zst").string()).exit_code == 0);  // the hand-made writer is faithful
  REQUIRE(pepindex("unpack " + (tmp / "good.tar.zst").string() + " --index " + (tmp / "served").string()).exit_code == 0);
  const std::string live = fs::read_symlink(tmp / "served" / "current").string();

  std::vector<std::pair<std::string, std::vector<Entry>>> cases;
  auto missing = good;
  missing.erase(missing.begin() + 2);
  cases.push_back({"a file missing", missing});
  auto extra = good;
  extra.push_back({"extra.bin", "not in the manifest"});
  cases.push_back({"an extra file", extra});
  auto altered = good;
  // The largest file: some of a generation's files are empty (Xapian's flintlock).
  auto& victim = *std::max_element(altered.begin() + 1, altered.end(),
                                   [](const Entry& a, const Entry& b) { return a.bytes.size() < b.bytes.size(); });
  victim.bytes[victim.bytes.size() / 2] ^= 0x5a;
  cases.push_back({"a byte altered", altered});
  auto renamed = good;
  renamed[1].name = "../" + renamed[1].name;
  cases.push_back({"a path outside the generation", renamed});
  auto swapped = good;
  std::swap(swapped[1], swapped[2]);
  cases.push_back({"files out of order", swapped});
  auto no_manifest = good;
  no_manifest.erase(no_manifest.begin());
  cases.push_back({"no manifest first", no_manifest});

  for (const auto& [what, entries] : cases) {
    SECTION(what) {
      const fs::path art = tmp / "bad.tar.zst";
      write_artifact(art, entries);
      const auto v = pepindex("verify " + art.string());
      CHECK(v.exit_code == 2);
      CHECK(v.out.find("pack it again") != std::string::npos);
      const auto u = pepindex("unpack " + art.string() + " --index " + (tmp / "served").string());
      CHECK(u.exit_code == 2);
      CHECK(fs::read_symlink(tmp / "served" / "current").string() == live);
      size_t entries_left = 0;
      for (const auto& e : fs::directory_iterator(tmp / "served")) entries_left += e.path().filename().string().find(".partial") != std::string::npos;
      CHECK(entries_left == 0);
    }
  }
  write_file(tmp / "garbage.tar.zst", "this is not an archive");
  CHECK(pepindex("verify " + (tmp / "garbage.tar.zst").string()).exit_code == 2);
}

TEST_CASE("artifact: verify catches a damaged generation directory, rollback switches to the kept one") {
  TempDir tmp;
  build_index(corpus_dir(), tmp / "index");
  const std::string first = fs::read_symlink(tmp / "index" / "current").string();
  CHECK(pepindex("rollback " + (tmp / "index").string()).exit_code == 2);  // nothing earlier kept yet
  build_index(corpus_dir(), tmp / "index");
  const std::string second = fs::read_symlink(tmp / "index" / "current").string();
  REQUIRE(second != first);
  CHECK(pepindex("verify " + (tmp / "index").string()).exit_code == 0);

  // A damaged earlier generation is never switched to.
  const fs::path store = tmp / "index" / first / "passages.store";
  const std::string saved = read_file(store);
  std::string damaged = saved;
  damaged[damaged.size() / 2] ^= 0x5a;
  write_file(store, damaged);
  CHECK(pepindex("verify " + (tmp / "index" / first).string()).exit_code == 2);
  CHECK(pepindex("rollback " + (tmp / "index").string()).exit_code == 2);
  CHECK(fs::read_symlink(tmp / "index" / "current").string() == second);

  write_file(store, saved);
  const auto r = pepindex("rollback " + (tmp / "index").string());
  CHECK(r.exit_code == 0);
  CHECK(fs::read_symlink(tmp / "index" / "current").string() == first);
  // Forward again to a named kept generation; a name that is not kept is refused.
  CHECK(pepindex("rollback " + (tmp / "index").string() + " --to " + second).exit_code == 0);
  CHECK(fs::read_symlink(tmp / "index" / "current").string() == second);
  CHECK(pepindex("rollback " + (tmp / "index").string() + " --to gen-99").exit_code == 2);
  REQUIRE(pepindex("rollback " + (tmp / "index").string()).exit_code == 0);
  // The next build publishes after the rolled-back-to generation and keeps it as the previous one.
  build_index(corpus_dir(), tmp / "index");
  CHECK(fs::exists(tmp / "index" / first));
}
