// The pepindex subcommands that move whole generations between machines (generation_artifact.h):
//   verify DIR|FILE        a generation (index directory or gen-N) or a packed artifact against its
//                          manifest: every file present, sizes and SHA-256, this build's schema
//   pack DIR --out FILE    the current generation of DIR as one artifact
//   unpack FILE --index DIR  publish an artifact as DIR's next generation (atomic switch)
//   rollback DIR [--to GEN]  switch DIR back to the generation live before the current one (or
//                          to the kept generation GEN), verified first
// Each prints one line saying what it did on stdout; failures throw IndexError (exit 2, run_main.h).
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

namespace pep {

struct GenerationCommands {
  CLI::App* verify = nullptr;
  CLI::App* pack = nullptr;
  CLI::App* unpack = nullptr;
  CLI::App* rollback = nullptr;
  std::string target;  // DIR or FILE
  std::string out;     // pack --out
  std::string index;   // unpack --index
  std::string to;      // rollback --to
};

void add_generation_commands(CLI::App& app, GenerationCommands& c);

// Runs the parsed subcommand if it is one of these; nullopt otherwise.
std::optional<int> run_generation_commands(const GenerationCommands& c);

}  // namespace pep
