#include "stop_postings.h"

#include "binary_file.h"
#include "index_location.h"

namespace pep {

void StopPostingList::add(uint32_t docid, uint32_t wdf) {
  if (docid <= last_) throw IndexError("stop-word postings out of order (document " + std::to_string(docid) + ")");
  binary::put_varint(bytes_, docid - last_);
  binary::put_varint(bytes_, wdf);
  last_ = docid;
}

void StopPostingList::append(const StopPostingList& other, uint32_t offset) {
  if (other.bytes_.empty()) return;
  const auto* p = reinterpret_cast<const unsigned char*>(other.bytes_.data());
  const auto* end = p + other.bytes_.size();
  uint64_t first = 0;
  binary::get_varint(&p, end, first);  // the first id, as a delta from 0; the others are relative
  const uint32_t docid = static_cast<uint32_t>(first) + offset;
  if (docid <= last_) throw IndexError("stop-word postings out of order (document " + std::to_string(docid) + ")");
  binary::put_varint(bytes_, docid - last_);
  bytes_.append(reinterpret_cast<const char*>(p), static_cast<size_t>(end - p));
  last_ = other.last_ + offset;
}

std::vector<StopPosting> decode_stop_postings(std::string_view bytes) {
  std::vector<StopPosting> out;
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const auto* end = p + bytes.size();
  uint64_t docid = 0;
  while (p < end) {
    uint64_t delta = 0, wdf = 0;
    if (!binary::get_varint(&p, end, delta) || !binary::get_varint(&p, end, wdf) || delta == 0 || docid + delta > UINT32_MAX ||
        wdf > UINT32_MAX)
      throw IndexError("the index's stop-word postings are damaged; rebuild it with pepindex build");
    docid += delta;
    out.push_back({static_cast<uint32_t>(docid), static_cast<uint32_t>(wdf)});
  }
  return out;
}

}  // namespace pep
