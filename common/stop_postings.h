// StopPostings: the postings of stop words (corpus/vocab/stopwords.list), kept in the index's
// metadata instead of as Xapian terms. Stop words were a quarter of a build's postings, and
// Xapian's writer costs per posting, while only a query made of nothing but stop words reads them
// ("what is the"; every other query drops them). Passages' lengths still count them
// (schema::kStopCountTerm), so BM25 ranks every other query exactly as when they were terms.
//
// One metadata entry per stop word's Z term (schema::kMetaStopPostings + term): per passage that
// holds it, in ascending document id order, varint (document id - previous id, from 0) then
// varint wdf (binary_file.h varints).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace pep {

struct StopPosting {
  uint32_t docid;
  uint32_t wdf;
  bool operator==(const StopPosting&) const = default;
};

// Builds one term's list; postings must come in ascending document id order.
class StopPostingList {
 public:
  void add(uint32_t docid, uint32_t wdf);
  // Appends every posting of `other` with `offset` added to its document ids: how shards are
  // joined, shard k's ids following shard k-1's. Copies the encoded postings as they are (only the
  // first id's gap changes). Throws IndexError if the ids would not ascend.
  void append(const StopPostingList& other, uint32_t offset);
  const std::string& bytes() const { return bytes_; }

 private:
  std::string bytes_;
  uint32_t last_ = 0;
};

// One shard's or index's lists, by stop word's Z term.
using StopPostingLists = std::map<std::string, StopPostingList>;

// Decodes an encoded list. Throws IndexError (with the rebuild hint) on bytes that are damaged or
// out of order.
std::vector<StopPosting> decode_stop_postings(std::string_view bytes);

}  // namespace pep
