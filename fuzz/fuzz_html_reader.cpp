// Fuzzes what pepindex does with one .html file: DocumentReader::read_text (which sniffs the
// content and hands it to the html reader) then MonographParser::parse. The input is the file.
// Any crash, sanitizer report or uncaught exception is a bug.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "data_dir.h"
#include "document_reader.h"
#include "monograph_parser.h"
#include "vocabulary.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const pep::Vocabulary vocab = pep::Vocabulary::load(pep::default_vocabulary_dir());
  // As in fuzz_document_parser.cpp: the parser's word-form table grows with random input.
  static std::unique_ptr<pep::MonographParser> parser;
  if (!parser || parser->forms().size() > 200000) parser = std::make_unique<pep::MonographParser>(vocab);
  pep::DocumentReader reader(vocab.segmenter);
  reader.read_text("fuzz.html", ".html", std::string(reinterpret_cast<const char*>(data), size),
                   [](pep::Document&& d) { (void)parser->parse(std::move(d)); });
  return 0;
}
