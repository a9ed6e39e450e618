#include "passage_store.h"

#define ZDICT_STATIC_LINKING_ONLY  // ZDICT_trainFromBuffer_fastCover: exported by Debian's libzstd 1.5
#include <zdict.h>
#include <zstd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>

#include "binary_file.h"
#include "error.h"

namespace fs = std::filesystem;

namespace pep {
namespace {

using namespace binary;

constexpr std::string_view kMagic = "PEPSTORE";
constexpr uint32_t kFormatVersion = 2;  // 2: every frame has a content checksum
constexpr size_t kSegmentHeaderBytes = 4 + 4 + 8 + 4 + 8;

// A segment is trained and compressed at once, so it bounds the writer's memory. Records that sit
// together (one source, one topic) share most with each other; without dictionaries the store is
// twice the size. Segment and training sizes: decision 0008.
constexpr size_t kSegmentRecords = 4000;
constexpr size_t kSegmentBytes = 4u << 20;
// Training reads about this many records of a segment, evenly spread (about 0.5 MB).
constexpr size_t kTrainingRecords = 500;
constexpr size_t kDictionaryBytes = 64u << 10;
// Dictionary training with fixed parameters: ZDICT_trainFromBuffer searches several segment sizes
// and scores each by compressing a held-out part, several times the CPU for no smaller store.
constexpr unsigned kTrainSegmentSize = 1024;  // fastCover k
constexpr unsigned kTrainDmerSize = 8;        // fastCover d (the default search's d)
constexpr unsigned kTrainFrequencyLog = 18;   // fastCover f: 2^18 counters (default 2^20, 4 MB to clear)
// fastCover accel: reads every 4th dmer instead of each; a little less CPU, a store larger by
// under 1%.
constexpr unsigned kTrainAccel = 4;
constexpr int kLevel = 3;  // zstd's default; level 1 was as fast here and 20% larger
// Bounds what a damaged frame header can make the reader allocate; the writer refuses larger
// records (a passage is a few hundred words; only a huge run of text without sentence ends comes near).
constexpr unsigned long long kMaxRecordBytes = 1ull << 30;

// One segment as the directory describes it.
struct Segment {
  uint32_t first_id = 0;
  uint64_t dict_offset = 0;
  uint32_t dict_size = 0;
  uint64_t data_offset = 0;
  std::vector<uint32_t> offsets;  // count + 1, relative to data_offset
  uint32_t count() const { return static_cast<uint32_t>(offsets.size() - 1); }
};

void append_directory_entry(std::string& out, const Segment& s) {
  put_u32(out, s.first_id);
  put_u32(out, s.count());
  put_u64(out, s.dict_offset);
  put_u32(out, s.dict_size);
  put_u64(out, s.data_offset);
  for (uint32_t o : s.offsets) put_u32(out, o);
}

std::string footer(uint64_t directory_offset, uint32_t segments) {
  return footer_bytes({directory_offset, segments}, kFormatVersion, kMagic);
}

struct Directory {
  uint64_t body_end = 0;  // segments occupy [0, body_end)
  std::vector<Segment> segments;
};

// Reads and checks the footer and directory of the store open as `file`.
Directory read_directory(const FileHandle& file) {
  const uint64_t size = file.size;
  auto damaged = [&](const std::string& what) {
    return IndexError(file.name + " is damaged (" + what + "); rebuild the index with pepindex build");
  };
  const Footer footer = read_footer(file, kFormatVersion, kMagic, "passage store");
  Directory d;
  d.body_end = footer.directory_offset;
  const uint64_t segments = footer.count;
  const uint64_t dir_end = size - kFooterBytes;
  if (d.body_end > dir_end) throw damaged("directory offset");
  std::string dir(dir_end - d.body_end, '\0');
  read_at(file, dir.data(), dir.size(), d.body_end);
  const auto* data = reinterpret_cast<const unsigned char*>(dir.data());
  size_t at = 0;
  uint32_t next_id = 1;
  for (uint64_t k = 0; k < segments; ++k) {
    if (dir.size() - at < kSegmentHeaderBytes) throw damaged("directory truncated");
    Segment s;
    s.first_id = static_cast<uint32_t>(get_le(data + at, 4));
    const uint64_t count = get_le(data + at + 4, 4);
    s.dict_offset = get_le(data + at + 8, 8);
    s.dict_size = static_cast<uint32_t>(get_le(data + at + 16, 4));
    s.data_offset = get_le(data + at + 20, 8);
    at += kSegmentHeaderBytes;
    if (s.first_id != next_id || count == 0 || count + 1 > (dir.size() - at) / 4) throw damaged("segment " + std::to_string(k));
    if (s.dict_offset > d.body_end || s.dict_size > d.body_end - s.dict_offset || s.data_offset > d.body_end)
      throw damaged("segment " + std::to_string(k) + " bounds");
    s.offsets.resize(count + 1);
    for (auto& o : s.offsets) {
      o = static_cast<uint32_t>(get_le(data + at, 4));
      at += 4;
    }
    if (!std::is_sorted(s.offsets.begin(), s.offsets.end()) || s.offsets.back() > d.body_end - s.data_offset)
      throw damaged("segment " + std::to_string(k) + " offsets");
    next_id += static_cast<uint32_t>(count);
    d.segments.push_back(std::move(s));
  }
  return d;
}

}  // namespace

// ---- writer ----------------------------------------------------------------------------------

struct PassageStoreWriter::Impl {
  fs::path file;
  std::ofstream out;
  uint64_t written = 0;
  std::string pending;                // raw records of the open segment, back to back
  std::vector<size_t> pending_sizes;
  std::vector<Segment> segments;
  uint32_t next_id = 1;
  ZSTD_CCtx* cctx = nullptr;
  std::string buffer;

  ~Impl() { ZSTD_freeCCtx(cctx); }

  void emit(const std::string& bytes) {
    write_all(out, bytes, file);
    written += bytes.size();
  }

  std::string train() const {
    std::string samples;
    std::vector<size_t> sizes;
    const size_t stride = std::max<size_t>(1, pending_sizes.size() / kTrainingRecords);
    size_t at = 0;
    for (size_t i = 0; i < pending_sizes.size(); ++i) {
      if (i % stride == 0) {
        samples.append(pending, at, pending_sizes[i]);
        sizes.push_back(pending_sizes[i]);
      }
      at += pending_sizes[i];
    }
    // A dictionary much larger than its samples only adds bytes (small corpora).
    const size_t capacity = std::min(kDictionaryBytes, samples.size() / 8);
    if (capacity < 1024) return {};
    std::string dict(capacity, '\0');
    ZDICT_fastCover_params_t params{};
    params.k = kTrainSegmentSize;
    params.d = kTrainDmerSize;
    params.f = kTrainFrequencyLog;
    params.accel = kTrainAccel;
    params.zParams.compressionLevel = kLevel;
    const size_t n = ZDICT_trainFromBuffer_fastCover(dict.data(), dict.size(), samples.data(), sizes.data(),
                                                     static_cast<unsigned>(sizes.size()), params);
    if (ZDICT_isError(n)) return {};  // too few distinct samples: compress without one
    dict.resize(n);
    return dict;
  }

  void flush_segment() {
    if (pending_sizes.empty()) return;
    Segment s;
    s.first_id = next_id;
    const std::string dict = train();
    s.dict_offset = written;
    s.dict_size = static_cast<uint32_t>(dict.size());
    emit(dict);
    s.data_offset = written;
    ZSTD_CDict* cdict = dict.empty() ? nullptr : ZSTD_createCDict(dict.data(), dict.size(), kLevel);
    // Every frame records its size (the reader sizes its buffer from it) and a checksum of its
    // content (zstd verifies it when decoding, so a damaged record is refused, never altered);
    // the dictionary id is left out, as the directory says which dictionary a record uses.
    ZSTD_CCtx_reset(cctx, ZSTD_reset_session_and_parameters);
    ZSTD_CCtx_setParameter(cctx, ZSTD_c_compressionLevel, kLevel);
    ZSTD_CCtx_setParameter(cctx, ZSTD_c_checksumFlag, 1);
    ZSTD_CCtx_setParameter(cctx, ZSTD_c_dictIDFlag, 0);
    ZSTD_CCtx_refCDict(cctx, cdict);
    std::string body;
    s.offsets.push_back(0);
    size_t at = 0;
    for (size_t len : pending_sizes) {
      buffer.resize(ZSTD_compressBound(len));
      const size_t n = ZSTD_compress2(cctx, buffer.data(), buffer.size(), pending.data() + at, len);
      if (ZSTD_isError(n) || body.size() + n > UINT32_MAX) {
        ZSTD_CCtx_refCDict(cctx, nullptr);
        ZSTD_freeCDict(cdict);
        throw IndexError("compressing a passage record for " + file.string() + " failed: " +
                         (ZSTD_isError(n) ? ZSTD_getErrorName(n) : "a segment exceeds 4 GB"));
      }
      body.append(buffer.data(), n);
      s.offsets.push_back(static_cast<uint32_t>(body.size()));
      at += len;
    }
    ZSTD_CCtx_refCDict(cctx, nullptr);
    ZSTD_freeCDict(cdict);
    emit(body);
    next_id += s.count();
    segments.push_back(std::move(s));
    pending.clear();
    pending_sizes.clear();
  }
};

PassageStoreWriter::PassageStoreWriter(const fs::path& file) : impl_(std::make_unique<Impl>()) {
  impl_->file = file;
  impl_->out.open(file, std::ios::binary | std::ios::trunc);
  if (!impl_->out) throw IndexError("cannot create " + file.string() + ": " + std::strerror(errno));
  impl_->cctx = ZSTD_createCCtx();
  if (!impl_->cctx) throw std::bad_alloc();
}

PassageStoreWriter::~PassageStoreWriter() = default;

void PassageStoreWriter::add(std::string_view record) {
  if (record.size() > kMaxRecordBytes)
    throw IndexError("a passage record of " + std::to_string(record.size()) + " bytes is too large for " + impl_->file.string() +
                     " (at most " + std::to_string(kMaxRecordBytes) + "); split the source text into paragraphs");
  impl_->pending.append(record);
  impl_->pending_sizes.push_back(record.size());
  if (impl_->pending_sizes.size() >= kSegmentRecords || impl_->pending.size() >= kSegmentBytes) impl_->flush_segment();
}

void PassageStoreWriter::finish() {
  Impl& im = *impl_;
  im.flush_segment();
  std::string tail;
  const uint64_t directory_offset = im.written;
  for (const auto& s : im.segments) append_directory_entry(tail, s);
  tail += footer(directory_offset, static_cast<uint32_t>(im.segments.size()));
  im.emit(tail);
  im.out.close();
  if (!im.out) throw IndexError("cannot write " + im.file.string() + ": " + std::strerror(errno));
}

// ---- merge -----------------------------------------------------------------------------------

uint32_t merge_passage_stores(const std::vector<fs::path>& inputs, const fs::path& out_file) {
  std::ofstream out(out_file, std::ios::binary | std::ios::trunc);
  if (!out) throw IndexError("cannot create " + out_file.string() + ": " + std::strerror(errno));
  uint64_t written = 0;
  uint32_t next_id = 1;
  std::vector<Segment> all;
  for (const auto& in : inputs) {
    const FileHandle f(in, "shard passage store");
    Directory d = read_directory(f);
    // Segment bodies are position-independent but for the directory's absolute offsets.
    copy_prefix(f, d.body_end, out, out_file);
    for (auto& s : d.segments) {
      s.first_id = next_id;
      next_id += s.count();
      s.dict_offset += written;
      s.data_offset += written;
      all.push_back(std::move(s));
    }
    written += d.body_end;
  }
  std::string tail;
  for (const auto& s : all) append_directory_entry(tail, s);
  tail += footer(written, static_cast<uint32_t>(all.size()));
  write_all(out, tail, out_file);
  out.close();
  if (!out) throw IndexError("cannot write " + out_file.string() + ": " + std::strerror(errno));
  return next_id - 1;
}

// ---- reader ----------------------------------------------------------------------------------

// Reads with pread rather than a mapping: searchd opens one store per worker thread, and every
// mapping of the same file would count the pages it touched into the process's RSS again.
struct PassageStore::Impl {
  std::unique_ptr<FileHandle> file;
  std::vector<Segment> segments;
  std::vector<ZSTD_DDict*> dicts;  // per segment; nullptr when it has none
  ZSTD_DCtx* dctx = nullptr;
  uint32_t records = 0;
  std::string frame;  // reused read buffer

  ~Impl() {
    for (auto* d : dicts) ZSTD_freeDDict(d);
    ZSTD_freeDCtx(dctx);
  }
};

PassageStore::PassageStore(const fs::path& file) : impl_(std::make_unique<Impl>()) {
  Impl& im = *impl_;
  im.file = std::make_unique<FileHandle>(file, "passage store");
  im.segments = read_directory(*im.file).segments;
  std::string dict;
  for (const auto& s : im.segments) {
    dict.resize(s.dict_size);
    read_at(*im.file, dict.data(), dict.size(), s.dict_offset);
    im.dicts.push_back(s.dict_size ? ZSTD_createDDict(dict.data(), dict.size()) : nullptr);
    if (s.dict_size && !im.dicts.back()) throw IndexError(im.file->name + " has a damaged dictionary; rebuild the index with pepindex build");
    im.records += s.count();
  }
  im.dctx = ZSTD_createDCtx();
  if (!im.dctx) throw std::bad_alloc();
}

PassageStore::~PassageStore() = default;

uint32_t PassageStore::size() const { return impl_->records; }

std::string PassageStore::get(uint32_t id) {
  Impl& im = *impl_;
  if (id == 0 || id > im.records) throw IndexError(im.file->name + " has no record " + std::to_string(id));
  auto it = std::upper_bound(im.segments.begin(), im.segments.end(), id, [](uint32_t v, const Segment& s) { return v < s.first_id; });
  const size_t k = static_cast<size_t>(it - im.segments.begin()) - 1;
  const Segment& s = im.segments[k];
  const uint32_t i = id - s.first_id;
  const size_t frame_size = s.offsets[i + 1] - s.offsets[i];
  im.frame.resize(frame_size);
  read_at(*im.file, im.frame.data(), frame_size, s.data_offset + s.offsets[i]);
  const char* frame = im.frame.data();
  const unsigned long long n = ZSTD_getFrameContentSize(frame, frame_size);
  // RFC 8878: bit 2 of the frame header descriptor (after the 4-byte magic) says a checksum follows.
  if (n == ZSTD_CONTENTSIZE_UNKNOWN || n == ZSTD_CONTENTSIZE_ERROR || n > kMaxRecordBytes || (frame[4] & 0x04) == 0)
    throw IndexError(im.file->name + ": record " + std::to_string(id) + " is damaged; rebuild the index with pepindex build");
  std::string out(static_cast<size_t>(n), '\0');
  const size_t got = im.dicts[k] ? ZSTD_decompress_usingDDict(im.dctx, out.data(), out.size(), frame, frame_size, im.dicts[k])
                                 : ZSTD_decompressDCtx(im.dctx, out.data(), out.size(), frame, frame_size);
  if (ZSTD_isError(got) || got != n)
    throw IndexError(im.file->name + ": record " + std::to_string(id) + " is damaged; rebuild the index with pepindex build");
  return out;
}

}  // namespace pep
