#include "position_store.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <string>

#include "binary_file.h"
#include "error.h"

namespace fs = std::filesystem;

namespace pep {
namespace {

using namespace binary;

constexpr std::string_view kMagic = "PEPPOSNS";
constexpr uint32_t kFormatVersion = 1;

std::string footer(uint64_t directory_offset, uint32_t records) {
  return footer_bytes({directory_offset, records}, kFormatVersion, kMagic);
}

// A checksum of a record's bytes, 8 at a time (a byte-wise hash was a third of a phrase check).
uint32_t record_checksum(const unsigned char* p, size_t n) {
  uint64_t h = 0x9e3779b97f4a7c15ull ^ n;
  for (; n >= 8; p += 8, n -= 8) h = (h ^ get_le(p, 8)) * 0xff51afd7ed558ccdull;
  if (n > 0) h = (h ^ get_le(p, static_cast<int>(n))) * 0xff51afd7ed558ccdull;
  return static_cast<uint32_t>(h ^ (h >> 32));
}

IndexError damaged(const std::string& name, const std::string& what) {
  return IndexError(name + " is damaged (" + what + "); rebuild the index with pepindex build");
}

// Reads and checks the footer and directory: count + 1 offsets, ascending, within the records.
std::vector<uint64_t> read_directory(const FileHandle& f) {
  const Footer footer = read_footer(f, kFormatVersion, kMagic, "position store");
  const uint64_t dir_offset = footer.directory_offset;
  const uint64_t count = footer.count;
  if (dir_offset > f.size - kFooterBytes || (f.size - kFooterBytes - dir_offset) != (count + 1) * 8)
    throw damaged(f.name, "directory size");
  std::string raw((count + 1) * 8, '\0');
  read_at(f, raw.data(), raw.size(), dir_offset);
  std::vector<uint64_t> offsets(count + 1);
  for (size_t i = 0; i <= count; ++i) offsets[i] = get_le(reinterpret_cast<const unsigned char*>(raw.data()) + 8 * i, 8);
  if (offsets[0] != 0 || offsets.back() != dir_offset || !std::is_sorted(offsets.begin(), offsets.end()))
    throw damaged(f.name, "directory offsets");
  return offsets;
}

}  // namespace

uint32_t position_term_key(std::string_view term) {
  uint32_t h = 2166136261u;
  for (unsigned char c : term) {
    h ^= c;
    h *= 16777619u;
  }
  return h;
}

// ---- writer ----------------------------------------------------------------------------------

struct PositionStoreWriter::Impl {
  fs::path file;
  std::ofstream out;
  std::vector<uint64_t> offsets{0};
  // Reused from record to record: add() runs once per passage.
  std::string record, area;
  std::vector<uint32_t> keys;
  std::vector<uint64_t> ends;
  std::vector<uint64_t> order;  // a record's postings as key << 32 | position
};

PositionStoreWriter::PositionStoreWriter(const fs::path& file) : impl_(std::make_unique<Impl>()) {
  impl_->file = file;
  impl_->out.open(file, std::ios::binary | std::ios::trunc);
  if (!impl_->out) throw IndexError("cannot create " + file.string() + ": " + std::strerror(errno));
}

PositionStoreWriter::~PositionStoreWriter() = default;

void PositionStoreWriter::add(std::vector<TermPosition> postings) {
  Impl& im = *impl_;
  // Sorted by (key, position) as one 64-bit number: integer comparisons, no branches on two fields
  // (the two-field comparison was ~1% of a build's instructions).
  auto& order = im.order;
  order.resize(postings.size());
  for (size_t i = 0; i < postings.size(); ++i) order[i] = uint64_t{postings[i].key} << 32 | postings[i].position;
  std::sort(order.begin(), order.end());
  auto& keys = im.keys;
  auto& ends = im.ends;
  auto& area = im.area;
  keys.clear();
  ends.clear();
  area.clear();
  for (size_t i = 0; i < order.size();) {
    const auto key = static_cast<uint32_t>(order[i] >> 32);
    uint32_t last = 0;
    for (; i < order.size() && static_cast<uint32_t>(order[i] >> 32) == key; ++i) {
      const auto position = static_cast<uint32_t>(order[i]);
      put_varint(area, position - last);
      last = position;
    }
    keys.push_back(key);
    ends.push_back(area.size());
  }
  const int width = area.size() <= UINT16_MAX ? 2 : 4;
  im.record.clear();
  put_varint(im.record, keys.size());
  im.record.push_back(static_cast<char>(width));
  for (uint32_t k : keys) put_u32(im.record, k);
  for (uint64_t e : ends) {
    if (width == 2) im.record.append({static_cast<char>(e & 0xff), static_cast<char>(e >> 8)});
    else put_u32(im.record, static_cast<uint32_t>(e));
  }
  im.record += area;
  put_u32(im.record, record_checksum(reinterpret_cast<const unsigned char*>(im.record.data()), im.record.size()));
  write_all(im.out, im.record, im.file);
  im.offsets.push_back(im.offsets.back() + im.record.size());
}

void PositionStoreWriter::finish() {
  Impl& im = *impl_;
  std::string tail;
  for (uint64_t o : im.offsets) put_u64(tail, o);
  tail += footer(im.offsets.back(), static_cast<uint32_t>(im.offsets.size() - 1));
  write_all(im.out, tail, im.file);
  im.out.close();
  if (!im.out) throw IndexError("cannot write " + im.file.string() + ": " + std::strerror(errno));
}

// ---- merge -----------------------------------------------------------------------------------

uint32_t merge_position_stores(const std::vector<fs::path>& inputs, const fs::path& out_file) {
  std::ofstream out(out_file, std::ios::binary | std::ios::trunc);
  if (!out) throw IndexError("cannot create " + out_file.string() + ": " + std::strerror(errno));
  std::vector<uint64_t> all{0};
  for (const auto& in : inputs) {
    const FileHandle f(in, "shard position store");
    const std::vector<uint64_t> offsets = read_directory(f);
    // Records hold no absolute offsets: copy them whole and shift the directory.
    copy_prefix(f, offsets.back(), out, out_file);
    const uint64_t base = all.back();
    for (size_t i = 1; i < offsets.size(); ++i) all.push_back(base + offsets[i]);
  }
  std::string tail;
  for (uint64_t o : all) put_u64(tail, o);
  tail += footer(all.back(), static_cast<uint32_t>(all.size() - 1));
  write_all(out, tail, out_file);
  out.close();
  if (!out) throw IndexError("cannot write " + out_file.string() + ": " + std::strerror(errno));
  return static_cast<uint32_t>(all.size() - 1);
}

// ---- reader ----------------------------------------------------------------------------------

// Read with pread, not a mapping, for the reason passage_store.h gives.
struct PositionStore::Impl {
  std::unique_ptr<FileHandle> file;
  std::vector<uint64_t> offsets;
  std::string buffer;
};

PositionStore::PositionStore(const fs::path& file) : impl_(std::make_unique<Impl>()) {
  impl_->file = std::make_unique<FileHandle>(file, "position store");
  impl_->offsets = read_directory(*impl_->file);
}

PositionStore::~PositionStore() = default;

uint32_t PositionStore::size() const { return static_cast<uint32_t>(impl_->offsets.size() - 1); }

// One record, read and checked: where its keys, offsets and positions are.
struct PositionStore::Record {
  const unsigned char* keys = nullptr;     // n u32
  const unsigned char* offsets = nullptr;  // n `width`-byte ends
  const unsigned char* area = nullptr;
  const unsigned char* end = nullptr;      // of the positions area
  size_t n = 0;
  int width = 2;

  uint32_t key(size_t i) const { return static_cast<uint32_t>(get_le(keys + 4 * i, 4)); }
  size_t end_of(size_t i) const { return static_cast<size_t>(get_le(offsets + width * i, width)); }
  // Decodes the positions of key i; false if they run outside the area.
  bool positions(size_t i, std::vector<uint32_t>& out) const {
    out.clear();
    const unsigned char* p = area + (i == 0 ? 0 : end_of(i - 1));
    const unsigned char* stop = area + end_of(i);
    if (p > stop || stop > end) return false;
    uint64_t pos = 0;
    while (p < stop) {
      uint64_t delta = 0;
      if (!get_varint(&p, stop, delta)) return false;
      pos += delta;
      if (pos > UINT32_MAX) return false;
      out.push_back(static_cast<uint32_t>(pos));
    }
    return true;
  }
};

PositionStore::Record PositionStore::read(uint32_t id) {
  Impl& im = *impl_;
  if (id == 0 || id >= im.offsets.size()) throw IndexError(im.file->name + " has no record " + std::to_string(id) + "; rebuild the index with pepindex build");
  im.buffer.resize(im.offsets[id] - im.offsets[id - 1]);
  read_at(*im.file, im.buffer.data(), im.buffer.size(), im.offsets[id - 1]);
  const auto* begin = reinterpret_cast<const unsigned char*>(im.buffer.data());
  const auto bad = [&] { return damaged(im.file->name, "record " + std::to_string(id)); };
  if (im.buffer.size() < 6 || record_checksum(begin, im.buffer.size() - 4) != get_le(begin + im.buffer.size() - 4, 4)) throw bad();
  Record r;
  const unsigned char* p = begin;
  const unsigned char* end = begin + im.buffer.size() - 4;
  uint64_t n = 0;
  if (!get_varint(&p, end, n) || p == end) throw bad();
  r.width = *p++;
  if ((r.width != 2 && r.width != 4) || n > static_cast<uint64_t>(end - p) / (4 + r.width)) throw bad();
  r.n = static_cast<size_t>(n);
  r.keys = p;
  r.offsets = p + 4 * r.n;
  r.area = r.offsets + r.width * r.n;
  r.end = end;
  if (r.n > 0 && r.end_of(r.n - 1) != static_cast<size_t>(end - r.area)) throw bad();
  return r;
}

void PositionStore::get(uint32_t id, std::vector<TermPosition>& out) {
  out.clear();
  const Record r = read(id);
  std::vector<uint32_t> positions;
  for (size_t i = 0; i < r.n; ++i) {
    if (!r.positions(i, positions)) throw damaged(impl_->file->name, "record " + std::to_string(id));
    for (uint32_t p : positions) out.push_back({p, r.key(i)});
  }
  std::sort(out.begin(), out.end(), [](const TermPosition& a, const TermPosition& b) { return a.position != b.position ? a.position < b.position : a.key < b.key; });
}

bool PositionStore::find(uint32_t id, const std::vector<uint32_t>& keys, std::vector<std::vector<uint32_t>>& at) {
  const Record r = read(id);
  at.resize(keys.size());
  for (size_t k = 0; k < keys.size(); ++k) {
    size_t lo = 0, hi = r.n;  // binary search: keys ascend
    while (lo < hi) {
      const size_t mid = (lo + hi) / 2;
      if (r.key(mid) < keys[k]) lo = mid + 1;
      else hi = mid;
    }
    if (lo == r.n || r.key(lo) != keys[k]) return false;
    if (!r.positions(lo, at[k])) throw damaged(impl_->file->name, "record " + std::to_string(id));
  }
  return true;
}

}  // namespace pep
