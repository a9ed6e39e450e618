#include "manifest.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

#include "digest.h"
#include "error.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace pep {
namespace {

std::string damaged(const std::string& where, const std::string& what) {
  return where + " is damaged (" + what + "); " + std::string(kRebuildHint);
}

json digests_json(const std::vector<FileDigest>& files) {
  json out = json::array();
  for (const auto& f : files) out.push_back({{"name", f.name}, {"size", f.size}, {"sha256", f.sha256}});
  return out;
}

// A count or size: a JSON integer that fits, never a float (converting 1e300 to an integer is
// undefined behaviour, and 8.5 passages means the file is damaged).
uint64_t count_at(const json& j, const char* key) {
  const json& v = j.at(key);
  if (!v.is_number_unsigned()) throw std::invalid_argument(std::string("\"") + key + "\" is not a whole number");
  return v.get<uint64_t>();
}

int small_int_at(const json& j, const char* key) {
  const uint64_t v = count_at(j, key);
  if (v > 1'000'000) throw std::invalid_argument(std::string("\"") + key + "\" is out of range");
  return static_cast<int>(v);
}

std::vector<FileDigest> digests_from(const json& j) {
  std::vector<FileDigest> out;
  for (const auto& f : j) out.push_back({f.at("name").get<std::string>(), count_at(f, "size"), f.at("sha256").get<std::string>()});
  return out;
}

// Everything but the id.
json content_json(const Manifest& m) {
  return {{"format", m.format},       {"schema", m.schema},
          {"passages", m.passages},   {"documents", m.documents},
          {"vocabulary_sha256", m.vocabulary_sha256}, {"build", m.build},
          {"files", digests_json(m.files)}, {"inputs", digests_json(m.inputs)}};
}

void sync_path(const fs::path& p, int flags) {
  if (int fd = ::open(p.c_str(), flags | O_CLOEXEC); fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

}  // namespace

std::string manifest_id(const Manifest& m) { return sha256_hex(content_json(m).dump()); }

std::string manifest_to_json(const Manifest& m) {
  json j = content_json(m);
  j["id"] = manifest_id(m);
  return j.dump(1) + "\n";
}

Manifest parse_manifest(std::string_view text, const std::string& where) {
  const json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) throw IndexError(damaged(where, "not a JSON object"));
  Manifest m;
  try {
    m.format = small_int_at(j, "format");
    if (m.format != kManifestFormat)
      throw IndexError(where + " has format " + std::to_string(m.format) + ", this build reads " +
                       std::to_string(kManifestFormat) + "; " + std::string(kRebuildHint));
    m.schema = small_int_at(j, "schema");
    m.passages = count_at(j, "passages");
    m.documents = count_at(j, "documents");
    m.vocabulary_sha256 = j.at("vocabulary_sha256").get<std::string>();
    m.build = j.at("build").get<std::map<std::string, std::string>>();
    m.files = digests_from(j.at("files"));
    m.inputs = digests_from(j.at("inputs"));
    m.id = j.at("id").get<std::string>();
  } catch (const IndexError&) {
    throw;
  } catch (const std::exception& e) {  // json::exception, or a field that is no count
    throw IndexError(damaged(where, e.what()));
  }
  if (m.id != manifest_id(m)) throw IndexError(damaged(where, "its id does not match its content"));
  return m;
}

Manifest write_manifest(const fs::path& dir, Manifest m) {
  m.files.clear();
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (!entry.is_regular_file() || name == kManifestFile) continue;
    const FileHash h = sha256_file(entry.path());
    m.files.push_back({name, h.size, h.sha256});
  }
  std::sort(m.files.begin(), m.files.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  m.id = manifest_id(m);
  const fs::path tmp = dir / (std::string(kManifestFile) + ".tmp");
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << manifest_to_json(m);
    out.close();
    if (!out) throw IndexError("cannot write " + tmp.string() + "; check the disk has space");
  }
  sync_path(tmp, O_RDONLY);
  fs::rename(tmp, dir / kManifestFile);
  sync_path(dir, O_RDONLY | O_DIRECTORY);
  return m;
}

Manifest read_manifest(const fs::path& dir) {
  const fs::path file = dir / kManifestFile;
  std::ifstream in(file, std::ios::binary);
  if (!in)
    throw IndexError(dir.string() + " has no " + std::string(kManifestFile) + " (an unfinished or older index); " +
                     std::string(kRebuildHint));
  std::ostringstream text;
  text << in.rdbuf();
  return parse_manifest(text.str(), file.string());
}

void verify_files(const fs::path& dir, const Manifest& m, Verify depth) {
  for (const auto& f : m.files) {
    const fs::path file = dir / f.name;
    std::error_code ec;
    const uint64_t size = fs::file_size(file, ec);
    if (ec) throw IndexError(file.string() + " is missing (" + ec.message() + "); " + std::string(kRebuildHint));
    if (size != f.size)
      throw IndexError(damaged(file.string(), "it has " + std::to_string(size) + " bytes, the manifest says " + std::to_string(f.size)));
    if (depth == Verify::kChecksums && sha256_file(file).sha256 != f.sha256)
      throw IndexError(damaged(file.string(), "its SHA-256 differs from the manifest's"));
  }
}

}  // namespace pep
