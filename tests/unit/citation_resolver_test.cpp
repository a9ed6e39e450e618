#include <catch2/catch.hpp>

#include "citation_resolver.h"
#include "reference_parser.h"

using namespace pep;

namespace {
std::vector<Reference> numbered(int n) {
  std::vector<Reference> refs;
  for (int i = 1; i <= n; ++i) refs.push_back(parse_reference_entry(i, "Author" + std::to_string(i) + " A. Title. Journal 2010."));
  return refs;
}
}  // namespace

TEST_CASE("glued digit runs split into increasing reference numbers within the list") {
  CHECK(CitationResolver::split_glued_numbers("1415", 17) == std::vector<int>{14, 15});
  CHECK(CitationResolver::split_glued_numbers("516", 17) == std::vector<int>{5, 16});
  CHECK(CitationResolver::split_glued_numbers("23", 17) == std::vector<int>{2, 3});
  CHECK(CitationResolver::split_glued_numbers("12", 17) == std::vector<int>{12});
  CHECK(CitationResolver::split_glued_numbers("99", 17).empty());  // 9,9 is not increasing
  CHECK(CitationResolver::split_glued_numbers("5", 3).empty());
}

TEST_CASE("markers are resolved and removed; decimals, doses and names are left alone") {
  const auto refs = numbered(17);
  const CitationResolver r(refs);
  auto res = r.resolve("no better than placebo and possibly worse (Grade A negative).1 What is proven");
  CHECK(res.citations == std::vector<int>{1});
  CHECK(res.text == "no better than placebo and possibly worse (Grade A negative). What is proven");

  res = r.resolve("the disodium salt CAS 122933-59-9.1415 It was isolated");
  CHECK(res.citations == std::vector<int>{14, 15});
  CHECK(res.text == "the disodium salt CAS 122933-59-9. It was isolated");

  res = r.resolve("it lowers plasma VEGF (Grade B)3 — while the claims rest on animal data.5");
  CHECK(res.citations == std::vector<int>{3, 5});
  CHECK(res.text.find(")3") == std::string::npos);

  res = r.resolve("bioavailability is likely negligible,4 and it remains unapproved");
  CHECK(res.citations == std::vector<int>{4});
  CHECK(res.text == "bioavailability is likely negligible, and it remains unapproved");

  res = r.resolve("activates dendritic cells [9][11]. Next");
  CHECK(res.citations == std::vector<int>{9, 11});
  CHECK(res.text == "activates dendritic cells. Next");

  for (const char* kept : {"hazard ratio 0.99 (95% CI 0.77-1.27)", "1.6 mg subcutaneous, twice weekly", "TLR9 and IL6 levels",
                           "P = 0.46 — no difference", "in 8-week cycles"}) {
    INFO(kept);
    res = r.resolve(kept);
    CHECK(res.citations.empty());
    CHECK(res.text == kept);
  }
}

TEST_CASE("bracketed markers past the list are unresolved; glued digits need a list to be checked") {
  const std::vector<Reference> none;
  const CitationResolver r(none);
  auto res = r.resolve("approved in 35 countries [9].");
  CHECK(res.unresolved == std::vector<std::string>{"[9]"});
  CHECK(res.text == "approved in 35 countries.");
  res = r.resolve("registered in 1990.5 The same");
  CHECK(res.text == "registered in 1990.5 The same");
}

TEST_CASE("author-year mentions cite the matching entry and stay in the text") {
  std::vector<Reference> refs{parse_reference_entry(5, "Renga G et al. Thymosin alpha1 protects from CTLA-4 intestinal immunopathology. Life Sci Alliance 2020. PMID 32817121"),
                              parse_reference_entry(7, "Yang Y et al. Thymalfasin in chronic hepatitis B: a meta-analysis. J Viral Hepat 2013. PMID 23458517")};
  const CitationResolver r(refs);
  auto res = r.resolve("The most striking finding (Renga 2020): tolerance in gut. Yang et al. (2013) meta-analysis found 40.6%.");
  CHECK(res.citations == std::vector<int>{5, 7});
  CHECK(res.text.find("Renga 2020") != std::string::npos);
  CHECK(r.resolve("Renga 2019 and Smith 2020").citations.empty());
}

TEST_CASE("reference entries: authors, title, journal, year, PMID, DOI, URL, type") {
  const Reference q = parse_reference_entry(
      1, "Noy A, et al. \"Phase 3 randomized double-blind placebo-controlled study of IM862 in AIDS-related Kaposi sarcoma.\" "
         "J Clin Oncol 2005;23(5):990-998. pubmed.ncbi.nlm.nih.gov/15598977",
      "RCT");
  CHECK(q.authors == "Noy A, et al.");
  CHECK(q.title == "Phase 3 randomized double-blind placebo-controlled study of IM862 in AIDS-related Kaposi sarcoma");
  CHECK(q.journal == "J Clin Oncol 2005;23(5):990-998");
  CHECK(q.year == 2005);
  CHECK(q.pmid == "15598977");
  CHECK(q.url == "https://pubmed.ncbi.nlm.nih.gov/15598977");
  CHECK(q.type == "RCT");
  const Reference d = parse_reference_entry(2, "Costantini C et al. Thymosin alpha1 in cancer immunotherapy. Cancer Invest 2010. DOI: 10.3109/07357900903169981");
  CHECK(d.doi == "10.3109/07357900903169981");
  CHECK(d.title == "Thymosin alpha1 in cancer immunotherapy");
  const Reference md = parse_reference_entry(3, "Yang Y, et al. Thymalfasin in chronic hepatitis B. J Viral Hepat 2013. PMID 23458517. Type: Meta-analysis");
  CHECK(md.type == "Meta-analysis");
  CHECK(md.pmid == "23458517");
}
