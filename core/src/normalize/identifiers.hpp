// Identifiers that make a paper's identity (docs/formats.md, "Identity").
#pragma once

#include <string>
#include <string_view>

namespace papersieve::detail {

// "https://doi.org/10.1038/SREP16696", "doi:10.1038/srep16696", " 10.1038/srep16696 "
// -> "10.1038/srep16696": no resolver or "doi:" prefix, lower case (DOIs are
// case-insensitive). Empty when what is left does not start with "10.".
std::string normalize_doi(std::string_view text);

// "29768149", "PMID: 29768149", "https://pubmed.ncbi.nlm.nih.gov/29768149/"
// -> "29768149"; empty when no run of digits is left.
std::string normalize_pmid(std::string_view text);

// The arXiv DOI "10.48550/arxiv.2406.01234" -> "2406.01234"; empty for other DOIs.
std::string_view arxiv_id_in_doi(std::string_view normalized_doi);

}  // namespace papersieve::detail
