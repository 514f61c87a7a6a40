// Scores for the formats that are not JSON, from the first bytes of the input.
#pragma once

#include <string_view>
#include <vector>

#include "papersieve/format.hpp"

namespace papersieve::detail {

// The XML formats by the root element (and, for feeds, arXiv's marks) when
// the head starts like XML; nothing otherwise (docs/formats.md, "Detection").
void score_xml(std::string_view head, std::vector<FormatCandidate>& out);

// The root element's qualified name ("rss", "rdf:RDF") after the XML
// declaration, comments and a DOCTYPE; empty when the head shows none.
std::string_view xml_root_name(std::string_view head);

// arxiv-mailing, kv-text, bibtex, ris and hf-text from the head's lines.
void score_text(std::string_view head, std::vector<FormatCandidate>& out);

}  // namespace papersieve::detail
