// StemPostings: the posting lists of the Z terms (schema::kStemPrefix, the passage text's stems),
// kept in a file of the index directory (schema::kStemPostingsFile) instead of in Xapian's
// posting table. Xapian's writer cost about half of a build's wall time on these lists, for the
// one thing queries need of them: to walk a term's passages with their wdfs
// (searchd/stem_query.h weighs them with BM25 as Xapian would).
//
// File layout (integers little-endian):
//   lists      each term's PostingList bytes (posting_list.h), terms in byte order
//   names      the terms' bytes, in the same order
//   table      u64 offset of names, then per term: u64 list offset, u32 list bytes,
//              u32 document frequency, u32 largest wdf, u32 name offset (from names), u32 name bytes
//   footer     u64 table offset, u32 term count, u32 format version, "PEPSTEMS"
// Opening reads the names and the table into memory (~1 MB for MedQuAD's 27,000 stems); a lookup
// is a binary search there, and a list is read from the file when a query asks for it (pread, as
// the passage and position stores read: a mapped file would count once per search engine in
// searchd's resident memory, and each engine holds one).
//
// Errors (a file that cannot be written, is missing, damaged or of another format) throw
// IndexError naming the file, with the rebuild hint. A StemPostings is immutable once open, so
// threads may share one.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "binary_file.h"

#include "posting_list.h"

namespace pep {

// Writes the shards' lists, joined by term (join_by_term: shard k's document ids moved on by
// offsets[k]), to a new file `file` (created or truncated). Empty lists are left out.
void write_stem_postings(const std::filesystem::path& file, const std::vector<PostingLists>& shards,
                         const std::vector<uint32_t>& offsets);

class StemPostings {
 public:
  explicit StemPostings(const std::filesystem::path& file);
  StemPostings(const StemPostings&) = delete;
  StemPostings& operator=(const StemPostings&) = delete;

  struct List {
    uint64_t offset = 0;    // of its bytes in the file
    uint32_t bytes = 0;
    uint32_t termfreq = 0;  // passages holding the term; 0 for a term the index lacks
    uint32_t max_wdf = 0;
  };
  List find(std::string_view term) const;
  bool contains(std::string_view term) const { return find(term).termfreq > 0; }
  // The list's PostingList bytes, for a PostingCursor ("" for a term the index lacks).
  std::string read(const List& list) const;
  uint32_t terms() const { return count_; }
  // The i-th term (i < terms()), in byte order: to list or inspect them.
  std::string_view term_at(uint32_t i) const;

 private:
  std::unique_ptr<binary::FileHandle> file_;
  std::string names_;  // the names region
  std::string table_;  // the table's entries
  uint64_t lists_end_ = 0;  // where the lists region ends (the names start)
  uint32_t count_ = 0;
};

}  // namespace pep
