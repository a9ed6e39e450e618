// The generation manifest (common/manifest.h): SHA-256 against published test vectors, a round
// trip through its JSON, and every way a manifest or a file it lists is refused.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "digest.h"
#include "error.h"
#include "manifest.h"
#include "test_env.h"

using namespace pep;
using pep::test::TempDir;
namespace fs = std::filesystem;

namespace {

Manifest sample() {
  Manifest m;
  m.schema = 8;
  m.passages = 196;
  m.documents = 7;
  m.vocabulary_sha256 = sha256_hex("vocabulary");
  m.build = {{"threads", "2"}, {"strict", "false"}};
  m.files = {{"passages.store", 3, sha256_hex("abc")}, {"postlist.glass", 0, sha256_hex("")}};
  m.inputs = {{"corpus/monographs/thymogen.md", 3, sha256_hex("abc")}};
  m.id = manifest_id(m);
  return m;
}

// The message of the IndexError `fn` throws ("" if none).
template <typename Fn>
std::string refusal(Fn fn) {
  try {
    fn();
  } catch (const IndexError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("manifest: SHA-256 matches FIPS 180-2's test vectors") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  TempDir tmp;
  pep::test::write_file(tmp / "f", "abc");
  const FileHash h = sha256_file(tmp / "f");
  CHECK(h.size == 3);
  CHECK(h.sha256 == sha256_hex("abc"));
}

TEST_CASE("manifest: its JSON parses back to the same manifest, and the id depends on every field") {
  const Manifest m = sample();
  CHECK(parse_manifest(manifest_to_json(m), "generation.json") == m);
  Manifest other = m;
  other.inputs[0].sha256 = sha256_hex("abd");
  CHECK(manifest_id(other) != m.id);
  other = m;
  other.passages += 1;
  CHECK(manifest_id(other) != m.id);
}

TEST_CASE("manifest: a manifest that is not JSON, of another format, incomplete or edited is refused") {
  const std::string good = manifest_to_json(sample());
  const auto parse = [](const std::string& text) { return refusal([&] { parse_manifest(text, "gen-0/generation.json"); }); };
  CHECK(parse("{\"format\": 1, ") .find("gen-0/generation.json is damaged") != std::string::npos);
  nlohmann::json j = nlohmann::json::parse(good);
  j["format"] = 2;
  CHECK(parse(j.dump()).find("has format 2") != std::string::npos);
  j = nlohmann::json::parse(good);
  j.erase("files");
  CHECK(parse(j.dump()).find("is damaged") != std::string::npos);
  j = nlohmann::json::parse(good);
  j["passages"] = 197;  // edited without a new id
  CHECK(parse(j.dump()).find("its id does not match its content") != std::string::npos);
  for (const std::string& text : {std::string("[]"), std::string(""), good.substr(0, good.size() / 2)})
    CHECK(parse(text).find("pepindex build") != std::string::npos);
}

TEST_CASE("manifest: a count or size that is no whole number is damage, even with a matching id") {
  const auto parse = [](const std::string& text) { return refusal([&] { parse_manifest(text, "gen-0/generation.json"); }); };
  // Floats too large for any integer (converting them is undefined behaviour), fractions,
  // negatives: each refused as damage, whatever the id says.
  for (const char* bad : {"1e300", "8.1e21", "196.5", "-1", "\"196\""}) {
    for (const char* key : {"passages", "documents", "schema", "format"}) {
      std::string text = manifest_to_json(sample());
      const std::string field = std::string("\"") + key + "\": ";
      const size_t at = text.find(field) + field.size();
      text.replace(at, text.find_first_of(",\n", at) - at, bad);
      CAPTURE(key, bad);
      CHECK(parse(text).find("gen-0/generation.json is damaged") != std::string::npos);
    }
    std::string text = manifest_to_json(sample());
    const size_t at = text.find("\"size\": ") + 8;
    text.replace(at, text.find_first_of(",\n", at) - at, bad);
    CHECK(parse(text).find("is damaged") != std::string::npos);
  }
}

TEST_CASE("manifest: written for a directory, it lists every file, and a missing, resized or altered file is refused") {
  TempDir tmp;
  pep::test::write_file(tmp / "b.store", "abc");
  pep::test::write_file(tmp / "a.glass", "");
  Manifest m = sample();
  const Manifest written = write_manifest(tmp.path(), m);
  CHECK(read_manifest(tmp.path()) == written);
  REQUIRE(written.files.size() == 2);
  CHECK(written.files[0] == FileDigest{"a.glass", 0, sha256_hex("")});
  CHECK(written.files[1] == FileDigest{"b.store", 3, sha256_hex("abc")});
  CHECK(refusal([&] { verify_files(tmp.path(), written, Verify::kChecksums); }).empty());

  pep::test::write_file(tmp / "b.store", "abd");  // same size: only the checksum tells
  CHECK(refusal([&] { verify_files(tmp.path(), written, Verify::kSizes); }).empty());
  CHECK(refusal([&] { verify_files(tmp.path(), written, Verify::kChecksums); }).find("b.store is damaged (its SHA-256") !=
        std::string::npos);
  pep::test::write_file(tmp / "b.store", "abcd");
  CHECK(refusal([&] { verify_files(tmp.path(), written, Verify::kSizes); }).find("it has 4 bytes, the manifest says 3") !=
        std::string::npos);
  fs::remove(tmp / "b.store");
  CHECK(refusal([&] { verify_files(tmp.path(), written, Verify::kSizes); }).find("b.store is missing") != std::string::npos);
  fs::remove(tmp / "generation.json");
  CHECK(refusal([&] { read_manifest(tmp.path()); }).find("has no generation.json") != std::string::npos);
}
