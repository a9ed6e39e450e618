#include "english_words.h"

#include <hunspell.hxx>

#include <cctype>

namespace pep {

EnglishWords::EnglishWords(const std::filesystem::path& stem) {
  const std::string aff = stem.string() + ".aff", dic = stem.string() + ".dic";
  std::error_code ec;
  if (std::filesystem::is_regular_file(aff, ec) && std::filesystem::is_regular_file(dic, ec))
    speller_ = std::make_unique<Hunspell>(aff.c_str(), dic.c_str());
}

EnglishWords::~EnglishWords() = default;

// A query's words arrive case-folded: "cipro" is the dictionary's "Cipro", so a word is also tried
// with its first letter upper-cased.
bool EnglishWords::knows(const std::string& word) const {
  if (!speller_ || word.empty()) return false;
  if (speller_->spell(word)) return true;
  std::string capital = word;
  capital[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(capital[0])));
  return capital != word && speller_->spell(capital);
}

}  // namespace pep
