#include "jsonl_reader.h"

#include <memory>
#include <string_view>

namespace fs = std::filesystem;

namespace pep {

// MedQuAD's question type of the records that introduce their subject ("What is (are) Gout ?").
constexpr std::string_view kOverviewQuestionType = "information";

// Bytes already in memory are cut into pieces as from a file, so both paths judge a file alike.
void DocumentReader::read_jsonl_bytes(const std::string& rel, const std::string& text, const Sink& sink) {
  JsonlRead r(rel, notes_.size());
  size_t at = 0;
  while (at < text.size()) {
    size_t end = text.size();
    if (text.size() - at > kJsonlPieceBytes) {
      const size_t eol = text.find('\n', at + kJsonlPieceBytes);
      if (eol != std::string::npos) end = eol + 1;
    }
    if (!read_jsonl_piece(r, std::string_view(text).substr(at, end - at), sink)) return;
    at = end;
  }
  return end_jsonl(r);
}

// A file is read in pieces of whole lines so that the workers start on its first records while
// the rest is still being read, and the file is never in memory at once. Its bytes are hashed as
// they are read (file_hashes_), up to where reading stops.
void DocumentReader::read_jsonl_file(const fs::path& file, const std::string& rel, const Sink& sink) {
  std::string why;
  const std::unique_ptr<CorpusFile> f = files().open(file, why);  // closed however this returns
  if (!f) {
    notes_.push_back({rel, 0, "cannot read file: " + why});
    return;
  }
  JsonlRead r(rel, notes_.size());
  Sha256 hash;
  std::string buffer;
  size_t kept = 0;  // bytes of a line not yet complete, at the start of `buffer`
  for (;;) {
    buffer.resize(kept + kJsonlPieceBytes);
    size_t n = 0;
    if (why = f->read(buffer.data() + kept, kJsonlPieceBytes, n); !why.empty()) {
      file_hashes_[file] = hash.finish();
      if (r.pieces == 0) {
        notes_.push_back({rel, 0, "cannot read file: " + why});
        return;
      }
      // The records already read stay indexed; the note says where reading stopped.
      notes_.push_back({rel, r.line_no, "cannot read the rest of the file: " + why});
      return end_jsonl(r);
    }
    hash.update(std::string_view(buffer.data() + kept, n));
    const size_t have = kept + n;
    const bool at_end = n == 0;
    size_t end = have;
    if (!at_end) {  // the kept bytes hold no line end: only the new ones are searched
      const size_t last_eol = std::string_view(buffer.data() + kept, n).rfind('\n');
      end = last_eol == std::string_view::npos ? 0 : kept + last_eol + 1;
    }
    if (end > 0 && !read_jsonl_piece(r, std::string_view(buffer.data(), end), sink)) {  // binary
      file_hashes_[file] = hash.finish();
      return;
    }
    if (at_end) break;
    buffer.erase(0, end);
    kept = have - end;  // a line longer than a piece grows the buffer until it is complete
  }
  file_hashes_[file] = hash.finish();
  end_jsonl(r);
}

// simdjson rather than nlohmann's DOM: nlohmann's parse was a tenth of a one-thread build
// (decision 0008). Its DOM parser checks the whole line, as nlohmann did: anything but one
// well-formed object is "not a JSON object".
bool DocumentReader::read_jsonl_piece(JsonlRead& r, std::string_view piece, const Sink& sink) {
  if (r.pieces++ == 0) {
    // A binary file is told by its first piece, before any record is given on; a NUL byte
    // further on only fails its line, as JSON allows no raw NUL.
    if (piece.find('\0') != std::string_view::npos) {
      notes_.push_back({r.rel, 0, "binary file (contains NUL bytes)"});
      return false;
    }
    ++files_read_;
  }
  std::string repaired;
  if (!simdjson::validate_utf8(piece.data(), piece.size())) {
    repaired = std::string(piece);
    r.bad_utf8 += repair_utf8(repaired);
    piece = repaired;
  }
  size_t pos = 0;
  while (pos < piece.size()) {
    size_t eol = piece.find('\n', pos);
    if (eol == std::string_view::npos) eol = piece.size();
    ++r.line_no;
    const std::string_view line = piece.substr(pos, eol - pos);
    pos = eol + 1;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    r.any_text = true;
    // The fields a record may have; anything but a string counts as absent. A repeated key
    // keeps its last value.
    std::string id, body, title, url, publisher, focus, qtype;
    const auto read_record = [&]() -> bool {
      simdjson::dom::element doc;
      simdjson::dom::object object;
      if (r.parser.parse(line.data(), line.size()).get(doc) || doc.get_object().get(object)) return false;
      for (const auto field : object) {
        const std::string_view key = field.key;
        std::string* into = key == "id" ? &id : key == "text" ? &body : key == "title" ? &title : key == "url" ? &url
                          : key == "publisher" ? &publisher : key == "focus" ? &focus : key == "qtype" ? &qtype : nullptr;
        if (!into) continue;
        std::string_view value;
        if (field.value.get_string().get(value)) into->clear();
        else *into = std::string(value);
      }
      return true;
    };
    if (!read_record()) {
      notes_.push_back({r.rel, r.line_no, "not a JSON object"});
      continue;
    }
    Document d;
    d.id = std::move(id);
    d.text = std::move(body);
    if (d.id.empty() || d.text.empty()) {
      notes_.push_back({r.rel, r.line_no, std::string("record lacks a string \"") + (d.id.empty() ? "id" : "text") + "\" field"});
      continue;
    }
    note_long_lines(r.rel, r.line_no, d.text);
    d.path = r.rel;
    d.format = DocumentFormat::jsonl;
    d.title = std::move(title);
    d.url = std::move(url);
    d.publisher = std::move(publisher);
    d.subject = std::move(focus);
    d.overview = qtype == kOverviewQuestionType;
    // body_offset stays 0: passage offsets of a JSONL record are offsets into its "text".
    sink(std::move(d));
  }
  return true;
}

void DocumentReader::end_jsonl(JsonlRead& r) {
  if (!r.any_text) {  // nothing was given on: every line was blank
    if (r.pieces > 0) --files_read_;
    notes_.push_back({r.rel, 0, "empty file"});
    return;
  }
  // The file's note goes before its lines' notes, where a whole-file check would have put it.
  if (r.bad_utf8 > 0)
    notes_.insert(notes_.begin() + static_cast<std::ptrdiff_t>(r.first_note),
                  {r.rel, 0, std::to_string(r.bad_utf8) + " invalid UTF-8 sequence(s) replaced by U+FFFD", false});
}

}  // namespace pep
