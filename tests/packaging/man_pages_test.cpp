// The man pages (docs/man) list every flag that --help shows: pepsearch(1), searchd(8), and
// pepindex(1) with each of its subcommands' flags and the subcommands themselves.
#include "program_flags.h"

using namespace pep::test;

namespace {

// The roff source with its escaped dashes ("\-") made plain.
std::string man_text(const std::string& page) {
  std::string text = read_file(source_dir() / "docs" / "man" / page);
  std::string plain;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] == '-') continue;
    plain += text[i];
  }
  return plain;
}

// `word` stands alone in `text`: not followed by more of a flag's characters ("--page" is not "--page-x").
bool mentions(const std::string& text, const std::string& word) {
  for (size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) {
    const size_t end = at + word.size();
    const bool alone_after = end == text.size() || !(std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '-');
    const bool alone_before = at == 0 || !(std::isalnum(static_cast<unsigned char>(text[at - 1])) || (word[0] != '-' && text[at - 1] == '-'));
    if (alone_after && alone_before) return true;
  }
  return false;
}

void check_page_lists(const std::string& page, const std::set<std::string>& flags) {
  const std::string text = man_text(page);
  REQUIRE(!text.empty());
  REQUIRE(!flags.empty());
  for (const auto& f : flags) {
    INFO(page << " lacks " << f << ", which --help lists");
    CHECK(mentions(text, f));
  }
}

}  // namespace

TEST_CASE("pepsearch(1) lists every flag of pepsearch --help") {
  const auto flags = help_flags(pepsearch_bin());
  CHECK(flags.count("--server"));  // the parser reads the help
  check_page_lists("pepsearch.1", flags);
}

TEST_CASE("searchd(8) lists every flag of searchd --help") {
  check_page_lists("searchd.8", help_flags(SEARCHD_BIN));
}

TEST_CASE("pepindex(1) lists every subcommand and every flag of each") {
  const auto subs = help_subcommands(pepindex_bin());
  REQUIRE(subs.count("build"));
  check_page_lists("pepindex.1", help_flags(pepindex_bin()));
  const std::string text = man_text("pepindex.1");
  for (const auto& sub : subs) {
    INFO("pepindex.1 lacks the subcommand " << sub);
    CHECK(text.find(".SS " + sub + "\n") != std::string::npos);
    check_page_lists("pepindex.1", help_flags(pepindex_bin() + " " + sub));
  }
}

TEST_CASE("the man pages name their exit codes and environment") {
  for (const std::string page : {"pepsearch.1", "pepindex.1", "searchd.8"}) {
    const std::string text = man_text(page);
    INFO(page);
    CHECK(text.find(".SH EXIT STATUS") != std::string::npos);
    CHECK(text.find(".SH ENVIRONMENT") != std::string::npos);
    CHECK(text.find(".SH FILES") != std::string::npos);
  }
  CHECK(mentions(man_text("pepsearch.1"), "PEPSEARCH_INDEX"));
  CHECK(mentions(man_text("pepindex.1"), "PEPSEARCH_VOCAB"));
  CHECK(mentions(man_text("searchd.8"), "PEPSEARCH_STATIC"));
}
