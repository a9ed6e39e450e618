// EnglishWords: whether a word is real English, by Hunspell's en_US dictionary (Debian's
// hunspell-en-us, read with libhunspell): the spelling corrector leaves such a word alone even
// when the index lacks it ("halal", "insisted", "methadone", "cipro") and reports it unknown,
// instead of "correcting" it into an unrelated index word (query_analysis.cpp).
//
// Data: one Hunspell object with its dictionary, loaded once (kSystemDictionary by default).
// Errors: a missing dictionary is not an error: knows() is then false for every word (corrections
// then rest on the index's words alone) and available() says so. Threading: Hunspell is not
// thread-safe: one EnglishWords per QueryEngine, like its Xapian objects.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

class Hunspell;

namespace pep {

class EnglishWords {
 public:
  // `stem` names the dictionary's two files: stem + ".aff" and stem + ".dic".
  explicit EnglishWords(const std::filesystem::path& stem = kSystemDictionary);
  ~EnglishWords();
  EnglishWords(const EnglishWords&) = delete;
  EnglishWords& operator=(const EnglishWords&) = delete;

  bool available() const { return speller_ != nullptr; }
  // `word` as a reader typed it (any case): an English word or an inflection of one.
  bool knows(const std::string& word) const;

  static constexpr const char* kSystemDictionary = "/usr/share/hunspell/en_US";

 private:
  std::unique_ptr<Hunspell> speller_;
};

}  // namespace pep
