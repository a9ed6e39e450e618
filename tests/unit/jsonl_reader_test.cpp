// DocumentReader's JSONL records: what is a record, what is skipped with which note. The cases
// are the edges where JSON parsers differ; each was checked against the nlohmann reader this one
// replaced (same notes, same stored records).
#include <catch2/catch.hpp>

#include "document_reader.h"

using pep::Document;
using pep::DocumentReader;

namespace {

struct Read {
  std::vector<Document> docs;
  std::vector<std::string> notes;  // "<line>: <reason>"
};

Read read_jsonl(const std::string& text) {
  Read r;
  DocumentReader reader;
  reader.read_text("r.jsonl", ".jsonl", text, [&](Document&& d) { r.docs.push_back(std::move(d)); });
  for (const auto& n : reader.notes()) r.notes.push_back(std::to_string(n.line) + ": " + n.reason);
  return r;
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
  CHECK(r.docs[0].format == "jsonl");
  CHECK(r.docs[1].text == "second");  // a repeated key keeps its last value
  CHECK(r.docs[2].text == "café \"q\" \xF0\x9F\x98\x80");
  CHECK(r.docs[3].id == "a9");
  CHECK(r.docs[3].title.empty());  // not a string: absent
  CHECK(r.notes == std::vector<std::string>{"2: not a JSON object", "4: record lacks a string \"id\" field", "5: not a JSON object",
                                            "7: not a JSON object", "10: not a JSON object", "11: not a JSON object"});
}
