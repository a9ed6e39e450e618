#include "document_reader.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <sstream>

#include "html_reader.h"
#include "jsonl_reader.h"
#include "pdf_reader.h"
#include "terminal_text.h"

namespace fs = std::filesystem;

namespace pep {
namespace {

constexpr size_t kLongLineBytes = 64 * 1024;
constexpr size_t kPieceBytes = 16 * 1024;

// Reads the whole file with one buffer of its size; returns "" or why it could not.
std::string read_whole(CorpusFiles& files, const fs::path& file, std::string& out) {
  std::string why;
  const std::unique_ptr<CorpusFile> f = files.open(file, why);
  if (!f) return why;
  out.resize(f->size());
  size_t got = 0;
  while (got < out.size()) {
    size_t n = 0;
    if (why = f->read(out.data() + got, out.size() - got, n); !why.empty()) return why;
    if (n == 0) break;  // the file shrank while we read it
    got += n;
  }
  out.resize(got);
  return "";
}

bool blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

// Lines longer than kLongLineBytes are split at sentence ends (". " becomes ".\n", so byte offsets
// stay exact): nothing downstream has to handle a paragraph of megabytes. Returns how many lines.
size_t break_long_lines(std::string& text) {
  size_t broken = 0, line_start = 0;
  while (line_start < text.size()) {
    size_t eol = text.find('\n', line_start);
    if (eol == std::string::npos) eol = text.size();
    if (eol - line_start > kLongLineBytes) {
      size_t piece_start = line_start;
      while (eol - piece_start > kLongLineBytes) {
        // The first sentence end after kPieceBytes, else any space; none: leave the rest alone.
        size_t cut = text.find(". ", piece_start + kPieceBytes);
        if (cut == std::string::npos || cut >= eol) cut = text.find(' ', piece_start + kPieceBytes);
        else ++cut;
        if (cut == std::string::npos || cut >= eol) break;
        text[cut] = '\n';
        piece_start = cut + 1;
      }
      broken += piece_start != line_start ? 1 : 0;
    }
    line_start = eol + 1;
  }
  return broken;
}

std::string trim(const std::string& s) {
  const size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

// The file's name below `root`; the link itself when it is a symbolic link (not its target).
std::string relative_name(const fs::path& file, const fs::path& root) {
  std::error_code ec;
  fs::path dir = fs::relative(file.parent_path(), root, ec);
  if (ec) dir = file.parent_path();
  return (dir == "." ? file.filename() : dir / file.filename()).generic_string();
}

bool has_extension(const fs::path& p) {
  const auto ext = p.extension().string();
  return ext == ".txt" || ext == ".md" || ext == ".jsonl" || ext == ".html" || ext == ".htm" || ext == ".pdf";
}

// What a file's bytes say it is, whatever its name: a PDF, an HTML page, or text.
enum class Sniffed { Pdf, Html, Text };
Sniffed sniff(const std::string& bytes) {
  if (looks_like_pdf(bytes)) return Sniffed::Pdf;
  if (looks_like_html(bytes)) return Sniffed::Html;
  return Sniffed::Text;
}

}  // namespace


void DocumentReader::read_tree(const fs::path& root, const Sink& sink) {
  std::error_code ec;
  if (fs::is_regular_file(root, ec)) {
    read_file(root, root.parent_path(), sink);
    return;
  }
  if (!fs::is_directory(root, ec)) {
    notes_.push_back({root.string(), 0, "corpus directory does not exist"});
    return;
  }
  std::vector<fs::path> files;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    std::error_code entry_ec;  // a bad entry is skipped; only a listing error stops the walk
    const auto name = it->path().filename().string();
    if (!name.empty() && name[0] == '.') {
      if (it->is_directory(entry_ec)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_directory(entry_ec) && !it->is_symlink(entry_ec) && ::access(it->path().c_str(), R_OK | X_OK) != 0) {
      const std::string why = std::strerror(errno);
      notes_.push_back({escape_invalid_utf8(relative_name(it->path(), root)), 0, "cannot read directory: " + why});
      it.disable_recursion_pending();
      continue;
    }
    if (it->is_symlink(entry_ec)) {
      // Symlinked directories are not followed (they could loop); a link to a text file is read.
      std::error_code target_ec;
      const auto target = fs::status(it->path(), target_ec);
      const std::string rel = relative_name(it->path(), root);
      if (fs::is_directory(target)) {
        notes_.push_back({rel, 0, "symbolic link to a directory is not followed"});
        continue;
      }
      if (!fs::exists(target)) {
        struct stat st {};
        const bool loop = ::stat(it->path().c_str(), &st) != 0 && errno == ELOOP;
        if (loop) notes_.push_back({rel, 0, "symbolic link loop (too many levels of symbolic links)"});
        else if (has_extension(it->path())) notes_.push_back({rel, 0, "dangling symbolic link (its target does not exist)"});
        continue;
      }
    }
    // A vocabulary folder (corpus/vocab) is data for the build, not documents.
    if (it->is_directory(entry_ec) && fs::exists(it->path() / "compounds.tsv", entry_ec)) {
      it.disable_recursion_pending();
      continue;
    }
    // README files document a corpus folder; they are not monographs. Every other file is read,
    // or noted as skipped (read_file).
    if (it->is_regular_file(entry_ec) && name.rfind("README", 0) != 0) files.push_back(it->path());
  }
  if (ec) notes_.push_back({root.string(), 0, "could not list the whole directory: " + ec.message(), false});
  std::sort(files.begin(), files.end());
  for (const auto& f : files) read_file(f, root, sink);
}

void DocumentReader::read_file(const fs::path& file, const fs::path& root, const Sink& sink) {
  current_file_ = file;
  std::string rel = relative_name(file, root);
  if (std::string escaped = escape_invalid_utf8(rel); escaped != rel) {
    rel = std::move(escaped);
    notes_.push_back({rel, 0, "file name is not UTF-8: its invalid bytes are shown as %XX in its id and path", false});
  }
  if (!has_extension(file)) {
    notes_.push_back({rel, 0, "file type '" + file.extension().string() +
                                  "' is not read (pepindex reads .txt .md .jsonl .html .htm .pdf); convert it or move it out of the corpus"});
    return;
  }
  if (file.extension() == ".jsonl") return read_jsonl_file(file, rel, sink);
  std::string text;
  if (const std::string why = read_whole(files(), file, text); !why.empty()) {
    notes_.push_back({rel, 0, "cannot read file: " + why});
    return;
  }
  file_hashes_[file] = {text.size(), sha256_hex(text)};  // of the bytes read, before any repair
  read_text(rel, file.extension().string(), std::move(text), sink);
}

void DocumentReader::read_text(const std::string& rel, const std::string& ext_in, std::string text, const Sink& sink) {
  std::string ext = ext_in;
  if (ext == ".htm") ext = ".html";
  if (ext != ".jsonl") {  // by content: a PDF or an HTML page is read for what it is, whatever its name
    const Sniffed kind = sniff(text);
    std::string as = ext;
    if (kind == Sniffed::Pdf) as = ".pdf";
    else if (kind == Sniffed::Html) as = ".html";
    else if (ext == ".pdf") {
      notes_.push_back({rel, 0, "named .pdf but is not a PDF (no %PDF- header)"});
      return;
    }
    if (as != ext) notes_.push_back({rel, 0, "named " + ext_in + " but is " + as.substr(1) + ": read as " + as.substr(1), false});
    ext = as;
  }
  if (ext == ".pdf") return read_pdf_bytes(rel, std::move(text), sink);
  if (ext == ".html") return read_html_bytes(rel, std::move(text), sink);
  if (ext == ".jsonl") return read_jsonl_bytes(rel, text, sink);  // jsonl_reader.cpp
  if (blank(text)) {
    notes_.push_back({rel, 0, "empty file"});
    return;
  }
  if (text.find('\0') != std::string::npos) {
    notes_.push_back({rel, 0, "binary file (contains NUL bytes)"});
    return;
  }
  if (size_t bad = repair_utf8(text))
    notes_.push_back({rel, 0, std::to_string(bad) + " invalid UTF-8 sequence(s) replaced by U+FFFD", false});
  ++files_read_;
  note_long_lines(rel, 0, text);
  if (ext == ".md") return read_markdown(rel, std::move(text), sink);
  Document d;
  d.id = rel;
  d.path = rel;
  d.format = DocumentFormat::txt;
  d.text = std::move(text);
  sink(std::move(d));
}

void DocumentReader::read_pdf_bytes(const std::string& rel, std::string bytes, const Sink& sink) {
  Document d;
  if (const std::string why = read_pdf(rel, bytes, d); !why.empty()) {
    notes_.push_back({rel, 0, why});
    return;
  }
  ++files_read_;
  note_long_lines(rel, 0, d.text);
  sink(std::move(d));
}

void DocumentReader::read_html_bytes(const std::string& rel, std::string bytes, const Sink& sink) {
  if (blank(bytes)) {
    notes_.push_back({rel, 0, "empty file"});
    return;
  }
  Document d;
  std::vector<std::string> warnings;
  const std::string why = read_html(rel, std::move(bytes), words_, d, warnings);
  for (auto& w : warnings) notes_.push_back({rel, 0, std::move(w), false});
  if (!why.empty()) {
    notes_.push_back({rel, 0, why});
    return;
  }
  ++files_read_;
  note_long_lines(rel, 0, d.text);
  sink(std::move(d));
}

void DocumentReader::note_long_lines(const std::string& rel, int line, std::string& text) {
  if (size_t n = break_long_lines(text))
    notes_.push_back({rel, line, std::to_string(n) + " line(s) over " + std::to_string(kLongLineBytes / 1024) +
                                     " KiB split at sentence ends", false});
}

void DocumentReader::read_markdown(const std::string& rel, std::string text, const Sink& sink) {
  // Front matter: a first line "---", key: value lines, a closing "---".
  if (text.rfind("---\n", 0) != 0 && text.rfind("---\r\n", 0) != 0) {
    notes_.push_back({rel, 1, "Markdown file without front matter: not a monograph (see corpus/README.md)"});
    --files_read_;
    return;
  }
  Document d;
  d.id = rel;
  d.path = rel;
  d.format = DocumentFormat::md;
  size_t pos = text.find('\n') + 1;
  int line_no = 1;
  bool closed = false;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string::npos) eol = text.size();
    const std::string line = trim(text.substr(pos, eol - pos));
    ++line_no;
    pos = eol + 1;
    if (line == "---") {
      closed = true;
      break;
    }
    if (line.empty()) continue;
    const size_t colon = line.find(':');
    if (colon == std::string::npos) {
      notes_.push_back({rel, line_no, "front matter line is not 'key: value': " + line, false});
      continue;
    }
    const std::string key = trim(line.substr(0, colon));
    const std::string value = trim(line.substr(colon + 1));
    if (key == "title") d.title = value;
    else if (key == "subtitle") d.subtitle = value;
    else if (key == "compound") d.compound = value;
    else if (key == "publisher") d.publisher = value;
    else if (key == "url") d.url = value;
    else if (key == "aliases") {
      std::stringstream ss(value);
      std::string a;
      while (std::getline(ss, a, ','))
        if (!trim(a).empty()) d.aliases.push_back(trim(a));
    } else {
      notes_.push_back({rel, line_no, "unknown front matter key '" + key + "' ignored", false});
    }
  }
  if (!closed) {
    notes_.push_back({rel, 1, "front matter is not closed by a '---' line"});
    --files_read_;
    return;
  }
  d.body_offset = std::min(pos, text.size());
  d.text = text.substr(d.body_offset);
  sink(std::move(d));
}

}  // namespace pep
