// What a build records of its inputs (the manifest's `inputs`, common/manifest.h) and how the
// readers read corpus files (indexer/regular_file.h): every corpus file that gave documents, with
// the size and SHA-256 of exactly the bytes read from it, each file read once. The oracle is
// sha256sum (coreutils) over the files on disk; where the build is served other bytes than the
// disk holds (tests/support/corpus_files.h), the digest must be of the bytes served.
#include <catch2/catch.hpp>

#include <algorithm>

#include "corpus_files.h"
#include "digest.h"
#include "document_reader.h"
#include "index_builder.h"
#include "manifest.h"
#include "test_env.h"

using namespace pep;
using namespace pep::test;
namespace fs = std::filesystem;

namespace {

constexpr size_t kPiece = size_t{1} << 20;  // the reader reads JSONL in pieces of this size (jsonl_reader.h)

// sha256sum's digest of `file`.
std::string sha256sum(const fs::path& file) {
  const auto r = run("sha256sum " + shell_quote(file.string()));
  REQUIRE(r.exit_code == 0);
  return r.out.substr(0, r.out.find(' '));
}

// JSONL records making a file of over `bytes` bytes, so the reader reads it in several pieces.
std::string jsonl_records(size_t bytes) {
  std::string out;
  for (int i = 0; out.size() <= bytes; ++i)
    out += "{\"id\":\"r" + std::to_string(i) + "\",\"text\":\"Record " + std::to_string(i) +
           " of thymosin alpha 1 in sepsis, with enough words to make a line of some length.\"}\n";
  return out;
}

BuildOptions options_for(const fs::path& corpus, const fs::path& index) {
  BuildOptions o;
  o.corpora = {corpus};
  o.index_dir = index;
  o.vocabulary_dir = vocab_dir();
  return o;
}

const FileDigest* input_named(const std::vector<FileDigest>& inputs, const fs::path& file) {
  const auto it = std::find_if(inputs.begin(), inputs.end(), [&](const FileDigest& d) { return d.name == file.string(); });
  return it == inputs.end() ? nullptr : &*it;
}

}  // namespace

TEST_CASE("corpus inputs: Sha256 given bytes piece by piece equals the digest of them whole") {
  const std::string bytes = jsonl_records(5000);
  Sha256 hash;
  for (size_t at = 0; at < bytes.size(); at += 777) hash.update(std::string_view(bytes).substr(at, 777));
  const FileHash h = hash.finish();
  CHECK(h.size == bytes.size());
  CHECK(h.sha256 == sha256_hex(bytes));
  CHECK(hash.finish().sha256 == sha256_hex(""));  // finish starts it again
}

TEST_CASE("corpus inputs: the manifest lists every file that gave documents with sha256sum's digest (txt, md, jsonl, html, pdf)") {
  TempDir tmp;
  const fs::path corpus = tmp / "corpus";
  fs::create_directories(corpus / "site");
  for (const std::string name : {"thymogen-brief.md", "thymogen-brief.html", "thymogen-brief.pdf"})
    fs::copy_file(source_dir() / "tests" / "data" / "formats" / name, corpus / "site" / name);
  write_file(corpus / "notes.txt", "Thymogen notes\n\nThymogen is a dipeptide studied in sepsis.\n");
  write_file(corpus / "records.jsonl", jsonl_records(kPiece + 12345));  // two pieces
  write_file(corpus / "empty.txt", "");                 // skipped: gave no documents
  write_file(corpus / "README.md", "# About this corpus\n");  // not a document

  const BuildReport r = build_index(options_for(corpus, tmp / "index"), nullptr);
  const Manifest m = read_manifest(tmp / "index" / r.generation);

  std::vector<FileDigest> expected;
  for (const fs::path& f : {corpus / "notes.txt", corpus / "records.jsonl", corpus / "site" / "thymogen-brief.html",
                           corpus / "site" / "thymogen-brief.md", corpus / "site" / "thymogen-brief.pdf"})
    expected.push_back({f.string(), fs::file_size(f), sha256sum(f)});
  CHECK(m.inputs == expected);
  CHECK(r.documents_by_format.size() == 5);
}

TEST_CASE("corpus inputs: the recorded digest is of the bytes the build read, not of the file on disk") {
  TempDir tmp;
  const fs::path corpus = tmp / "corpus";
  write_file(corpus / "a.txt", "Disk text of a, never read.\n");
  write_file(corpus / "b.jsonl", "{\"id\":\"disk\",\"text\":\"never read\"}\n");
  write_file(corpus / "c.txt", "Plain file read from disk about thymogen.\n");
  ServedFiles files;
  const std::string a = "Served text of a: zorblatt is in the index.\n";
  const std::string b = jsonl_records(kPiece + 5000);  // read in short reads of files.chunk bytes
  files.chunk = 64 * 1024;
  files.served[corpus / "a.txt"] = {a};
  files.served[corpus / "b.jsonl"] = {b};

  const BuildReport r = build_index(options_for(corpus, tmp / "index"), nullptr, files);
  const Manifest m = read_manifest(tmp / "index" / r.generation);
  REQUIRE(m.inputs.size() == 3);
  const FileDigest* da = input_named(m.inputs, corpus / "a.txt");
  const FileDigest* db = input_named(m.inputs, corpus / "b.jsonl");
  const FileDigest* dc = input_named(m.inputs, corpus / "c.txt");
  REQUIRE((da && db && dc));
  CHECK(*da == FileDigest{(corpus / "a.txt").string(), a.size(), sha256_hex(a)});
  CHECK(*db == FileDigest{(corpus / "b.jsonl").string(), b.size(), sha256_hex(b)});
  CHECK(dc->sha256 == sha256sum(corpus / "c.txt"));
  CHECK(da->sha256 != sha256sum(corpus / "a.txt"));
  CHECK(r.documents == 2 + static_cast<size_t>(std::count(b.begin(), b.end(), '\n')));
}

TEST_CASE("corpus inputs: the reader hashes what it gave on, also when a JSONL file stops at a read error") {
  TempDir tmp;
  const fs::path file = tmp / "r.jsonl";
  write_file(file, "");  // listed on disk; the bytes are served
  const std::string bytes = jsonl_records(4000);
  const size_t fail_after = 2500;
  ServedFiles files;
  files.served[file] = {bytes, fail_after};

  DocumentReader reader(pep::Vocabulary::load(vocab_dir()).segmenter, files);
  std::vector<Document> docs;
  reader.read_tree(tmp.path(), [&](Document&& d) { docs.push_back(std::move(d)); });
  const std::string read = bytes.substr(0, fail_after);
  REQUIRE(reader.file_hashes().count(file) == 1);
  CHECK(reader.file_hashes().at(file).size == fail_after);
  CHECK(reader.file_hashes().at(file).sha256 == sha256_hex(read));
  // The records of the complete lines read are given on, from the bytes served.
  CHECK(docs.size() == static_cast<size_t>(std::count(read.begin(), read.end(), '\n')));
  REQUIRE(!docs.empty());
  CHECK(docs[0].id == "r0");
  REQUIRE(reader.notes().size() == 1);
  CHECK(reader.notes()[0].reason == "cannot read the rest of the file: Input/output error");
}
