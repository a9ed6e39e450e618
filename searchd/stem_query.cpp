#include "stem_query.h"

#include <algorithm>
#include <cmath>
#include <memory>

#include "posting_list.h"

namespace pep {
namespace {

// The passages holding any of `alternatives_` (each: all of its terms), weighed by BM25.
class StemSource : public Xapian::PostingSource {
 public:
  using Alternatives = std::vector<std::vector<std::string>>;
  StemSource(const StemPostings& postings, std::shared_ptr<const Alternatives> alternatives, double k1, double b)
      : postings_(postings), alternatives_(std::move(alternatives)), k1_(k1), b_(b) {}

  PostingSource* clone() const override { return new StemSource(postings_, alternatives_, k1_, b_); }

  void init(const Xapian::Database& db) override {
    db_ = db;
    alts_.clear();
    docid_ = 0;
    wdf_ = 0;
    ended_ = false;
    freq_max_ = 0;
    const double n = static_cast<double>(db.get_doccount());
    double none = 1.0;   // the estimated share of passages holding no alternative
    double max_wdf = 0;  // bounds the wdfs a passage can sum to
    for (const auto& terms : *alternatives_) {
      std::vector<StemPostings::List> lists;
      for (const auto& t : terms) lists.push_back(postings_.find(t));
      if (lists.empty() || std::any_of(lists.begin(), lists.end(), [](const auto& l) { return l.termfreq == 0; })) continue;
      Alternative alt;
      double share = 1.0;  // the estimated share holding all of its terms
      Xapian::doccount least = UINT32_MAX;
      for (const auto& l : lists) {
        alt.bytes.push_back(postings_.read(l));
        share *= n > 0 ? l.termfreq / n : 0;
        max_wdf += l.max_wdf;
        least = std::min<Xapian::doccount>(least, l.termfreq);
      }
      none *= 1.0 - share;
      freq_max_ += least;
      alts_.push_back(std::move(alt));
    }
    // The cursors read the bytes in place: made once no string will move again.
    for (auto& alt : alts_)
      for (const auto& bytes : alt.bytes) alt.lists.emplace_back(bytes);
    if (alts_.empty()) {
      ended_ = true;
      freq_ = 0;
      set_maxweight(0);
      return;
    }
    // One term alone: its frequency is known. A union's is estimated as Xapian estimates OR and AND.
    freq_max_ = std::min(freq_max_, db.get_doccount());
    freq_ = exact() ? freq_max_ : std::min(freq_max_, static_cast<Xapian::doccount>(n * (1.0 - none) + 0.5));
    // Xapian's BM25Weight::init for a term of frequency freq_, with k3 = 1 and wqf 1.
    double tw = (n - freq_ + 0.5) / (freq_ + 0.5);
    if (tw < 2) tw = tw * 0.5 + 1;
    termweight_ = std::log(tw) * (k1_ + 1);
    len_factor_ = 0;
    if (b_ != 0 && k1_ != 0) {
      const double avlen = db.get_avlength();
      len_factor_ = avlen != 0 ? 1 / avlen : 0;
    }
    // BM25Weight::get_maxpart.
    double denom = k1_;
    if (k1_ != 0 && b_ != 0) {
      const double normlen_lb =
          std::max(std::max(max_wdf, static_cast<double>(db.get_doclength_lower_bound())) * len_factor_, kMinNormlen);
      denom *= normlen_lb * b_ + (1 - b_);
    }
    set_maxweight(termweight_ * (max_wdf / (denom + max_wdf)));
  }

  Xapian::doccount get_termfreq_min() const override { return exact() ? freq_ : 0; }
  Xapian::doccount get_termfreq_est() const override { return freq_; }
  Xapian::doccount get_termfreq_max() const override { return freq_max_; }

  void next(double) override { move_to(docid_ + 1); }
  void skip_to(Xapian::docid did, double) override {
    if (did > docid_) move_to(did);
  }
  bool at_end() const override { return ended_; }
  Xapian::docid get_docid() const override { return docid_; }
  double get_weight() const override {
    double normlen = kMinNormlen;
    if (len_factor_ != 0) normlen = std::max(db_.get_doclength(docid_) * len_factor_, kMinNormlen);
    const double wdf = wdf_;
    return termweight_ * (wdf / (k1_ * (normlen * b_ + (1 - b_)) + wdf));
  }
  std::string get_description() const override {
    std::string d = "StemSource(";
    for (const auto& terms : *alternatives_) {
      if (d.back() != '(') d += " OR ";
      for (size_t i = 0; i < terms.size(); ++i) d += (i ? " AND " : "") + terms[i];
    }
    return d + ")";
  }

 private:
  static constexpr double kMinNormlen = 0.5;
  struct Alternative {
    std::vector<std::string> bytes;  // its terms' lists
    std::vector<PostingCursor> lists;
    uint32_t docid = 0;  // where all its lists agree; 0 before the first move
    uint32_t wdf = 0;    // their wdfs' sum there
    bool ended = false;
  };

  bool exact() const { return alternatives_->size() == 1 && alternatives_->front().size() == 1; }

  // Moves `a` to the first passage >= target holding all its terms.
  static void advance(Alternative& a, uint32_t target) {
    if (!align(a.lists, target)) {
      a.ended = true;
      return;
    }
    a.docid = target;
    a.wdf = 0;
    for (const auto& c : a.lists) a.wdf += c.wdf();
  }

  void move_to(uint32_t target) {
    uint32_t best = UINT32_MAX;
    for (auto& a : alts_) {
      if (a.ended) continue;
      if (a.docid < target) advance(a, target);
      if (!a.ended) best = std::min(best, a.docid);
    }
    if (best == UINT32_MAX) {
      ended_ = true;
      return;
    }
    docid_ = best;
    wdf_ = 0;
    for (const auto& a : alts_)
      if (!a.ended && a.docid == best) wdf_ += a.wdf;
  }

  const StemPostings& postings_;
  std::shared_ptr<const Alternatives> alternatives_;
  double k1_, b_;
  Xapian::Database db_;
  std::vector<Alternative> alts_;
  Xapian::doccount freq_ = 0, freq_max_ = 0;
  double termweight_ = 0, len_factor_ = 0;
  uint32_t docid_ = 0, wdf_ = 0;
  bool ended_ = false;
};

}  // namespace

Xapian::Query StemLeaves::term(const std::string& zterm) const { return synonym({{zterm}}); }

Xapian::Query StemLeaves::all(const std::vector<std::string>& zterms) const {
  std::vector<Xapian::Query> leaves;
  for (const auto& t : zterms) leaves.push_back(term(t));
  if (leaves.size() == 1) return leaves[0];
  return Xapian::Query(Xapian::Query::OP_AND, leaves.begin(), leaves.end());
}

Xapian::Query StemLeaves::synonym(const std::vector<std::vector<std::string>>& alternatives) const {
  if (alternatives.empty()) return Xapian::Query();
  auto alts = std::make_shared<const std::vector<std::vector<std::string>>>(alternatives);
  return Xapian::Query((new StemSource(postings_, std::move(alts), k1_, b_))->release());
}

}  // namespace pep
