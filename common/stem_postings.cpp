#include "stem_postings.h"

#include <fstream>

#include "binary_file.h"
#include "index_location.h"

namespace pep {
namespace {

constexpr std::string_view kMagic = "PEPSTEMS";
constexpr uint32_t kFormatVersion = 1;
constexpr size_t kEntryBytes = 8 + 4 + 4 + 4 + 4 + 4;

}  // namespace

void write_stem_postings(const std::filesystem::path& file, const std::vector<PostingLists>& shards,
                         const std::vector<uint32_t>& offsets) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  if (!out) throw IndexError("cannot write stem postings " + file.string() + ": check the directory is writable");
  std::string table, names;
  uint64_t offset = 0;
  uint32_t count = 0;
  join_by_term(shards, offsets, [&](const std::string& name, const PostingList& joined) {
    binary::write_all(out, joined.bytes(), file);
    binary::put_u64(table, offset);
    binary::put_u32(table, static_cast<uint32_t>(joined.bytes().size()));
    binary::put_u32(table, joined.size());
    binary::put_u32(table, joined.max_wdf());
    binary::put_u32(table, static_cast<uint32_t>(names.size()));
    binary::put_u32(table, static_cast<uint32_t>(name.size()));
    names += name;
    offset += joined.bytes().size();
    ++count;
  });
  std::string tail;
  binary::put_u64(tail, offset);  // where the names start
  binary::write_all(out, names, file);
  binary::write_all(out, tail, file);
  binary::write_all(out, table, file);
  binary::write_all(out, binary::footer_bytes({offset + names.size(), count}, kFormatVersion, kMagic), file);
  out.close();
  if (!out) throw IndexError("cannot write stem postings " + file.string() + ": is the disk full?");
}

StemPostings::StemPostings(const std::filesystem::path& file) : file_(std::make_unique<binary::FileHandle>(file, "stem postings")) {
  const binary::FileHandle& f = *file_;
  const binary::Footer footer = binary::read_footer(f, kFormatVersion, kMagic, "stem postings file");
  const auto damaged = [&] { return IndexError(f.name + " is damaged; rebuild the index with pepindex build"); };
  if (footer.directory_offset > f.size ||
      f.size - footer.directory_offset != 8 + uint64_t{footer.count} * kEntryBytes + binary::kFooterBytes)
    throw damaged();
  unsigned char at[8];
  binary::read_at(f, at, 8, footer.directory_offset);
  lists_end_ = binary::get_le(at, 8);
  if (lists_end_ > footer.directory_offset) throw damaged();
  names_.resize(footer.directory_offset - lists_end_);
  binary::read_at(f, names_.data(), names_.size(), lists_end_);
  table_.resize(uint64_t{footer.count} * kEntryBytes);
  binary::read_at(f, table_.data(), table_.size(), footer.directory_offset + 8);
  count_ = footer.count;
}

std::string_view StemPostings::term_at(uint32_t i) const {
  if (i >= count_) throw IndexError(file_->name + ": no term " + std::to_string(i) + " (it has " + std::to_string(count_) + ")");
  const auto* e = reinterpret_cast<const unsigned char*>(table_.data()) + uint64_t{i} * kEntryBytes;
  const uint64_t at = binary::get_le(e + 20, 4), n = binary::get_le(e + 24, 4);
  if (at + n > names_.size()) throw IndexError(file_->name + " is damaged; rebuild the index with pepindex build");
  return std::string_view(names_).substr(at, n);
}

StemPostings::List StemPostings::find(std::string_view term) const {
  uint32_t lo = 0, hi = count_;  // the first entry whose name is not less than `term`
  while (lo < hi) {
    const uint32_t mid = lo + (hi - lo) / 2;
    if (term_at(mid) < term) lo = mid + 1;
    else hi = mid;
  }
  if (lo == count_ || term_at(lo) != term) return {};
  const auto* e = reinterpret_cast<const unsigned char*>(table_.data()) + uint64_t{lo} * kEntryBytes;
  List list{binary::get_le(e, 8), static_cast<uint32_t>(binary::get_le(e + 8, 4)), static_cast<uint32_t>(binary::get_le(e + 12, 4)),
            static_cast<uint32_t>(binary::get_le(e + 16, 4))};
  if (list.offset + list.bytes > lists_end_ || list.termfreq == 0)
    throw IndexError(file_->name + " is damaged; rebuild the index with pepindex build");
  return list;
}

std::string StemPostings::read(const List& list) const {
  std::string bytes(list.bytes, '\0');
  if (list.bytes > 0) binary::read_at(*file_, bytes.data(), bytes.size(), list.offset);
  return bytes;
}

}  // namespace pep
