#include "passage_segmenter.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <regex>

#include "collapse_whitespace.h"
#include "segmenter_lines.h"
#include "sentence_breaker.h"
#include "text_analyzer.h"

namespace pep {

using namespace segmenter_lines;

bool is_faq_heading(const std::string& h) {
  const std::string l = lower(h);
  return l.find("frequently asked") != std::string::npos || l == "faq" || l == "faqs" ||
         l.find("common questions") != std::string::npos;
}

bool is_reference_heading(const std::string& h) {
  const std::string l = lower(h);
  return l == "references" || l == "reference" || l == "sources" || l == "bibliography" || l == "citations" ||
         l == "references and sources" || l == "sources and references";
}

PassageSegmenter::PassageSegmenter(const Vocabulary& vocabulary) : vocab_(vocabulary) {
  for (const auto& pattern : vocab_.boilerplate) {
    const std::string p = lower(pattern);
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
  if (line.size() <= longest_line_ && boilerplate_lines_.count(lower(line))) return true;
  const std::string head = lower(line.substr(0, longest_prefix_));
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

std::string guess_publisher(const std::string& text, const std::vector<std::string>& dropped) {
  static const std::regex kCamel(R"(\b[A-Z][a-z]+[A-Z][a-z]+\b)");
  static const std::regex kCapitals(R"(\b(?:by|with a|from) ((?:[A-Z][a-z]+ ){1,3}[A-Z][a-z]+)\b)");
  std::map<std::string, int> votes;
  auto count_in_text = [&text](const std::string& s) {
    int n = 0;
    for (size_t p = text.find(s); p != std::string::npos; p = text.find(s, p + 1)) ++n;
    return n;
  };
  for (const auto& line : dropped) {
    for (std::sregex_iterator it(line.begin(), line.end(), kCamel), end; it != end; ++it) votes[it->str()] = 0;
    for (std::sregex_iterator it(line.begin(), line.end(), kCapitals), end; it != end; ++it) votes[(*it)[1].str()] = 0;
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
  ParsedDocument& parsed = out.parsed;
  const bool markdown = doc.format == "md" || doc.format == "html";  // the HTML reader writes Markdown lines
  const bool raw_text = doc.format == "txt" || doc.format == "pdf";
  const std::vector<Line> lines = split_lines(doc.text, doc.body_offset);
  PassageSink sink(parsed.passages, sentences_);

  std::string section;
  bool in_faq = false, in_refs = false;
  bool after_heading = false;   // the previous line was a heading with no blank line between
  int faq_open = -1;            // index of an FAQ passage still taking answer text (.md)
  int content_lines = 0;        // non-boilerplate lines seen, for title detection
  bool title_found = !doc.title.empty();
  bool want_subtitle = false;

  auto set_heading = [&](const std::string& h) {
    section = h;
    parsed.headings.push_back(h);
    in_faq = is_faq_heading(h);
    in_refs = is_reference_heading(h);
    faq_open = -1;
  };
  auto make = [&](const char* kind, const std::string& text, size_t b, size_t e) {
    Passage p;
    p.kind = kind;
    p.section = section;
    p.text = text;
    p.begin = b;
    p.end = e;
    return p;
  };
  auto next_content = [&](size_t i) -> const Line* {
    for (size_t j = i + 1; j < lines.size(); ++j)
      if (!lines[j].blank() && !is_boilerplate(lines[j].text)) return &lines[j];
    return nullptr;
  };

  for (size_t i = 0; i < lines.size(); ++i) {
    const Line& line = lines[i];
    if (line.blank()) {
      after_heading = false;
      continue;
    }
    if (is_boilerplate(line.text)) {
      parsed.dropped.push_back(line.text);
      continue;
    }
    ++content_lines;

    // --- Markdown headings ---------------------------------------------------------------
    if (markdown && line.text[0] == '#') {
      const size_t level = line.text.find_first_not_of('#');
      const std::string h = collapse_whitespace(line.text.substr(std::min(level, line.text.size())));
      if (level == 1 && doc.title.empty()) {
        doc.title = h;
      } else if (in_faq && level >= 3) {
        sink.emit(make("faq", h, line.begin, line.end));
        parsed.passages.back().lead_in = h;
        faq_open = static_cast<int>(parsed.passages.size()) - 1;
      } else {
        set_heading(h);
      }
      continue;
    }

    // --- Reference list ------------------------------------------------------------------
    if (in_refs) {
      const bool heading_here = raw_text && heading_like(line.text) && !after_heading;
      after_heading = false;
      int n;
      std::string rest;
      if (is_pipe_row(line.text)) {
        auto cells = pipe_cells(line.text);
        if (!is_separator_row(cells) && !(cells.size() > 0 && (cells[0] == "#" || lower(cells[0]) == "no")))
          out.reference_rows.push_back(std::move(cells));
        continue;
      }
      if (numbered_item(line.text, &n, &rest)) {
        out.reference_lines.push_back(line.text);
        continue;
      }
      if (!heading_here) {
        parsed.dropped.push_back(line.text);  // prose around the list, e.g. "Each source links to..."
        continue;
      }
      // a heading: the reference list is over; fall through
    }

    // --- Pipe tables: one passage per row, carrying the header ------------------------------
    if (is_pipe_row(line.text)) {
      std::vector<std::string> header = pipe_cells(line.text);
      size_t j = i + 1;
      if (j < lines.size() && is_pipe_row(lines[j].text) && is_separator_row(pipe_cells(lines[j].text))) ++j;
      for (; j < lines.size() && is_pipe_row(lines[j].text); ++j) {
        const auto cells = pipe_cells(lines[j].text);
        Passage p = make("table_row", "", lines[j].begin, lines[j].end);
        std::string text;
        for (size_t c = 0; c < cells.size(); ++c) {
          const std::string head = c < header.size() ? header[c] : "";
          p.fields.emplace_back(head, cells[c]);
          if (!text.empty()) text += "; ";
          text += head.empty() ? cells[c] : head + ": " + cells[c];
        }
        p.text = text;
        sink.emit(std::move(p));
      }
      i = j - 1;
      after_heading = false;
      continue;
    }

    // --- Bullet lists, with their lead-in line ----------------------------------------------
    std::string item;
    if (strip_bullet(line.text, &item)) {
      std::vector<const Line*> items{&line};
      std::vector<std::string> texts{item};
      size_t j = i + 1;
      for (; j < lines.size(); ++j) {
        if (lines[j].blank()) continue;
        std::string t;
        if (!strip_bullet(lines[j].text, &t)) break;
        items.push_back(&lines[j]);
        texts.push_back(t);
      }
      // The lead-in: the paragraph just before the list, when it ends with a colon.
      std::string lead_in;
      auto& ps = sink.passages();
      if (!ps.empty() && ps.back().kind == "paragraph" && ps.back().section == section &&
          !ps.back().text.empty() && ps.back().text.back() == ':' && ps.back().end <= line.begin) {
        lead_in = ps.back().text;
        ps.pop_back();
      }
      // "Quick facts": alternating label / value bullets become one facts passage.
      bool facts = texts.size() >= 4 && texts.size() % 2 == 0;
      for (size_t k = 0; facts && k < texts.size(); k += 2)
        facts = word_count(texts[k]) <= 3 && texts[k].find_first_of(",.;:()") == std::string::npos;
      if (facts) {
        Passage p = make("facts", "", line.begin, items.back()->end);
        std::string text;
        for (size_t k = 0; k + 1 < texts.size(); k += 2) {
          const std::pair<std::string, std::string> kv{texts[k], texts[k + 1]};
          if (std::find(p.fields.begin(), p.fields.end(), kv) != p.fields.end()) {
            parsed.dropped.push_back("repeated fact: " + kv.first + ": " + kv.second);
            continue;
          }
          p.fields.push_back(kv);
          text += (text.empty() ? "" : ". ") + kv.first + ": " + kv.second;
        }
        p.text = text + ".";
        p.lead_in = lead_in.empty() ? section : lead_in;
        sink.emit(std::move(p));
      } else {
        for (size_t k = 0; k < texts.size(); ++k) {
          Passage p = make("bullet", lead_in.empty() ? texts[k] : lead_in + " " + texts[k], items[k]->begin, items[k]->end);
          p.lead_in = lead_in;
          sink.emit(std::move(p));
        }
      }
      i = j - 1;
      after_heading = false;
      continue;
    }

    if (markdown) {
      // A paragraph runs to the next blank line or block of another kind.
      std::string text = line.text;
      size_t j = i + 1, end = line.end;
      for (; j < lines.size() && !lines[j].blank(); ++j) {
        std::string t;
        if (lines[j].text[0] == '#' || is_pipe_row(lines[j].text) || strip_bullet(lines[j].text, &t)) break;
        text += " " + lines[j].text;
        end = lines[j].end;
      }
      i = j - 1;
      if (faq_open >= 0) {
        Passage& faq = parsed.passages[static_cast<size_t>(faq_open)];
        faq.text += " " + collapse_whitespace(text);
        faq.end = end;
        if (word_count(faq.text) > kMaxWords) {  // a long answer is split like any passage
          Passage whole = faq;
          parsed.passages.erase(parsed.passages.begin() + faq_open);
          sink.emit(std::move(whole));
          faq_open = -1;
        }
        continue;
      }
      sink.emit(make("paragraph", text, line.begin, end));
      continue;
    }

    // --- Raw text (.txt, .jsonl): one line is one block ------------------------------------
    if (raw_text) {
      // Tables whose cells were glued together: 3+ lines splitting into the same 3+ cells.
      if (!line.text.empty() && std::string(".:?!").find(line.text.back()) == std::string::npos) {
        const auto header = split_glued_cells(line.text);
        size_t j = i + 1;
        if (header.size() >= 3) {
          while (j < lines.size() && !lines[j].blank() && split_glued_cells(lines[j].text).size() == header.size() &&
                 std::string(".:?!").find(lines[j].text.back()) == std::string::npos)
            ++j;
        }
        if (header.size() >= 3 && j - i >= 3) {
          for (size_t r = i + 1; r < j; ++r) {
            const auto cells = split_glued_cells(lines[r].text);
            Passage p = make("table_row", "", lines[r].begin, lines[r].end);
            std::string text;
            for (size_t c = 0; c < cells.size(); ++c) {
              p.fields.emplace_back(header[c], cells[c]);
              if (!text.empty()) text += "; ";
              text += header[c] + ": " + cells[c];
            }
            p.text = text;
            sink.emit(std::move(p));
          }
          i = j - 1;
          continue;
        }
      }

      if (in_faq && (is_question(line.text) || !split_glued_question(line.text).first.empty())) {
        auto [label, question] = split_glued_question(line.text);
        if (!label.empty()) parsed.dropped.push_back(label);
        // The answer is the next line of prose.
        const Line* answer = next_content(i);
        std::string text = question;
        size_t end = line.end;
        if (answer && !is_question(answer->text) && !heading_like(answer->text)) {
          text += " " + answer->text;
          end = answer->end;
          while (&lines[i] != answer) ++i;
        }
        Passage p = make("faq", text, line.begin, end);
        p.lead_in = question;
        after_heading = false;
        sink.emit(std::move(p));
        continue;
      }

      const auto glued = split_glued_cells(line.text);
      const bool glued_title = glued.size() == 2 && names_compound(glued[0]);
      if (!title_found && content_lines <= 8 && heading_like(line.text) && !is_banner(line.text) &&
          (glued_title || names_compound(line.text))) {
        const auto& parts = glued;
        if (glued_title) {
          doc.title = parts[0];
          doc.subtitle = parts[1];
        } else {
          doc.title = line.text;
          want_subtitle = true;
        }
        title_found = true;
        continue;
      }

      if (is_banner(line.text)) {
        parsed.headings.push_back(line.text);
        continue;
      }

      // A heading introduces something; a reference heading may close the page with an empty list.
      if (heading_like(line.text) && !after_heading && (next_content(i) != nullptr || is_reference_heading(line.text))) {
        set_heading(line.text);
        after_heading = true;
        want_subtitle = false;
        continue;
      }
      after_heading = false;
      if (want_subtitle) {
        doc.subtitle = line.text;
        want_subtitle = false;
      }
    }

    sink.emit(make("paragraph", line.text, line.begin, line.end));
  }

  if (doc.publisher.empty() && raw_text) doc.publisher = guess_publisher(doc.text, parsed.dropped);
  parsed.doc = std::move(doc);
  return out;
}

}  // namespace pep
