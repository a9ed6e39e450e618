#include "index_check.h"

#include <xapian.h>

#include <ostream>
#include <sstream>

#include "error.h"
#include "generation.h"
#include "passage_record.h"

namespace fs = std::filesystem;

namespace pep {
namespace {

void check_files(const fs::path& gen, std::ostream& out) {
  const Manifest m = read_manifest(gen);
  out << "manifest " << (gen / kManifestFile).string() << ": id " << m.id << ", schema " << m.schema << ", "
      << m.files.size() << " files, " << m.passages << " passages\n";
  Manifest one;  // one file at a time, so each is reported as it passes
  for (const auto& f : m.files) {
    one.files = {f};
    verify_files(gen, one, Verify::kChecksums);
    out << "  " << f.name << ": " << f.size << " bytes, SHA-256 ok\n";
  }
}

void check_records(Generation& g, std::ostream& out) {
  const uint32_t n = g.size();
  for (uint32_t id = 1; id <= n; ++id) {
    try {
      g.record(id);
    } catch (const nlohmann::json::exception& e) {
      throw IndexError((g.dir() / "passages.store").string() + ": record " + std::to_string(id) + " does not decode (" +
                       e.what() + "); " + std::string(kRebuildHint));
    } catch (const IndexError& e) {  // a record that decodes to a kind this build does not know
      throw IndexError((g.dir() / "passages.store").string() + ": record " + std::to_string(id) + ": " + e.what());
    }
  }
  out << "passage records: " << n << " decode, checksums ok\n";
  std::vector<TermPosition> positions;
  for (uint32_t id = 1; id <= g.positions().size(); ++id) g.positions().get(id, positions);
  out << "position records: " << g.positions().size() << " decode, checksums ok\n";
}

void check_xapian(const fs::path& gen, std::ostream& out) {
  std::ostringstream report;
  size_t errors = 0;
  try {
    errors = Xapian::Database::check(gen.string(), 0, &report);
  } catch (const Xapian::Error& e) {
    throw IndexError("Xapian's check of " + gen.string() + " failed: " + e.get_description() + "; " + std::string(kRebuildHint));
  }
  if (errors)
    throw IndexError("Xapian's check of " + gen.string() + " found " + std::to_string(errors) + " error(s): " + report.str() +
                     "; " + std::string(kRebuildHint));
  out << "Xapian tables: check ok\n";
}

}  // namespace

bool check_generation(const fs::path& dir, std::ostream& out, std::ostream& err) {
  try {
    const fs::path gen = resolve_generation(dir);
    out << "checking " << gen.string() << "\n";
    check_files(gen, out);
    Generation g(gen, Verify::kSizes);  // the bytes were hashed above
    out << "counts: Xapian, manifest, passage store and position store agree on " << g.manifest().passages << " passages\n";
    check_records(g, out);
    check_xapian(gen, out);
  } catch (const IndexError& e) {
    err << "pepindex: damaged: " << e.what() << "\n";
    return false;
  } catch (const Xapian::Error& e) {
    err << "pepindex: damaged: " << e.get_description() << "; " << kRebuildHint << "\n";
    return false;
  }
  out << "ok\n";
  return true;
}

}  // namespace pep
