#include "document_reader.h"

#include <unicode/utf8.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace fs = std::filesystem;

namespace pep {
namespace {

bool read_whole(const fs::path& file, std::string& out) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return false;
  out = std::move(ss).str();
  return true;
}

std::string trim(const std::string& s) {
  const size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

bool has_extension(const fs::path& p) {
  const auto ext = p.extension().string();
  return ext == ".txt" || ext == ".md" || ext == ".jsonl";
}

}  // namespace

size_t repair_utf8(std::string& text) {
  size_t bad = 0;
  std::string out;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t n = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < n) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) {
      if (bad == 0) out.assign(text, 0, static_cast<size_t>(start));
      out += "\xEF\xBF\xBD";
      ++bad;
    } else if (bad > 0) {
      out.append(text, static_cast<size_t>(start), static_cast<size_t>(i - start));
    }
  }
  if (bad > 0) text = std::move(out);
  return bad;
}

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
  // Symlinked directories are not followed: that rules out loops, and a corpus is plain files.
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    const auto name = it->path().filename().string();
    if (!name.empty() && name[0] == '.') {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    // README files document a corpus folder; they are not monographs.
    if (it->is_regular_file(ec) && has_extension(it->path()) && name.rfind("README", 0) != 0) files.push_back(it->path());
  }
  if (ec) notes_.push_back({root.string(), 0, "could not list the whole directory: " + ec.message(), false});
  std::sort(files.begin(), files.end());
  for (const auto& f : files) read_file(f, root, sink);
}

void DocumentReader::read_file(const fs::path& file, const fs::path& root, const Sink& sink) {
  const std::string rel = fs::relative(file, root).generic_string();
  std::string text;
  if (!read_whole(file, text)) {
    notes_.push_back({rel, 0, "cannot read file (missing or permission denied)"});
    return;
  }
  if (text.empty() || trim(text).empty()) {
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
  const auto ext = file.extension().string();
  if (ext == ".jsonl") return read_jsonl(file, rel, text, sink);
  if (ext == ".md") return read_markdown(file, rel, std::move(text), sink);
  Document d;
  d.id = rel;
  d.path = rel;
  d.format = "txt";
  d.text = std::move(text);
  sink(std::move(d));
}

void DocumentReader::read_markdown(const fs::path&, const std::string& rel, std::string text, const Sink& sink) {
  // Front matter: a first line "---", key: value lines, a closing "---".
  if (text.rfind("---\n", 0) != 0 && text.rfind("---\r\n", 0) != 0) {
    notes_.push_back({rel, 1, "Markdown file without front matter: not a monograph (see corpus/README.md)"});
    --files_read_;
    return;
  }
  Document d;
  d.id = rel;
  d.path = rel;
  d.format = "md";
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

void DocumentReader::read_jsonl(const fs::path&, const std::string& rel, const std::string& text, const Sink& sink) {
  size_t pos = 0;
  int line_no = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string::npos) eol = text.size();
    ++line_no;
    const std::string_view line(text.data() + pos, eol - pos);
    pos = eol + 1;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      notes_.push_back({rel, line_no, "not a JSON object"});
      continue;
    }
    auto str = [&j](const char* key) -> std::string {
      auto it = j.find(key);
      return (it != j.end() && it->is_string()) ? it->get<std::string>() : std::string();
    };
    Document d;
    d.id = str("id");
    d.text = str("text");
    if (d.id.empty() || d.text.empty()) {
      notes_.push_back({rel, line_no, std::string("record lacks a string \"") + (d.id.empty() ? "id" : "text") + "\" field"});
      continue;
    }
    d.path = rel;
    d.format = "jsonl";
    d.title = str("title");
    d.url = str("url");
    d.publisher = str("publisher");
    // body_offset stays 0: passage offsets of a JSONL record are offsets into its "text".
    sink(std::move(d));
  }
}

}  // namespace pep
