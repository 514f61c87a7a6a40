// Small steps the text and XML readers share when they fill a raw Paper.
#pragma once

#include <string>
#include <string_view>

#include "papersieve/paper.hpp"

namespace papersieve::detail {

// Appends a link unless the paper has that URL already.
void add_link(Paper& paper, std::string_view url, LinkKind kind);

// Appends a category unless the paper has it already.
void add_category(Paper& paper, std::string_view category);

// extra["doi"] (normalized: lower case, no resolver or "doi:" prefix) and a
// paper link https://doi.org/<doi>; an arXiv DOI (10.48550/arXiv.ID) also sets
// arxiv_id when the paper has none. Text that is no DOI is ignored.
void add_doi(Paper& paper, std::string_view text);

// extra["pmid"] (the digits) and a paper link to PubMed; ignored when no PMID.
void add_pmid(Paper& paper, std::string_view text);

// Sets arxiv_id and version from "2406.01234v2", "arXiv:hep-th/9901001", ...;
// false (paper unchanged) when the text is no arXiv id.
bool set_arxiv_id(Paper& paper, std::string_view text);

// "Journal-ref", "MSC class", "Report-No" -> "journal_ref", "msc_class",
// "report_no": lower case, runs of spaces and hyphens become one underscore.
std::string extra_key(std::string_view key);

// Sets extra[key] unless the value is blank; a repeated key keeps its first value.
void add_extra(Paper& paper, std::string key, std::string_view value);

}  // namespace papersieve::detail
