// merge_generations: the merging side of the generation trio (generation_writer.h writes a
// directory's parts, generation.h reads them). It joins finished GenerationWriter directories
// (a build's shards), in order, into one new generation directory:
//   Xapian tables   compacted by Xapian's compactor: the documents of shards[1] get the ids after
//                   those of shards[0], and so on; the shards' word-form dictionaries
//                   (schema::kMetaForms) are summed, and the build's `metadata` is added;
//   passages.store  and positions.store joined in the same order (merge_passage_stores,
//                   merge_position_stores), on a second thread while Xapian compacts, and
//                   the evidence claims (evidence_store.h) after them,
// so document id k of the output is still passage record k and position record k. Every output
// file is fsynced before it returns: the directory is ready for finish_generation (generation.h)
// and publishing. The shards are left as they are (the caller deletes them).
//
// Errors: a Xapian or store failure, or counts that disagree after merging, throw IndexError;
// `out` may then hold partial files, which the caller removes. Call from one thread; it starts and
// joins its own second thread.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace pep {

void merge_generations(const std::vector<std::filesystem::path>& shards, const std::map<std::string, std::string>& metadata,
                       const std::filesystem::path& out);

}  // namespace pep
