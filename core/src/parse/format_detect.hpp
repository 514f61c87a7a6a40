// Scores for the formats that are not JSON, from the first bytes of the input.
#pragma once

#include <string_view>
#include <vector>

#include "papersieve/format.hpp"

namespace papersieve::detail {

// arxiv-atom when the head starts like XML; nothing otherwise.
void score_xml(std::string_view head, std::vector<FormatCandidate>& out);

// arxiv-mailing, kv-text, bibtex, ris and hf-text from the head's lines.
void score_text(std::string_view head, std::vector<FormatCandidate>& out);

}  // namespace papersieve::detail
