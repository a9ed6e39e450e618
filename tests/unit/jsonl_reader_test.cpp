// DocumentReader's JSONL records: what is a record, what is skipped with which note. The cases
// are the edges where JSON parsers differ; each was checked against the nlohmann reader this one
// replaced (same notes, same stored records).
#include <catch2/catch.hpp>

#include "document_reader.h"
#include "test_env.h"

using pep::Document;
using pep::DocumentReader;

namespace {

struct Read {
  std::vector<Document> docs;
  std::vector<std::string> notes;  // "<line>: <reason>"
};

Read read_jsonl(const std::string& text) {
  Read r;
  DocumentReader reader(pep::Vocabulary::load(pep::test::vocab_dir()).segmenter);
  reader.read_text("r.jsonl", ".jsonl", text, [&](Document&& d) { r.docs.push_back(std::move(d)); });
  for (const auto& n : reader.notes()) r.notes.push_back(std::to_string(n.line) + ": " + n.reason);
  return r;
}

// The same text read from a file, which DocumentReader reads piece by piece (about 1 MiB each).
Read read_jsonl_file(const std::string& text) {
  pep::test::TempDir tmp;
  pep::test::write_file(tmp / "r.jsonl", text);
  Read r;
  DocumentReader reader(pep::Vocabulary::load(pep::test::vocab_dir()).segmenter);
  reader.read_file(tmp / "r.jsonl", tmp.path(), [&](Document&& d) { r.docs.push_back(std::move(d)); });
  for (const auto& n : reader.notes()) r.notes.push_back(std::to_string(n.line) + ": " + n.reason);
  return r;
}

std::string record(int n, const std::string& text) {
  return "{\"id\":\"r" + std::to_string(n) + "\",\"text\":\"" + text + "\"}\n";
}

}  // namespace

TEST_CASE("JSONL: one well-formed object per line is a record; anything else is skipped with a note") {
  const Read r = read_jsonl(
      "{\"id\":\"a1\",\"text\":\"plain\",\"title\":\"T\",\"url\":\"http://u\",\"publisher\":\"P\",\"extra\":{\"x\":[1,{\"y\":null}]}}\n"
      "{\"id\":\"a2\",\"text\":\"trailing\"} xyz\n"
      "{\"id\":\"a3\",\"text\":\"first\",\"text\":\"second\"}\n"
      "{\"id\":4,\"text\":\"numeric id\"}\n"
      "[\"an\",\"array\"]\n"
      "{\"id\":\"a6\",\"text\":\"caf\\u00e9 \\\"q\\\" \\ud83d\\ude00\"}\n"
      "{\"id\":\"a7\",\"text\":\"lone \\ud83d surrogate\"}\n"
      "\n"
      "  {\"id\":\"a9\",\"text\":\"spaces around\",\"title\":7}  \n"
      "{\"id\":\"a10\",\"text\":\"trailing comma\",}\n"
      "{\"id\":\"a11\",\"text\":\"unclosed\"\n");
  REQUIRE(r.docs.size() == 4);
  CHECK(r.docs[0].id == "a1");
  CHECK(r.docs[0].text == "plain");
  CHECK(r.docs[0].title == "T");
  CHECK(r.docs[0].url == "http://u");
  CHECK(r.docs[0].publisher == "P");
  CHECK(r.docs[0].format == pep::DocumentFormat::jsonl);
  CHECK(r.docs[1].text == "second");  // a repeated key keeps its last value
  CHECK(r.docs[2].text == "café \"q\" \xF0\x9F\x98\x80");
  CHECK(r.docs[3].id == "a9");
  CHECK(r.docs[3].title.empty());  // not a string: absent
  CHECK(r.notes == std::vector<std::string>{"2: not a JSON object", "4: record lacks a string \"id\" field", "5: not a JSON object",
                                            "7: not a JSON object", "10: not a JSON object", "11: not a JSON object"});
}

TEST_CASE("JSONL: a file of several pieces reads as one text, lines counted across pieces") {
  // ~3.4 MiB: records cross piece ends; line 5000 is bad; one 1.5 MiB record is longer than a
  // piece; an invalid UTF-8 byte and a NUL byte come after the first piece.
  std::string text;
  const std::string filler(600, 'x');
  for (int n = 1; n <= 4999; ++n) text += record(n, "record " + std::to_string(n) + " " + filler);
  text += "{not json\n";  // line 5000
  text += record(5001, "long " + std::string(1500 * 1024, 'y'));
  text += record(5002, "bad byte \xFF here");
  text += std::string("{\"id\":\"r5003\",\"text\":\"nul ") + '\0' + " inside\"}\n";
  text += record(5004, "last, without a newline").substr(0, record(5004, "last, without a newline").size() - 1);
  REQUIRE(text.size() > 3 * (size_t{1} << 20));

  for (const Read& r : {read_jsonl(text), read_jsonl_file(text)}) {
    REQUIRE(r.docs.size() == 5002);
    CHECK(r.docs[0].id == "r1");
    CHECK(r.docs[4998].id == "r4999");
    CHECK(r.docs[4999].id == "r5001");
    CHECK(r.docs[4999].text.size() == 5 + 1500 * 1024);
    CHECK(r.docs[5000].text == "bad byte \xEF\xBF\xBD here");
    CHECK(r.docs[5001].text == "last, without a newline");
    // The file's UTF-8 note first, as a whole-file check would give it, then the lines' notes.
    CHECK(r.notes == std::vector<std::string>{"0: 1 invalid UTF-8 sequence(s) replaced by U+FFFD", "5000: not a JSON object",
                                              "5003: not a JSON object"});
  }
}

TEST_CASE("JSONL: a NUL byte in the first piece makes a binary file; a blank file is empty, however long") {
  std::string binary = record(1, "fine");
  binary += std::string("\0\x01\x02", 3) + "\n" + record(2, "also fine");
  for (const Read& r : {read_jsonl(binary), read_jsonl_file(binary)}) {
    CHECK(r.docs.empty());
    CHECK(r.notes == std::vector<std::string>{"0: binary file (contains NUL bytes)"});
  }
  const std::string blank(3u << 20, '\n');
  for (const Read& r : {read_jsonl(blank), read_jsonl_file(blank), read_jsonl("")}) {
    CHECK(r.docs.empty());
    CHECK(r.notes == std::vector<std::string>{"0: empty file"});
  }
}
