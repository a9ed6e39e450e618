// data_dir: where the programs find the data they ship with, the vocabularies (vocab/) and the
// search page (static/). It is `<directory of the running executable>/../share/pepsearch`, read
// from /proc/self/exe, so an installed program (PREFIX/bin/searchd) finds PREFIX/share/pepsearch
// and one run from the build tree (build/searchd/searchd) finds build/share/pepsearch, which CMake
// fills with links to corpus/vocab and searchd/static; no path of the build machine is compiled in.
// The environment overrides each default: $PEPSEARCH_VOCAB, $PEPSEARCH_STATIC (and the programs'
// --vocab / --static flags override those).
//
// Errors: none thrown; when /proc/self/exe cannot be read, the data directory is taken relative to
// the working directory (`../share/pepsearch`), and the program's own error for a missing file
// names the flag or variable to set. Stateless and thread-safe (reads the environment only).
#pragma once

#include <filesystem>

namespace pep {

// The data directory for an executable at `exe`: exe's directory/../share/pepsearch, normalised.
std::filesystem::path data_dir_for(const std::filesystem::path& exe);

// The data directory of the running program (data_dir_for(/proc/self/exe)).
std::filesystem::path data_dir();

// $PEPSEARCH_VOCAB, else data_dir()/vocab.
std::filesystem::path default_vocabulary_dir();

// $PEPSEARCH_STATIC, else data_dir()/static.
std::filesystem::path default_static_dir();

}  // namespace pep
