#include "generation_artifact.h"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <unistd.h>

#include <fstream>
#include <memory>
#include <set>
#include <vector>

#include "digest.h"
#include "error.h"
#include "generation.h"
#include "index_location.h"

namespace fs = std::filesystem;

namespace pep {
namespace {

constexpr size_t kChunk = 1 << 20;

struct ArchiveFree {
  void operator()(archive* a) const { archive_free(a); }
};
using ArchivePtr = std::unique_ptr<archive, ArchiveFree>;

[[noreturn]] void damaged(const fs::path& artifact, const std::string& what) {
  throw IndexError("artifact " + artifact.string() + " is damaged or not a pepsearch generation (" + what +
                   "); pack it again with: pepindex pack INDEX_DIR --out FILE");
}

void check(archive* a, int rc, const std::string& what) {
  if (rc < ARCHIVE_WARN) throw IndexError(what + ": " + (archive_error_string(a) ? archive_error_string(a) : "libarchive error"));
}

void add_file(archive* a, const fs::path& file, const std::string& name, uint64_t size) {
  std::unique_ptr<archive_entry, void (*)(archive_entry*)> e(archive_entry_new(), archive_entry_free);
  archive_entry_set_pathname(e.get(), name.c_str());
  archive_entry_set_filetype(e.get(), AE_IFREG);
  archive_entry_set_perm(e.get(), 0644);
  archive_entry_set_size(e.get(), static_cast<la_int64_t>(size));
  archive_entry_set_mtime(e.get(), 0, 0);
  check(a, archive_write_header(a, e.get()), "cannot write " + name + " into the artifact");
  std::ifstream in(file, std::ios::binary);
  std::vector<char> buf(kChunk);
  uint64_t left = size;
  while (left > 0 && in.read(buf.data(), static_cast<std::streamsize>(std::min<uint64_t>(left, kChunk))).gcount() > 0) {
    const auto n = in.gcount();
    if (archive_write_data(a, buf.data(), static_cast<size_t>(n)) != n) check(a, ARCHIVE_FATAL, "cannot write " + name);
    left -= static_cast<uint64_t>(n);
  }
  if (left != 0) throw IndexError(file.string() + " changed while it was packed; pack again");
}

void sync_path(const fs::path& p, int flags) {
  if (int fd = ::open(p.c_str(), flags | O_CLOEXEC); fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

// The file an entry is written to while it is checked (none when only verifying).
class EntrySink {
 public:
  EntrySink(const fs::path& into, const std::string& name) : path_(into.empty() ? fs::path() : into / name) {
    if (path_.empty()) return;
    out_.open(path_, std::ios::binary | std::ios::trunc);
    if (!out_) throw IndexError("cannot write " + path_.string() + "; check the directory's permissions and space");
  }
  void write(const char* data, size_t n) {
    if (!path_.empty() && !out_.write(data, static_cast<std::streamsize>(n)))
      throw IndexError("cannot write " + path_.string() + "; check the disk's free space");
  }
  void close() {
    if (path_.empty()) return;
    out_.close();
    if (!out_) throw IndexError("cannot write " + path_.string());
    sync_path(path_, O_RDONLY);
  }

 private:
  fs::path path_;
  std::ofstream out_;
};

// Reads the current entry's data, writing it to `sink`; returns its size and SHA-256.
FileHash read_entry(archive* a, const fs::path& artifact, EntrySink& sink) {
  Sha256 hash;
  std::vector<char> buf(kChunk);
  for (;;) {
    const la_ssize_t n = archive_read_data(a, buf.data(), buf.size());
    if (n < 0) damaged(artifact, archive_error_string(a) ? archive_error_string(a) : "unreadable data");
    if (n == 0) break;
    hash.update({buf.data(), static_cast<size_t>(n)});
    sink.write(buf.data(), static_cast<size_t>(n));
  }
  sink.close();
  return hash.finish();
}

// The manifest, from the artifact's first entry.
Manifest read_manifest_entry(archive* a, const fs::path& artifact, const fs::path& into) {
  archive_entry* e = nullptr;
  if (archive_read_next_header(a, &e) != ARCHIVE_OK || archive_entry_pathname(e) != std::string(kManifestFile))
    damaged(artifact, "its first entry is not " + std::string(kManifestFile));
  std::string text;
  std::vector<char> buf(kChunk);
  for (la_ssize_t n; (n = archive_read_data(a, buf.data(), buf.size())) != 0;) {
    if (n < 0 || text.size() > (64u << 20)) damaged(artifact, "unreadable manifest");
    text.append(buf.data(), static_cast<size_t>(n));
  }
  Manifest m = parse_manifest(text, artifact.string() + ":" + std::string(kManifestFile));
  if (!into.empty()) {
    EntrySink sink(into, std::string(kManifestFile));
    sink.write(text.data(), text.size());
    sink.close();
  }
  return m;
}

ArchivePtr open_for_reading(const fs::path& artifact) {
  ArchivePtr a(archive_read_new());
  archive_read_support_filter_zstd(a.get());
  archive_read_support_format_tar(a.get());
  if (archive_read_open_filename(a.get(), artifact.c_str(), kChunk) != ARCHIVE_OK)
    throw IndexError("cannot read artifact " + artifact.string() + ": " +
                     (archive_error_string(a.get()) ? archive_error_string(a.get()) : "not found"));
  return a;
}

}  // namespace

ArtifactReport pack_generation(const fs::path& dir, const fs::path& out) {
  const fs::path gen = resolve_generation(dir);
  const Generation generation(gen, Verify::kChecksums);  // never pack a damaged generation
  const Manifest& m = generation.manifest();
  const fs::path tmp = out.string() + ".tmp";
  {
    ArchivePtr a(archive_write_new());
    archive_write_set_format_pax_restricted(a.get());
    check(a.get(), archive_write_add_filter_zstd(a.get()), "zstd");
    check(a.get(), archive_write_open_filename(a.get(), tmp.c_str()), "cannot create " + tmp.string());
    add_file(a.get(), gen / kManifestFile, std::string(kManifestFile), fs::file_size(gen / kManifestFile));
    for (const auto& f : m.files) add_file(a.get(), gen / f.name, f.name, f.size);
    check(a.get(), archive_write_close(a.get()), "cannot finish " + tmp.string());
  }
  sync_path(tmp, O_RDONLY);
  fs::rename(tmp, out);
  const FileHash h = sha256_file(out);
  return {m, gen.filename().string(), h.size, h.sha256};
}

Manifest read_artifact(const fs::path& artifact, const fs::path& into) {
  ArchivePtr a = open_for_reading(artifact);
  const Manifest m = read_manifest_entry(a.get(), artifact, into);
  size_t next = 0;  // the entries follow the manifest's order
  archive_entry* e = nullptr;
  for (int rc; (rc = archive_read_next_header(a.get(), &e)) != ARCHIVE_EOF;) {
    if (rc != ARCHIVE_OK) damaged(artifact, archive_error_string(a.get()) ? archive_error_string(a.get()) : "bad entry");
    const std::string name = archive_entry_pathname(e) ? archive_entry_pathname(e) : "";
    if (next >= m.files.size() || name != m.files[next].name || archive_entry_filetype(e) != AE_IFREG)
      damaged(artifact, "entry '" + name + "' is not the manifest's next file" +
                            (next < m.files.size() ? " (" + m.files[next].name + ")" : ""));
    EntrySink sink(into, name);
    const FileHash h = read_entry(a.get(), artifact, sink);
    if (h.size != m.files[next].size || h.sha256 != m.files[next].sha256)
      damaged(artifact, name + " differs from the manifest (size " + std::to_string(h.size) + ", manifest " +
                            std::to_string(m.files[next].size) + ")");
    ++next;
  }
  if (next != m.files.size()) damaged(artifact, "it ends before " + m.files[next].name);
  return m;
}

ArtifactReport unpack_generation(const fs::path& artifact, const fs::path& index_dir) {
  const BuildLock lock(index_dir);
  const fs::path partial = begin_generation(index_dir, lock);
  fs::create_directory(partial);
  try {
    const Manifest m = read_artifact(artifact, partial);
    Generation(partial, Verify::kSizes);  // counts, schema, vocabulary: what a reader will check
    sync_path(partial, O_RDONLY | O_DIRECTORY);
    publish_generation(index_dir, partial, lock);
    const FileHash h = sha256_file(artifact);
    return {m, live_generation(index_dir), h.size, h.sha256};
  } catch (...) {
    std::error_code ec;
    fs::remove_all(partial, ec);
    throw;
  }
}

}  // namespace pep
