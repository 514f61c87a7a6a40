// Normalizing only what identifies a paper, for callers that count papers and duplicates but
// keep no text (scan_file without unknown macros; docs/design.md, "The file pipeline").
#pragma once

#include <vector>

#include "papersieve/corpus.hpp"
#include "papersieve/diagnostic.hpp"

namespace papersieve::detail {

// The title, the DOI, the PMID and the id become what normalize_paper makes of them, and so
// do the paper's duplicate keys; the other fields (abstract, authors, links, ...) stay as read
// when all of them are ASCII, where normalize_paper would note nothing. Otherwise the whole of
// normalize_paper. The notes are those normalize_paper gives; unknown macros are not counted.
void normalize_identity(Paper& paper, std::vector<Diagnostic>& notes);

}  // namespace papersieve::detail
