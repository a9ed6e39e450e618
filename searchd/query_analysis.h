// QueryAnalyser: reads what a reader typed once, into QueryWords that carry everything the query
// passes need (query_builder.h): the form searched, its stem and Z term, the stems of its pieces
// and the role the word plays. A word is stemmed once here; the builder only assembles.
//
// Data: a QueryAnalysis is plain data in query order — the words (at most kMaxQueryWords; of a
// query of only stop words, its first kMaxStopWordQueryWords distinct ones), the quoted spans as
// word indexes, and the named compounds, indications and terms found (ConceptMatch, pointing into
// the analyser's vocabulary). Errors: none of its own; Xapian errors from the index pass through.
// Threading: analyse() is const and reads the database, so one analyser per thread, like the
// Xapian::Database it reads.
#pragma once

#include <xapian.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "english_words.h"
#include "term_dictionary.h"
#include "text_analyzer.h"
#include "vocabulary.h"

namespace pep {

// What a word does in the query; each role has its own pass in QueryBuilder.
enum class Role {
  word,                // searched by its stem (perhaps spelling-corrected, QueryWord::corrected)
  compound,            // a word of pieces ("IM-862"): its joined stem, or its pieces as a phrase
  stop_word,           // filler among content words (a stop word, or a word of a question-filler
                       // phrase): not searched, kept in the corrected query
  searched_stop_word,  // in a query of nothing but stop words: searched as its W or Z term
  quoted,              // inside double quotes: a piece of a required phrase
  concept_name,        // part of a compound, indication or term name: searched as all its aliases
  completion,          // the unknown last word being typed: searched as the words completing it
};

struct QueryWord {
  Word word;                             // as analysed: the written form, pieces, byte offsets
  std::string form;                      // the form searched: `word.form`, or its correction
  std::string stem;                      // the stem of `form`
  std::string term;                      // its Z term (schema::kStemPrefix + stem)
  std::vector<std::string> piece_stems;  // the stems of `word.parts`, in order
  Role role = Role::word;
  bool corrected = false;                // `form` is a spelling correction of `word.form` (or of a piece of it)
  bool unknown = false;                  // the index lacks the word and nothing replaced it (an English
                                         // word, a name, or nothing close enough): searched as typed
  std::vector<std::string> completions;  // Role::completion: the Z terms completing the word
};

struct QueryAnalysis {
  std::vector<QueryWord> words;
  std::vector<std::vector<size_t>> quoted;  // per quoted span, the indexes of its words
  std::vector<ConceptMatch> concepts;       // word indexes into `words`
  bool stop_words_only = false;             // every word is a stop word: they are searched
};

class QueryAnalyser {
 public:
  // `forms` is the index's word-form dictionary (spelling and completions); `db` tells whether a
  // stem is indexed. All references must outlive the analyser.
  // `english` (may be null): real English words, never corrected into index words (english_words.h).
  QueryAnalyser(const Xapian::Database& db, const Vocabulary& vocabulary, const TermDictionary& forms,
                const TextAnalyzer& analyzer, const EnglishWords* english = nullptr);
  QueryAnalysis analyse(const std::string& text) const;
  // A word outside the query (an alias of a concept), stemmed the same way; role word.
  QueryWord stemmed(const Word& w) const;
  // Every way of writing `c` (its aliases, then its name), each as stemmed words; names that
  // analyse to the same forms ("thymosin alpha-1", "thymosin α1") appear once. Analysed on first
  // use and kept: a concept named in many queries is not analysed again for each.
  const std::vector<std::vector<QueryWord>>& alias_words(const Concept& c) const;
  bool is_stop_word(const std::string& form) const { return stopwords_.count(form) > 0; }
  const TextAnalyzer& analyzer() const { return analyzer_; }

  static constexpr size_t kMaxQueryWords = 64;
  static constexpr size_t kMaxStopWordQueryWords = 8;  // distinct words searched in a stop-word-only query

 private:
  std::vector<Word> words(const std::string& text) const;
  void mark_quoted(const std::string& text, QueryAnalysis& a) const;
  void mark_filler(QueryAnalysis& a) const;  // question filler among other words: Role::stop_word
  void resolve(QueryWord& w, bool typing) const;  // the role of a word still unmarked
  std::string correct(const std::string& form) const;
  bool known(const std::string& form) const;
  void correct_pieces(QueryWord& w) const;  // a compound the index lacks: its unknown pieces corrected
  std::vector<std::string> completions(const std::string& prefix) const;

  const Xapian::Database& db_;
  const TermDictionary& forms_;
  const TextAnalyzer& analyzer_;
  const EnglishWords* english_;
  ConceptMatcher concepts_;
  std::set<std::string> stopwords_;
  std::vector<std::vector<std::string>> filler_;  // question filler phrases as analysed forms, longest first
  mutable std::map<const Concept*, std::vector<std::vector<QueryWord>>> alias_words_;  // alias_words()'s cache
};

}  // namespace pep
