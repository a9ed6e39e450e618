#include "posting_list.h"

#include <algorithm>

#include "binary_file.h"
#include "index_location.h"

namespace pep {

void PostingList::add(uint32_t docid, uint32_t wdf) {
  if (docid <= last_) throw IndexError("postings out of order (document " + std::to_string(docid) + ")");
  binary::put_varint(bytes_, docid - last_);
  binary::put_varint(bytes_, wdf);
  last_ = docid;
  ++size_;
  max_wdf_ = std::max(max_wdf_, wdf);
}

void PostingList::append(const PostingList& other, uint32_t offset) {
  if (other.bytes_.empty()) return;
  const auto* p = reinterpret_cast<const unsigned char*>(other.bytes_.data());
  const auto* end = p + other.bytes_.size();
  uint64_t first = 0;
  binary::get_varint(&p, end, first);  // the first id, as a delta from 0; the others are relative
  const uint32_t docid = static_cast<uint32_t>(first) + offset;
  if (docid <= last_) throw IndexError("postings out of order (document " + std::to_string(docid) + ")");
  binary::put_varint(bytes_, docid - last_);
  bytes_.append(reinterpret_cast<const char*>(p), static_cast<size_t>(end - p));
  last_ = other.last_ + offset;
  size_ += other.size_;
  max_wdf_ = std::max(max_wdf_, other.max_wdf_);
}

void join_by_term(const std::vector<PostingLists>& shards, const std::vector<uint32_t>& offsets,
                  const std::function<void(const std::string& term, const PostingList& joined)>& take) {
  // A merge of the shards' term-ordered maps: each step takes the smallest term still ahead.
  std::vector<PostingLists::const_iterator> at, end;
  for (const auto& lists : shards) {
    at.push_back(lists.begin());
    end.push_back(lists.end());
  }
  for (;;) {
    const std::string* first = nullptr;
    for (size_t k = 0; k < at.size(); ++k)
      if (at[k] != end[k] && (!first || at[k]->first < *first)) first = &at[k]->first;
    if (!first) return;
    const std::string term = *first;
    PostingList joined;
    for (size_t k = 0; k < at.size(); ++k)
      if (at[k] != end[k] && at[k]->first == term) joined.append((at[k]++)->second, offsets.at(k));
    if (joined.size() > 0) take(term, joined);
  }
}

std::vector<Posting> decode_postings(std::string_view bytes) {
  std::vector<Posting> out;
  PostingCursor c(bytes);
  while (c.next()) out.push_back({c.docid(), c.wdf()});
  return out;
}

bool align(std::vector<PostingCursor>& lists, uint32_t& target) {
  for (bool moved = true; moved;) {
    moved = false;
    for (auto& c : lists) {
      if (!c.skip_to(target)) return false;
      if (c.docid() > target) {
        target = c.docid();
        moved = true;
      }
    }
  }
  return true;
}

void PostingCursor::damaged() { throw IndexError("the index's postings are damaged; rebuild it with pepindex build"); }

}  // namespace pep
