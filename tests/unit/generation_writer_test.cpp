// The generation trio without the parser: GenerationWriter keeps Xapian document k, passage record
// k and position record k together; merge_generations keeps them together and in shard order;
// finish_generation + Generation read the result back. The oracle is what each test put in: every
// passage carries its own number as a Xapian term, a value, its record id and its positions.
#include <catch2/catch.hpp>

#include <xapian.h>

#include "error.h"
#include "generation.h"
#include "generation_merge.h"
#include "generation_writer.h"
#include "index_schema.h"
#include "test_env.h"

using namespace pep;
using namespace pep::test;

namespace {

// Passage `n` (any number, unique in a test) as the writer receives it.
std::string tag(uint32_t n) { return "Qp" + std::to_string(n); }
std::vector<TermPosition> positions_of(uint32_t n) {
  std::vector<TermPosition> out;
  for (uint32_t k = 0; k < n % 5; ++k) out.push_back({k + 1, position_term_key("Z" + std::to_string(n + k))});
  return out;
}
PassageRecord record_of(uint32_t n) {
  PassageRecord r;
  r.id = "doc#" + std::to_string(n);
  r.passage.text = "passage " + std::to_string(n);
  r.source.id = "doc";
  return r;
}

// Writes passages first .. first + count - 1 into a new directory `dir`, with what Generation
// checks on opening (schema version, vocabulary) when `whole`.
void write_passages(const std::filesystem::path& dir, uint32_t first, uint32_t count, bool whole) {
  GenerationWriter w(dir);
  for (uint32_t n = first; n < first + count; ++n) {
    Xapian::Document d;
    d.add_boolean_term(tag(n));
    d.add_value(schema::kSourceSlot, std::to_string(n));
    CHECK(w.add(d, record_of(n), positions_of(n)) == n - first + 1);
  }
  CHECK(w.size() == count);
  if (whole) {
    w.set_metadata(std::string(schema::kMetaSchema), std::to_string(schema::kSchemaVersion));
    w.set_metadata(std::string(schema::kMetaVocabulary), "{}");
  }
  w.finish();
}

// Every document of `g` is the passage `numbers[k - 1]`: in Xapian (term, value), in the passage
// store and in the position store.
void check_aligned(Generation& g, const std::vector<uint32_t>& numbers) {
  REQUIRE(g.size() == numbers.size());
  REQUIRE(g.database().get_doccount() == numbers.size());
  REQUIRE(g.positions().size() == numbers.size());
  std::vector<TermPosition> got;
  for (Xapian::docid id = 1; id <= numbers.size(); ++id) {
    const uint32_t n = numbers[id - 1];
    auto post = g.database().postlist_begin(tag(n));
    REQUIRE(post != g.database().postlist_end(tag(n)));
    CHECK(*post == id);
    CHECK(g.database().get_document(id).get_value(schema::kSourceSlot) == std::to_string(n));
    CHECK(g.record(id).id == record_of(n).id);
    g.positions().get(id, got);
    CHECK(got == positions_of(n));
  }
  CHECK_THROWS_WITH(g.record(static_cast<Xapian::docid>(numbers.size() + 1)), Catch::Contains("ids run from 1"));
}

}  // namespace

TEST_CASE("GenerationWriter: Xapian document k is passage record k and position record k") {
  TempDir tmp;
  // More than two commit batches, and a last batch left open until finish().
  const uint32_t n = 2 * GenerationWriter::kCommitEvery + 7;
  write_passages(tmp / "gen", 1, n, true);
  finish_generation(tmp / "gen", {}, {});
  Generation g(tmp / "gen", Verify::kChecksums);
  std::vector<uint32_t> numbers;
  for (uint32_t k = 1; k <= n; ++k) numbers.push_back(k);
  check_aligned(g, numbers);
}

TEST_CASE("GenerationWriter refuses a directory that already holds a database") {
  TempDir tmp;
  write_passages(tmp / "gen", 1, 3, false);
  CHECK_THROWS_AS(GenerationWriter(tmp / "gen"), IndexError);
}

TEST_CASE("merge_generations keeps shard order and the alignment across shards") {
  TempDir tmp;
  // Sizes across commit batches, and an empty shard (more threads than documents).
  const std::vector<std::pair<uint32_t, uint32_t>> shards = {{1000, 731}, {5000, 0}, {2000, 3}, {3000, 512}};
  std::vector<std::filesystem::path> dirs;
  std::vector<uint32_t> numbers;
  for (const auto& [first, count] : shards) {
    dirs.push_back(tmp / ("shard-" + std::to_string(first)));
    write_passages(dirs.back(), first, count, false);
    for (uint32_t k = first; k < first + count; ++k) numbers.push_back(k);
  }
  const std::map<std::string, std::string> metadata = {{std::string(schema::kMetaSchema), std::to_string(schema::kSchemaVersion)},
                                                        {std::string(schema::kMetaVocabulary), "{}"}};
  merge_generations(dirs, metadata, tmp / "merged");
  finish_generation(tmp / "merged", {}, {});
  Generation g(tmp / "merged", Verify::kChecksums);
  check_aligned(g, numbers);
}
