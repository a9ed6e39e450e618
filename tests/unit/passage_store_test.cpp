#include <catch2/catch.hpp>

#include <cstring>
#include <fstream>
#include <random>

#include "index_location.h"
#include "passage_store.h"
#include "test_env.h"

using pep::IndexError;
using pep::PassageStore;
using pep::PassageStoreWriter;

namespace {

// Text-like records of varied length (some empty), so dictionaries have something to learn.
std::vector<std::string> sample_records(size_t n, unsigned seed) {
  const std::vector<std::string> words{"thymosin", "alpha", "sepsis", "trial", "grade", "patients", "VEGF", "the",
                                      "lowering", "mortality", "placebo", "randomized", "of", "in", "and", "{\"id\":"};
  std::mt19937 rng(seed);
  std::vector<std::string> out;
  for (size_t i = 0; i < n; ++i) {
    std::string r;
    const size_t len = i % 97 == 0 ? 0 : rng() % 200;
    for (size_t k = 0; k < len; ++k) r += words[rng() % words.size()] + (k % 11 == 10 ? ". " : " ");
    r += std::to_string(i);
    if (i % 89 == 1) r.push_back('\0');  // records are bytes, not C strings
    out.push_back(std::move(r));
  }
  return out;
}

void write_store(const std::filesystem::path& file, const std::vector<std::string>& records) {
  PassageStoreWriter w(file);
  for (const auto& r : records) w.add(r);
  w.finish();
}

}  // namespace

TEST_CASE("the passage store gives back every record by document id, across segments") {
  pep::test::TempDir dir;
  const auto records = sample_records(9000, 1);  // three segments of at most 4,000
  write_store(dir.path() / "a.store", records);
  PassageStore store(dir.path() / "a.store");
  REQUIRE(store.size() == records.size());
  for (uint32_t id = 1; id <= store.size(); ++id) REQUIRE(store.get(id) == records[id - 1]);
  // Text compresses: the dictionaries must pay for themselves.
  size_t raw = 0;
  for (const auto& r : records) raw += r.size();
  CHECK(std::filesystem::file_size(dir.path() / "a.store") < raw / 3);
  CHECK_THROWS_AS(store.get(0), IndexError);
  CHECK_THROWS_AS(store.get(store.size() + 1), IndexError);
}

TEST_CASE("small and empty stores work without a dictionary") {
  pep::test::TempDir dir;
  write_store(dir.path() / "small.store", {"one", "", "three"});
  PassageStore small(dir.path() / "small.store");
  REQUIRE(small.size() == 3);
  CHECK(small.get(1) == "one");
  CHECK(small.get(2).empty());
  CHECK(small.get(3) == "three");

  write_store(dir.path() / "empty.store", {});
  PassageStore empty(dir.path() / "empty.store");
  CHECK(empty.size() == 0);
  CHECK_THROWS_AS(empty.get(1), IndexError);
}

TEST_CASE("merged stores number records in input order, as the shard compactor numbers documents") {
  pep::test::TempDir dir;
  const auto a = sample_records(5000, 2);  // two segments
  const auto b = sample_records(5, 3);
  const auto c = sample_records(300, 4);
  write_store(dir.path() / "a", a);
  write_store(dir.path() / "b", b);
  write_store(dir.path() / "empty", {});
  write_store(dir.path() / "c", c);
  const uint32_t n = pep::merge_passage_stores({dir.path() / "a", dir.path() / "b", dir.path() / "empty", dir.path() / "c"},
                                               dir.path() / "all");
  std::vector<std::string> all = a;
  all.insert(all.end(), b.begin(), b.end());
  all.insert(all.end(), c.begin(), c.end());
  REQUIRE(n == all.size());
  PassageStore merged(dir.path() / "all");
  REQUIRE(merged.size() == all.size());
  for (uint32_t id = 1; id <= merged.size(); ++id) REQUIRE(merged.get(id) == all[id - 1]);
}

TEST_CASE("a missing, foreign or damaged store is an IndexError that says to rebuild, never a crash") {
  pep::test::TempDir dir;
  CHECK_THROWS_WITH(PassageStore(dir.path() / "missing"), Catch::Contains("rebuild the index"));
  pep::test::write_file(dir.path() / "foreign", "not a store at all, just some text");
  CHECK_THROWS_WITH(PassageStore(dir.path() / "foreign"), Catch::Contains("rebuild the index"));

  const auto records = sample_records(2000, 5);
  write_store(dir.path() / "good", records);
  const std::string good = pep::test::read_file(dir.path() / "good");
  // Cut anywhere: the footer is gone or the directory points past the end.
  for (size_t cut : {size_t{1}, size_t{10}, good.size() / 2, good.size() - 30}) {
    pep::test::write_file(dir.path() / "cut", good.substr(0, good.size() - cut));
    CHECK_THROWS_AS(PassageStore(dir.path() / "cut"), IndexError);
  }
  // Flipped bytes anywhere: opening or reading fails with IndexError, or the bytes were not
  // looked at (a record's text may legitimately change without the store noticing). Under the
  // sanitizer suite any out-of-bounds read here fails the test.
  std::mt19937 rng(6);
  int detected = 0;
  for (int trial = 0; trial < 300; ++trial) {
    std::string bad = good;
    const size_t at = rng() % bad.size();
    bad[at] = static_cast<char>(bad[at] ^ (1 + rng() % 255));
    pep::test::write_file(dir.path() / "bad", bad);
    try {
      PassageStore store(dir.path() / "bad");
      for (uint32_t id = 1; id <= store.size(); ++id) {
        try {
          (void)store.get(id);
        } catch (const IndexError&) {
          ++detected;
          break;
        }
      }
    } catch (const IndexError&) {
      ++detected;
    }
  }
  INFO("damage detected in " << detected << " of 300 trials");
  CHECK(detected > 30);  // the checks are live: damage in frames and the directory is caught
}

TEST_CASE("a flipped byte in a record frame or dictionary is an IndexError, never altered text") {
  pep::test::TempDir dir;
  const auto records = sample_records(1500, 7);
  write_store(dir.path() / "good", records);
  const std::string good = pep::test::read_file(dir.path() / "good");
  // The footer's first field is the directory's offset: everything before it is dictionaries and
  // frames, each frame with zstd's content checksum.
  uint64_t body_end = 0;
  std::memcpy(&body_end, good.data() + good.size() - 24, 8);
  REQUIRE(body_end > 0);
  REQUIRE(body_end < good.size());
  std::mt19937 rng(8);
  int noticed = 0;
  for (int trial = 0; trial < 200; ++trial) {
    std::string bad = good;
    const size_t at = rng() % body_end;
    bad[at] = static_cast<char>(bad[at] ^ (1 + rng() % 255));
    pep::test::write_file(dir.path() / "bad", bad);
    size_t refused = 0, altered = 0;
    try {
      PassageStore store(dir.path() / "bad");
      for (uint32_t id = 1; id <= store.size(); ++id) {
        try {
          if (store.get(id) != records[id - 1]) ++altered;
        } catch (const IndexError&) {
          ++refused;
        }
      }
    } catch (const IndexError&) {
      ++refused;
    }
    INFO("byte " << at << " flipped");
    CHECK(altered == 0);
    noticed += refused > 0;
  }
  // A flip goes unnoticed only in dictionary bytes that no record's frame refers to.
  INFO(noticed << " of 200 flips refused");
  CHECK(noticed > 150);
}
