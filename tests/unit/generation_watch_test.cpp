// GenerationWatch (searchd/generation_watch.h): a watched generation whose files are untouched is
// never verified again; one whose file is truncated or overwritten is damaged (the reason names
// the file); one whose file is only touched (same bytes, new mtime) verifies again and stays
// servable; a verification forced by suspect() agrees with the files; a removed one is forgotten.
#include <catch2/catch.hpp>

#include <fstream>

#include "generation_watch.h"
#include "test_env.h"

namespace fs = std::filesystem;
using namespace pep::test;

TEST_CASE("generation watch: damage is found by identity and confirmed by a full verification") {
  TempDir tmp;
  const fs::path index = tmp / "index";
  build_index(corpus_dir(), index);
  pep::GenerationWatch watch(index);
  watch.opened("gen-0");
  watch.check();
  CHECK(watch.damaged("gen-0").empty());
  CHECK(watch.damaged("gen-9").empty());  // never seen: nothing known against it

  SECTION("touched, same bytes: verified again and still served") {
    fs::last_write_time(index / "gen-0" / "passages.store", fs::file_time_type::clock::now() + std::chrono::hours(1));
    watch.check();
    CHECK(watch.damaged("gen-0").empty());
  }
  SECTION("truncated: damaged, naming the file, until it is restored") {
    const fs::path table = index / "gen-0" / "postlist.glass";
    fs::copy_file(table, tmp / "postlist.copy");
    fs::resize_file(table, fs::file_size(table) / 2);
    watch.check();
    CHECK(watch.damaged("gen-0").find("postlist.glass") != std::string::npos);
    fs::copy_file(tmp / "postlist.copy", table, fs::copy_options::overwrite_existing);
    watch.check();
    CHECK(watch.damaged("gen-0").empty());
  }
  SECTION("overwritten in place at the same size: damaged") {
    const fs::path store = index / "gen-0" / "positions.store";
    {
      std::fstream f(store, std::ios::in | std::ios::out | std::ios::binary);
      f.seekp(100);
      f.write("\x01\x02\x03\x04\x05\x06\x07\x08", 8);
    }
    watch.check();
    CHECK(watch.damaged("gen-0").find("positions.store") != std::string::npos);
  }
  SECTION("suspected: a full verification of intact files clears it") {
    watch.verify("gen-0");
    CHECK(watch.damaged("gen-0").empty());
  }
  SECTION("refused at open: damaged without a check, forgotten once its directory is removed") {
    watch.refused("gen-0", "it is broken");
    CHECK(watch.damaged("gen-0").find("it is broken") != std::string::npos);
    watch.check();  // its files did not change since: still refused, not verified again
    CHECK_FALSE(watch.damaged("gen-0").empty());
    fs::remove_all(index / "gen-0");
    watch.check();
    CHECK(watch.damaged("gen-0").empty());
  }
}
