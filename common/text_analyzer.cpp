// The analyzer's ICU path and its assembly of words; the ASCII fast path's scanners, which must
// give the same word spans as ICU, are in ascii_words.h (tests compare the two on whole corpora).
#include "text_analyzer.h"

#include "ascii_words.h"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>
#include <xapian.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <unordered_map>

namespace pep {
namespace {

// Greek letters are spelled out so "Tα1", "T-alpha-1" and "Talpha1" meet. This is a fact of the
// alphabet, not project vocabulary, so it lives here rather than under corpus/. Mu is left alone:
// "µg" must stay a unit, not become "mug".
const char* greek_name(UChar32 c) {
  static const char* const kNames[] = {
      "alpha", "beta", "gamma", "delta", "epsilon", "zeta",  "eta",     "theta",
      "iota",  "kappa", "lambda", nullptr, "nu",     "xi",    "omicron", "pi",
      "rho",   "sigma", "sigma", "tau",   "upsilon", "phi",  "chi",     "psi",
      "omega"};
  if (c >= 0x03B1 && c <= 0x03C9) return kNames[c - 0x03B1];
  return nullptr;
}

// A normalized text plus, for each UTF-16 unit of it, the byte range of the source it came from.
struct MappedText {
  icu::UnicodeString text;
  std::vector<std::pair<uint32_t, uint32_t>> source;  // per UTF-16 unit
};

void append_mapped(MappedText& out, const icu::UnicodeString& piece, uint32_t b, uint32_t e) {
  out.text.append(piece);
  out.source.insert(out.source.end(), static_cast<size_t>(piece.length()), {b, e});
}

MappedText normalize_mapped(std::string_view text, const icu::Normalizer2& nfkc_cf) {
  MappedText out;
  out.source.reserve(text.size());
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t n = static_cast<int32_t>(text.size());
  int32_t i = 0;
  icu::UnicodeString chunk;
  uint32_t chunk_begin = 0;
  auto flush = [&](uint32_t chunk_end) {
    if (chunk.isEmpty()) return;
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString folded = nfkc_cf.normalize(chunk, status);
    if (U_FAILURE(status)) folded = chunk;
    for (int32_t k = 0; k < folded.length();) {
      UChar32 c = folded.char32At(k);
      k += U16_LENGTH(c);
      if (const char* name = greek_name(c)) {
        append_mapped(out, icu::UnicodeString(name), chunk_begin, chunk_end);
      } else if (is_dash(c)) {
        append_mapped(out, icu::UnicodeString(u'-'), chunk_begin, chunk_end);
      } else if (is_apostrophe(c)) {
        append_mapped(out, icu::UnicodeString(u'\''), chunk_begin, chunk_end);
      } else {
        append_mapped(out, icu::UnicodeString(c), chunk_begin, chunk_end);
      }
    }
    chunk.remove();
  };
  while (i < n) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) c = 0xFFFD;
    if (c < 0x80) {
      // ASCII fast path: the bulk of every corpus; NFKC of ASCII is ASCII, folding is tolower.
      flush(static_cast<uint32_t>(start));
      UChar lower = static_cast<UChar>((c >= 'A' && c <= 'Z') ? c + 32 : c);
      out.text.append(lower);
      out.source.push_back({static_cast<uint32_t>(start), static_cast<uint32_t>(i)});
      continue;
    }
    if (nfkc_cf.hasBoundaryBefore(c)) flush(static_cast<uint32_t>(start));
    if (chunk.isEmpty()) chunk_begin = static_cast<uint32_t>(start);
    chunk.append(c);
  }
  flush(static_cast<uint32_t>(n));
  return out;
}

bool is_digitish(char c) { return (c >= '0' && c <= '9') || c == '.' || c == ','; }

bool all_numeric(std::string_view s) {
  for (char c : s)
    if (!is_digitish(c)) return false;
  return !s.empty();
}

bool has_digit(const std::string& s) {
  for (char c : s)
    if (c >= '0' && c <= '9') return true;
  return false;
}

// How often `w` changes between digits and letters; `last` gets the position of the last change.
size_t letter_digit_changes(std::string_view w, size_t& last) {
  size_t changes = 0;
  for (size_t k = 1; k < w.size(); ++k) {
    if (is_digitish(w[k]) != is_digitish(w[k - 1])) {
      ++changes;
      last = k;
    }
  }
  return changes;
}

// Appends the pieces of one word to `out`: apostrophes go ("patient's" -> "patient"), and a
// single letter/digit change splits it ("alpha1" -> "alpha","1"; "5mg" -> "5","mg"); words with
// more than one change ("c16h19n3o5", "tlr2tlr9") stay whole: they are codes, not a name plus a
// number. Allocation-free for the common word that needs neither.
void append_pieces(std::string w, std::vector<std::string>& out) {
  if (w.find('\'') != std::string::npos) {
    if (w.size() > 2 && w.compare(w.size() - 2, 2, "'s") == 0) w.resize(w.size() - 2);
    w.erase(std::remove(w.begin(), w.end(), '\''), w.end());
  }
  size_t change = 0;
  if (letter_digit_changes(w, change) == 1) {
    out.push_back(w.substr(0, change));
    out.push_back(w.substr(change));
  } else if (!w.empty()) {
    out.push_back(std::move(w));
  }
}

// Whether append_pieces() would keep `w` as it is: no apostrophe, and not exactly one
// letter/digit change.
bool is_plain_word(std::string_view w) {
  size_t unused = 0;
  return w.find('\'') == std::string_view::npos && letter_digit_changes(w, unused) != 1;
}

}  // namespace

struct TextAnalyzer::Impl {
  const icu::Normalizer2* nfkc_cf = nullptr;
  std::unique_ptr<icu::BreakIterator> words;
  Xapian::Stem stemmer{"english"};
  // Stemming is per word and words repeat: a bounded memo saves most Snowball calls.
  mutable std::unordered_map<std::string, std::string> stems;
};

TextAnalyzer::TextAnalyzer() : impl_(std::make_unique<Impl>()) {
  UErrorCode status = U_ZERO_ERROR;
  impl_->nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU: cannot load NFKC_Casefold data");
  impl_->words.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  if (U_FAILURE(status)) throw std::runtime_error("ICU: cannot create word break iterator");
}

TextAnalyzer::~TextAnalyzer() = default;

namespace {

// Words from word spans of a normalized text: hyphen runs become compounds, letter/digit
// changes are split, numeric ranges stay apart. `unit(i)` is the normalized text's unit at i,
// `piece(b, e)` its UTF-8 between units (valid until the next call), `source(i)` the source byte
// range of unit i. Each word goes to `emit(form, parts, begin, end)`, which may move from `parts`.
template <class Unit, class Piece, class Source, class Emit>
void assemble_words(const std::vector<WordSpan>& spans, Unit unit, Piece piece, Source source, Emit& emit) {
  std::vector<std::string> pieces;
  const std::vector<std::string> no_parts;
  for (size_t i = 0; i < spans.size();) {
    // A run of words joined by single hyphens is one compound word.
    size_t j = i;
    while (j + 1 < spans.size() && spans[j + 1].b == spans[j].e + 1 && unit(spans[j].e) == u'-') ++j;
    const size_t begin = source(spans[i].b).first;
    const size_t end = source(spans[j].e - 1).second;
    pieces.clear();
    if (j == i) {
      // Most words: one span that append_pieces() would keep whole. Given as it is.
      const std::string_view w = piece(spans[i].b, spans[i].e);
      if (spans[i].letters_only || is_plain_word(w)) {
        emit(w, no_parts, begin, end);
        i = j + 1;
        continue;
      }
      append_pieces(std::string(w), pieces);
    } else {
      for (size_t k = i; k <= j; ++k) append_pieces(std::string(piece(spans[k].b, spans[k].e)), pieces);
    }
    bool numeric_run = pieces.size() > 1;
    for (const auto& p : pieces) numeric_run = numeric_run && all_numeric(p);
    if (numeric_run) {
      // "0.77-1.27" is a range, not one thing: keep the numbers apart.
      for (const auto& p : pieces) emit(p, no_parts, begin, end);
    } else if (pieces.size() == 1) {
      emit(pieces[0], no_parts, begin, end);
    } else if (!pieces.empty()) {
      std::string joined;
      for (const auto& p : pieces) joined += p;
      emit(joined, pieces, begin, end);
    }
    i = j + 1;
  }
}

// The emit of assemble_words() that builds Word objects.
struct WordList {
  std::vector<Word>& out;
  void reserve(size_t words) { out.reserve(words); }
  void operator()(std::string_view form, std::vector<std::string>& parts, size_t begin, size_t end) const {
    out.push_back(Word{std::string(form), std::move(parts), begin, end});
  }
  void operator()(std::string_view form, const std::vector<std::string>& no_parts, size_t begin, size_t end) const {
    out.push_back(Word{std::string(form), no_parts, begin, end});
  }
};

template <class Source, class Emit>
void ascii_words(const std::string& lower, Source source, Emit& emit) {
  const std::vector<WordSpan> spans = ascii_word_spans(lower);
  emit.reserve(spans.size());
  assemble_words(
      spans, [&](int32_t i) { return static_cast<char16_t>(lower[static_cast<size_t>(i)]); },
      [&](int32_t b, int32_t e) { return std::string_view(lower).substr(static_cast<size_t>(b), static_cast<size_t>(e - b)); },
      source, emit);
}

// Gives the words of `text` to `emit` if it is ASCII (possibly after mapping dashes and
// apostrophes); false, with nothing given, for text that needs ICU.
template <class Emit>
bool analyze_ascii(std::string_view text, Emit& emit) {
  // Plain ASCII (most of every corpus): NFKC case folding is lower-casing, offsets are identity.
  std::string lower;
  if (lower_plain_ascii(text, lower)) {
    ascii_words(lower, [](int32_t i) { return std::pair<size_t, size_t>(static_cast<size_t>(i), static_cast<size_t>(i) + 1); }, emit);
    return true;
  }
  MappedAscii mapped;
  if (!map_to_ascii(text, mapped)) return false;
  ascii_words(mapped.lower, [&](int32_t i) { return mapped.source[static_cast<size_t>(i)]; }, emit);
  return true;
}

}  // namespace

std::vector<Word> TextAnalyzer::analyze(std::string_view text) const {
  std::vector<Word> out;
  WordList emit{out};
  if (!analyze_ascii(text, emit)) return analyze_unicode(text);
  return out;
}

void TextAnalyzer::visit(std::string_view text, WordVisitor& visitor) const {
  struct Emit {
    WordVisitor& visitor;
    void reserve(size_t) {}
    void operator()(std::string_view form, const std::vector<std::string>& parts, size_t, size_t) { visitor.word(form, parts); }
  } emit{visitor};
  if (analyze_ascii(text, emit)) return;
  for (const Word& w : analyze_unicode(text)) visitor.word(w.form, w.parts);  // rare: not worth a path of its own
}

std::vector<Word> TextAnalyzer::analyze_unicode(std::string_view text) const {
  const MappedText norm = normalize_mapped(text, *impl_->nfkc_cf);
  icu::BreakIterator& it = *impl_->words;
  it.setText(norm.text);

  std::vector<WordSpan> spans;
  for (int32_t b = it.first(), e = it.next(); e != icu::BreakIterator::DONE; b = e, e = it.next()) {
    const int32_t status = it.getRuleStatus();
    if (status >= UBRK_WORD_NONE && status < UBRK_WORD_NONE_LIMIT) continue;
    spans.push_back({b, e});
  }
  std::vector<Word> out;
  WordList emit{out};
  emit.reserve(spans.size());
  std::string utf8;
  assemble_words(
      spans, [&](int32_t i) { return static_cast<char16_t>(norm.text[i]); },
      [&](int32_t b, int32_t e) {
        utf8.clear();
        norm.text.tempSubStringBetween(b, e).toUTF8String(utf8);
        return std::string_view(utf8);
      },
      [&](int32_t i) { return std::pair<size_t, size_t>(norm.source[static_cast<size_t>(i)].first, norm.source[static_cast<size_t>(i)].second); },
      emit);
  return out;
}

std::string TextAnalyzer::normalize(std::string_view text) const {
  std::string out;
  for (const auto& w : analyze(text)) {
    if (!out.empty()) out.push_back(' ');
    out += w.form;
  }
  return out;
}

std::string TextAnalyzer::stem(const std::string& form) const {
  if (has_digit(form)) return form;
  auto& memo = impl_->stems;
  if (auto it = memo.find(form); it != memo.end()) return it->second;
  if (memo.size() > 500000) memo.clear();
  return memo.emplace(form, impl_->stemmer(form)).first->second;
}

}  // namespace pep
