#include "snippet_maker.h"

#include "terminal_text.h"

#include <algorithm>
#include <string_view>

namespace pep {

std::vector<SnippetPiece> SnippetMaker::make(const std::string& text, const HighlightTerms& hl, size_t window_words) const {
  const std::vector<Word> words = analyzer_.analyze(text);
  // English stemming only rewrites endings, so a word whose first two letters begin no
  // highlighted stem cannot stem to one: most words skip the stemmer.
  std::vector<std::string_view> stem_heads;
  for (const auto& st : hl.stems) stem_heads.push_back(std::string_view(st).substr(0, 2));
  auto may_stem_to_highlight = [&](const std::string& form) {
    return std::find(stem_heads.begin(), stem_heads.end(), std::string_view(form).substr(0, 2)) != stem_heads.end();
  };
  auto matches = [&](const std::string& form) {
    if (hl.forms.count(form)) return true;
    if (may_stem_to_highlight(form) && hl.stems.count(analyzer_.stem(form))) return true;
    for (const auto& p : hl.prefixes)
      if (form.size() >= p.size() && form.compare(0, p.size(), p) == 0) return true;
    return false;
  };
  // hit[i]: -1 for no match, else an id of the matched form (the same form, the same id).
  std::vector<int> hit(words.size(), -1);
  std::vector<const std::string*> forms;
  for (size_t i = 0; i < words.size(); ++i) {
    bool h = matches(words[i].form);
    for (const auto& p : words[i].parts) h = h || matches(p);
    if (!h) continue;
    size_t id = 0;
    while (id < forms.size() && *forms[id] != words[i].form) ++id;
    if (id == forms.size()) forms.push_back(&words[i].form);
    hit[i] = static_cast<int>(id);
  }

  // The window with the most distinct matched forms, then the most matches (sliding counts).
  size_t best_start = 0, best_score = 0;
  if (words.size() > window_words) {
    std::vector<size_t> in_window(forms.size(), 0);
    size_t distinct = 0, count = 0;
    auto enter = [&](size_t i, int step) {
      if (hit[i] < 0) return;
      size_t& n = in_window[static_cast<size_t>(hit[i])];
      if (step > 0) distinct += (n++ == 0), ++count;
      else distinct -= (--n == 0), --count;
    };
    for (size_t i = 0; i < window_words; ++i) enter(i, +1);
    for (size_t s = 0;; ++s) {
      const size_t score = distinct * 100 + count;
      if (score > best_score) best_score = score, best_start = s;
      if (s + window_words >= words.size()) break;
      enter(s, -1);
      enter(s + window_words, +1);
    }
  }
  // Centre the matches of the best window, so the words after the last match show too.
  if (words.size() > window_words) {
    size_t lo = best_start + window_words, hi = best_start;
    for (size_t i = best_start; i < best_start + window_words; ++i)
      if (hit[i] >= 0) lo = std::min(lo, i), hi = std::max(hi, i);
    if (lo <= hi) {
      const size_t centre = (lo + hi) / 2;
      best_start = centre > window_words / 2 ? centre - window_words / 2 : 0;
      best_start = std::min(best_start, words.size() - window_words);
    }
  }
  const size_t first = best_start;
  const size_t last = std::min(words.size(), best_start + window_words);  // exclusive

  std::vector<SnippetPiece> out;
  size_t from = words.empty() || first == 0 ? 0 : words[first].begin;
  const size_t to = words.empty() || last == words.size() ? text.size() : words[last - 1].end;
  if (from > 0) out.push_back({"\xE2\x80\xA6", false});
  for (size_t i = first; i < last; ++i) {
    if (hit[i] < 0) continue;
    if (words[i].begin > from) out.push_back({text.substr(from, words[i].begin - from), false});
    out.push_back({text.substr(words[i].begin, words[i].end - words[i].begin), true});
    from = words[i].end;
  }
  if (to > from) out.push_back({text.substr(from, to - from), false});
  if (to < text.size()) out.push_back({"\xE2\x80\xA6", false});
  return out;
}

std::string html_escape(const std::string& s) {
  std::string out;
  out.reserve(s.size() + 16);
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string render_html(const std::vector<SnippetPiece>& pieces) {
  std::string out;
  for (const auto& p : pieces) out += p.match ? "<mark>" + html_escape(p.text) + "</mark>" : html_escape(p.text);
  return out;
}

std::string render_terminal(const std::vector<SnippetPiece>& pieces, bool colour) {
  std::string out;
  for (const auto& p : pieces) out += (p.match && colour) ? "\x1b[1;33m" + printable(p.text) + "\x1b[0m" : printable(p.text);
  return out;
}

}  // namespace pep
