// PostingList: one term's postings as the index keeps them outside Xapian's tables — the stems'
// lists (stem_postings.h) and the stop words' (schema::kMetaStopPostings). Xapian's writer costs
// per posting; these lists cost an append each.
//
// Encoding: per passage that holds the term, in ascending document id order, varint (document id
// - previous id, from 0) then varint wdf (binary_file.h varints).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace pep {

struct Posting {
  uint32_t docid;
  uint32_t wdf;
  bool operator==(const Posting&) const = default;
};

// Builds one term's list; postings must come in ascending document id order.
class PostingList {
 public:
  void add(uint32_t docid, uint32_t wdf);
  // Appends every posting of `other` with `offset` added to its document ids: how shards are
  // joined, shard k's ids following shard k-1's. Copies the encoded postings as they are (only the
  // first id's gap changes). Throws IndexError if the ids would not ascend.
  void append(const PostingList& other, uint32_t offset);
  const std::string& bytes() const { return bytes_; }
  uint32_t size() const { return size_; }        // postings: the term's document frequency
  uint32_t max_wdf() const { return max_wdf_; }  // bounds its weight

 private:
  std::string bytes_;
  uint32_t last_ = 0;
  uint32_t size_ = 0;
  uint32_t max_wdf_ = 0;
};

// Lists by term (a shard's or an index's).
using PostingLists = std::map<std::string, PostingList>;

// Joins the shards' lists by term, in term order: calls take(term, joined) for each term with
// postings, shard k's document ids moved on by offsets[k] (as merge_shards numbers the shards'
// documents). One term at a time, so no joined copy of all the lists is held. Throws IndexError if
// the ids would not ascend.
void join_by_term(const std::vector<PostingLists>& shards, const std::vector<uint32_t>& offsets,
                  const std::function<void(const std::string& term, const PostingList& joined)>& take);

// Decodes an encoded list. Throws IndexError (with the rebuild hint) on bytes that are damaged or
// out of order.
std::vector<Posting> decode_postings(std::string_view bytes);

// Reads an encoded list one posting at a time, without a copy: what queries walk. The bytes must
// outlive it. Damage throws IndexError as decode_postings does.
class PostingCursor {
 public:
  PostingCursor() = default;
  explicit PostingCursor(std::string_view bytes)
      : p_(reinterpret_cast<const unsigned char*>(bytes.data())), end_(p_ + bytes.size()) {}
  // Moves to the first posting, then to each next one; false at the end (docid() is then 0).
  bool next() {
    if (p_ == end_) {
      docid_ = 0;
      ended_ = true;
      return false;
    }
    uint32_t delta = 0;
    if (!read(delta) || !read(wdf_) || delta == 0 || delta > UINT32_MAX - docid_) damaged();
    docid_ += delta;
    return true;
  }
  // Moves to the first posting at or after `did` (from the current one on); false at the end.
  bool skip_to(uint32_t did) {
    if (!ended_ && docid_ >= did && docid_ != 0) return true;
    while (next())
      if (docid_ >= did) return true;
    return false;
  }
  bool at_end() const { return ended_; }
  uint32_t docid() const { return docid_; }
  uint32_t wdf() const { return wdf_; }

 private:
  // One varint of at most 32 bits, inline: queries decode every posting of their terms.
  bool read(uint32_t& v) {
    uint32_t out = 0;
    for (int shift = 0; shift < 35 && p_ < end_; shift += 7) {
      const unsigned char b = *p_++;
      if (shift == 28 && (b & 0x70)) return false;  // over 32 bits
      out |= static_cast<uint32_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) {
        v = out;
        return true;
      }
    }
    return false;
  }
  [[noreturn]] static void damaged();
  const unsigned char* p_ = nullptr;
  const unsigned char* end_ = nullptr;
  uint32_t docid_ = 0;
  uint32_t wdf_ = 0;
  bool ended_ = false;
};

// Moves every cursor to the first document at or after `target` that all of them hold (a
// leapfrog) and sets `target` to it; false when one of them runs out first.
bool align(std::vector<PostingCursor>& lists, uint32_t& target);

}  // namespace pep
