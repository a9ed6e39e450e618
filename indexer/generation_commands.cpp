#include "generation_commands.h"

#include <iostream>

#include "error.h"
#include "run_main.h"
#include "generation.h"
#include "generation_artifact.h"
#include "index_location.h"
#include "index_schema.h"

namespace fs = std::filesystem;

namespace pep {
namespace {

std::string describe(const Manifest& m) {
  uint64_t bytes = 0;
  for (const auto& f : m.files) bytes += f.size;
  return "id " + m.id.substr(0, 16) + ", schema " + std::to_string(m.schema) + ", " + std::to_string(m.documents) +
         " documents, " + std::to_string(m.passages) + " passages, " + std::to_string(m.files.size() + 1) + " files, " +
         std::to_string(bytes) + " bytes";
}

int verify(const fs::path& target) {
  if (fs::is_regular_file(target)) {
    const Manifest m = read_artifact(target);
    if (m.schema != schema::kSchemaVersion)
      throw IndexError("artifact " + target.string() + " holds schema " + std::to_string(m.schema) + ", this pepindex reads " +
                       std::to_string(schema::kSchemaVersion) + "; pack it with the same pepsearch version as searchd");
    std::cout << "verified artifact " << target.string() << ": " << describe(m) << "\n";
    return 0;
  }
  const fs::path gen = resolve_generation(target);
  const Generation g(gen, Verify::kChecksums);
  std::cout << "verified " << gen.string() << ": " << describe(g.manifest()) << "\n";
  return 0;
}

int rollback(const fs::path& dir, const std::string& to) {
  const BuildLock lock(dir);
  const std::string live = live_generation(dir);
  const std::string previous = to.empty() ? previous_generation(dir) : to;
  if (previous.empty())
    throw IndexError("no earlier generation is kept in " + dir.string() + " (live: " + (live.empty() ? "none" : live) +
                     "); publish the one you want with pepindex unpack or pepindex build");
  if (!to.empty() && !fs::is_directory(dir / to))
    throw UsageError("no generation " + to + " is kept in " + dir.string() + "; `ls " + dir.string() + "` lists the gen-N kept");
  const Generation g(dir / previous, Verify::kChecksums);  // never switch to a damaged generation
  switch_generation(dir, previous, lock);
  std::cout << "rolled back " << dir.string() << " from " << live << " to " << previous << ": " << describe(g.manifest())
            << "\n";
  return 0;
}

}  // namespace

void add_generation_commands(CLI::App& app, GenerationCommands& c) {
  c.verify = app.add_subcommand("verify", "check a generation or a packed artifact against its manifest (files, sizes, SHA-256, schema); exit 2 if it does not verify");
  c.verify->add_option("TARGET", c.target, "index directory (its current generation), gen-N directory, or artifact file")->required();
  c.pack = app.add_subcommand("pack", "pack the current generation into one artifact file (tar + zstd, manifest first) to copy to servers");
  c.pack->add_option("DIR", c.target, "index directory (its current generation) or a gen-N directory")->required();
  c.pack->add_option("--out", c.out, "artifact file to write (replaced atomically)")->required();
  c.unpack = app.add_subcommand("unpack", "publish an artifact as the next generation of an index directory (verified, then switched atomically)");
  c.unpack->add_option("FILE", c.target, "artifact made by pepindex pack")->required()->check(CLI::ExistingFile);
  c.unpack->add_option("--index", c.index, "index directory to publish into (created if new)")->required();
  c.rollback = app.add_subcommand("rollback", "switch an index directory back to the generation live before the current one");
  c.rollback->add_option("DIR", c.target, "index directory")->required()->check(CLI::ExistingDirectory);
  c.rollback->add_option("--to", c.to, "switch to this kept generation (gen-N) instead, e.g. forward again after a rollback");
}

std::optional<int> run_generation_commands(const GenerationCommands& c) {
  if (*c.verify) return verify(c.target);
  if (*c.rollback) return rollback(c.target, c.to);
  if (*c.pack) {
    const ArtifactReport r = pack_generation(c.target, c.out);
    std::cout << "packed " << r.generation << " into " << c.out << " (" << r.artifact_bytes << " bytes, sha256 "
              << r.artifact_sha256 << "): " << describe(r.manifest) << "\n";
    return 0;
  }
  if (*c.unpack) {
    const ArtifactReport r = unpack_generation(c.target, c.index);
    std::cout << "published " << c.target << " as " << (fs::path(c.index) / r.generation).string() << ": "
              << describe(r.manifest) << "\n";
    return 0;
  }
  return std::nullopt;
}

}  // namespace pep
