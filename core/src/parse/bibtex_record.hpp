// A BibTeX entry's fields mapped onto a raw Paper (docs/formats.md, "Input: bibtex").
#pragma once

#include "papersieve/paper.hpp"
#include "parse/bibtex_entry.hpp"
#include "parse/record_emitter.hpp"

namespace papersieve::detail {

// The paper of a reference entry (not a directive); rejected in `report` when
// it has no title.
Paper paper_from_bib_entry(const BibEntry& entry, RecordReport& report);

// "A and B and {Collective Name}" -> {"A", "B", "{Collective Name}"}: split at
// "and" between blanks, outside braces, any case; "others" (et al.) dropped;
// "Last, First" turned into "First Last". TeX is kept for the normalizer.
void split_bibtex_names(std::string_view text, std::vector<std::string>& names);

}  // namespace papersieve::detail
