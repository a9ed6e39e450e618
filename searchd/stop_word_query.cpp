#include "stop_word_query.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

#include "index_schema.h"
#include "posting_list.h"

namespace pep {
namespace {

using Postings = std::shared_ptr<const std::vector<Posting>>;

class StopWordSource : public Xapian::PostingSource {
 public:
  StopWordSource(std::string zterm, Postings postings) : zterm_(std::move(zterm)), postings_(std::move(postings)) {}

  PostingSource* clone() const override { return new StopWordSource(zterm_, postings_); }

  void init(const Xapian::Database& db) override {
    at_ = kBefore;
    const double n = static_cast<double>(postings_->size());
    idf_ = std::log(1.0 + (static_cast<double>(db.get_doccount()) - n + 0.5) / (n + 0.5));
    set_maxweight(idf_ * (kK1 + 1));
  }

  Xapian::doccount get_termfreq_min() const override { return size(); }
  Xapian::doccount get_termfreq_est() const override { return size(); }
  Xapian::doccount get_termfreq_max() const override { return size(); }

  void next(double) override { at_ = at_ == kBefore ? 0 : at_ + 1; }
  void skip_to(Xapian::docid did, double) override {
    size_t from = at_ == kBefore ? 0 : at_;
    const auto& p = *postings_;
    if (from < p.size() && p[from].docid >= did) {
      at_ = from;
      return;
    }
    at_ = static_cast<size_t>(std::lower_bound(p.begin() + static_cast<std::ptrdiff_t>(std::min(from, p.size())), p.end(), did,
                                               [](const Posting& a, Xapian::docid d) { return a.docid < d; }) -
                              p.begin());
  }
  bool at_end() const override { return at_ != kBefore && at_ >= postings_->size(); }
  Xapian::docid get_docid() const override { return (*postings_)[at_].docid; }
  double get_weight() const override {
    const double wdf = (*postings_)[at_].wdf;
    return idf_ * (kK1 + 1) * wdf / (kK1 + wdf);
  }
  std::string get_description() const override { return "StopWordSource(" + zterm_ + ")"; }

 private:
  static constexpr size_t kBefore = static_cast<size_t>(-1);
  static constexpr double kK1 = 1.2;
  Xapian::doccount size() const { return static_cast<Xapian::doccount>(postings_->size()); }
  std::string zterm_;
  Postings postings_;
  size_t at_ = kBefore;
  double idf_ = 0;
};

}  // namespace

Xapian::Query stop_word_query(const Xapian::Database& db, const StemPostings& stems, const std::string& zterm) {
  // The stop word as written (metadata) and as compound pieces or other words with its stem
  // (the Z term), one list with their wdfs summed: one weight per passage, as when it was a term.
  const std::vector<Posting> written = decode_postings(db.get_metadata(std::string(schema::kMetaStopPostings) + zterm));
  auto all = std::make_shared<std::vector<Posting>>();
  all->reserve(written.size());
  auto w = written.begin();
  const std::string bytes = stems.read(stems.find(zterm));
  for (PostingCursor p(bytes); p.next();) {
    for (; w != written.end() && w->docid < p.docid(); ++w) all->push_back(*w);
    Posting here{p.docid(), p.wdf()};
    if (w != written.end() && w->docid == p.docid()) here.wdf += (w++)->wdf;
    all->push_back(here);
  }
  all->insert(all->end(), w, written.end());
  return Xapian::Query((new StopWordSource(zterm, std::move(all)))->release());
}

}  // namespace pep
