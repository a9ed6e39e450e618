#include "passage_segmenter.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <regex>

#include "ascii_case.h"
#include "collapse_whitespace.h"
#include "segmenter_blocks.h"
#include "segmenter_lines.h"
#include "sentence_breaker.h"
#include "text_analyzer.h"

namespace pep {

using namespace segmenter_lines;

namespace {
// "\b(?:by|with a|from) ((?:[A-Z][a-z]+ ){1,3}[A-Z][a-z]+)\b" for the cues "by", "with a", "from".
std::regex publisher_cue_regex(const std::vector<std::string>& cues) {
  std::string alternatives;
  for (const auto& cue : cues) {
    if (!alternatives.empty()) alternatives += '|';
    for (char c : cue) {
      if (std::string_view(R"(\^$.|?*+()[]{}/)").find(c) != std::string_view::npos) alternatives += '\\';
      alternatives += c;
    }
  }
  // No cue: a pattern that never matches, so no name is proposed after one.
  if (alternatives.empty()) return std::regex(R"([^\s\S])");
  return std::regex(R"(\b(?:)" + alternatives + R"() ((?:[A-Z][a-z]+ ){1,3}[A-Z][a-z]+)\b)");
}
}  // namespace

PassageSegmenter::PassageSegmenter(const Vocabulary& vocabulary)
    : vocab_(vocabulary), publisher_cue_(publisher_cue_regex(vocabulary.segmenter.publisher_cues)) {
  for (const auto& pattern : vocab_.boilerplate) {
    const std::string p = ascii_lower(pattern);
    if (!p.empty() && p.back() == '*') {
      boilerplate_prefixes_.push_back(p.substr(0, p.size() - 1));
      longest_prefix_ = std::max(longest_prefix_, p.size() - 1);
    } else {
      boilerplate_lines_.insert(p);
      longest_line_ = std::max(longest_line_, p.size());
    }
  }
}

bool PassageSegmenter::is_boilerplate(const std::string& line) const {
  if (line.size() <= longest_line_ && boilerplate_lines_.count(ascii_lower(line))) return true;
  const std::string head = ascii_lower(line.substr(0, longest_prefix_));
  for (const auto& prefix : boilerplate_prefixes_)
    if (head.compare(0, prefix.size(), prefix) == 0) return true;
  return false;
}

namespace {

// Accumulates passages, splitting long ones at sentence boundaries.
class PassageSink {
 public:
  PassageSink(std::vector<Passage>& out, SentenceBreaker& sentences) : out_(out), sentences_(sentences) {}

  void emit(Passage p) {
    p.text = collapse_whitespace(p.text);
    if (p.text.empty()) return;
    if (collapsed_word_count(p.text) <= PassageSegmenter::kMaxWords) {
      out_.push_back(std::move(p));
      return;
    }
    // Chunks of about 100 words on sentence boundaries; a short tail joins the chunk before it.
    // The text moves out of `p` first: each chunk copies `p`, and copying a huge paragraph per
    // chunk was quadratic in its length.
    const std::string whole = std::move(p.text);
    p.text.clear();
    // Each chunk ends with the sentence that holds its 100th word; ICU is asked only there. A
    // sentence running past kWordLimit words is cut after its 100th word instead, so no chunk
    // exceeds kWordLimit whatever the punctuation. A boundary found beyond the cut still answers
    // for the chunks before it: asking again from further back would rescan the text each time.
    sentences_.set_text(whole);
    std::vector<std::pair<size_t, size_t>> chunks;
    size_t b = 0, boundary = 0;
    for (size_t at = collapsed_nth_word_start(whole, b, 100); at != std::string::npos; at = collapsed_nth_word_start(whole, b, 100)) {
      if (boundary <= at) boundary = sentences_.following(at);
      size_t cut = boundary;
      if (const size_t limit = collapsed_nth_word_start(whole, b, PassageSegmenter::kWordLimit + 1); limit < cut)
        cut = collapsed_nth_word_start(whole, b, 101);
      chunks.push_back({b, cut});
      b = cut;
    }
    if (b < whole.size()) {
      const auto words_in = [&](size_t from, size_t to) { return collapsed_word_count(std::string_view(whole).substr(from, to - from)); };
      const size_t tail = words_in(b, whole.size());
      if (!chunks.empty() && tail < 40 && words_in(chunks.back().first, b) + tail <= PassageSegmenter::kWordLimit)
        chunks.back().second = whole.size();
      else
        chunks.push_back({b, whole.size()});
    }
    for (const auto& [cb, ce] : chunks) {
      Passage part = p;
      // `whole` is collapsed already: a chunk only needs the space at a sentence end trimmed.
      size_t tb = cb, te = ce;
      while (tb < te && whole[tb] == ' ') ++tb;
      while (te > tb && whole[te - 1] == ' ') --te;
      part.text = whole.substr(tb, te - tb);
      // Offsets: exact when the source had no runs of whitespace, close otherwise.
      part.begin = std::min(p.end, p.begin + cb);
      part.end = std::min(p.end, p.begin + ce);
      if (!part.text.empty()) out_.push_back(std::move(part));
    }
  }

  std::vector<Passage>& passages() { return out_; }

 private:
  std::vector<Passage>& out_;
  SentenceBreaker& sentences_;
};

// `cue`: a publisher cue and the capitalised name after it (publisher_cue_regex).
std::string guess_publisher(const std::string& text, const std::vector<std::string>& dropped, const std::regex& cue) {
  static const std::regex kCamel(R"(\b[A-Z][a-z]+[A-Z][a-z]+\b)");
  std::map<std::string, int> votes;
  auto count_in_text = [&text](const std::string& s) {
    int n = 0;
    for (size_t p = text.find(s); p != std::string::npos; p = text.find(s, p + 1)) ++n;
    return n;
  };
  for (const auto& line : dropped) {
    for (std::sregex_iterator it(line.begin(), line.end(), kCamel), end; it != end; ++it) votes[it->str()] = 0;
    for (std::sregex_iterator it(line.begin(), line.end(), cue), end; it != end; ++it) votes[(*it)[1].str()] = 0;
  }
  for (auto& [name, n] : votes) n = count_in_text(name);
  // A name must recur to count as the site's own; "True Heal" gives way to "True Heal Wellness".
  std::string best;
  int best_n = 1;
  for (const auto& [name, n] : votes) {
    if (n < 2) continue;
    bool extended = false;
    for (const auto& [other, m] : votes)
      extended = extended || (m >= 2 && other.size() > name.size() && other.rfind(name, 0) == 0);
    if (!extended && n > best_n) {
      best = name;
      best_n = n;
    }
  }
  return best;
}

}  // namespace

SegmentedDocument PassageSegmenter::segment(Document doc, const CompoundTest& names_compound) const {
  SegmentedDocument out;
  const bool markdown = doc.format == DocumentFormat::md || doc.format == DocumentFormat::html;  // the HTML reader writes Markdown lines
  const bool raw_text = doc.format == DocumentFormat::txt || doc.format == DocumentFormat::pdf;
  const std::vector<Line> lines = split_lines(doc.text, doc.body_offset);
  PassageSink sink(out.parsed.passages, sentences_);
  segmenter_blocks::SegmentState state(
      out, doc, lines, [&sink](Passage p) { sink.emit(std::move(p)); },
      [this](const std::string& line) { return is_boilerplate(line); }, names_compound, vocab_.segmenter, markdown, raw_text);
  segmenter_blocks::read_blocks(state);

  if (doc.publisher.empty() && raw_text) doc.publisher = guess_publisher(doc.text, out.parsed.dropped, publisher_cue_);
  out.parsed.doc = std::move(doc);
  return out;
}

}  // namespace pep
