// Field values as feeds and XML dumps write them, turned into Paper fields.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "papersieve/paper.hpp"

namespace papersieve::detail {

// "Ada Lovelace (Univ A, Univ B), Alan Turing" -> authors "Ada Lovelace",
// "Alan Turing"; commas inside parentheses do not split, and the parenthesised
// affiliations become a line "Ada Lovelace: Univ A; Univ B" appended to
// `affiliations` (docs/formats.md, extra["affiliations"]).
void split_authors_with_affiliations(std::string_view text, std::vector<std::string>& authors,
                                     std::string& affiliations);

// One <dc:creator> of a feed: a name, or several ("Smith, J., Doe, A. B." ->
// "J. Smith", "A. B. Doe"; "A; B"; "A, B").
void split_feed_creators(std::string_view text, std::vector<std::string>& authors);

// RSS 2.0 <author>: "mail@example.org (Jane Doe)" -> "Jane Doe"; other text as it is.
std::string rss_author_name(std::string_view text);

// The DOI in "doi:10.1/x", "https://doi.org/10.1/x", "info:doi/10.1/x" or
// "10.1/x"; empty when there is none.
std::string_view doi_in(std::string_view text);

// HTML in feed descriptions: block tags become spaces, inline ones vanish, the common entities are
// decoded.
std::string strip_markup(std::string_view text);

// "oai:arXiv.org:2404.07990v1" (arXiv's feed and OAI identifiers) -> arxiv_id
// and version; false (paper unchanged) for any other text.
bool set_arxiv_id_from_guid(Paper& paper, std::string_view guid);

}  // namespace papersieve::detail
