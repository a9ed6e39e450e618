// Fuzzes what pepindex does with one corpus file: DocumentReader::read_text then
// MonographParser::parse. The first byte picks the format (.txt, .md, .jsonl); the rest is the file.
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
  // parse() numbers every new word form in the parser's FormTable, which grows with the corpus'
  // vocabulary; random input has no end of new forms, so the parser is renewed now and then.
  static std::unique_ptr<pep::MonographParser> parser;
  if (!parser || parser->forms().size() > 200000) parser = std::make_unique<pep::MonographParser>(vocab);
  if (size == 0) return 0;
  static const char* const kExtensions[] = {".txt", ".md", ".jsonl"};
  const std::string ext = kExtensions[data[0] % 3];
  pep::DocumentReader reader(vocab.segmenter);
  reader.read_text("fuzz" + ext, ext, std::string(reinterpret_cast<const char*>(data + 1), size - 1),
                   [](pep::Document&& d) { (void)parser->parse(std::move(d)); });
  return 0;
}
