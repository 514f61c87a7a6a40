// The fields of one arXiv metadata snapshot record and their assembly into a Paper.
#pragma once

#include <string>
#include <vector>

#include "papersieve/paper.hpp"
#include "parse/record_emitter.hpp"

namespace papersieve::detail {

// What a record holds besides the fields copied straight into the Paper
// (title, abstract, submitter, categories, and authors from authors_parsed).
struct ArxivFields {
  bool has_id = false;
  std::string id;
  std::string authors_tex;  // "C. Bal\'azs, E. L. Berger and ...", used without authors_parsed
  std::string doi;
  std::string first_created;  // versions[0].created, RFC 2822
  int max_version = 0;        // highest vN in versions
  std::string update_date;    // YYYY-MM-DD

  void clear();
};

// Fills arxiv_id, version, authors (when authors_parsed gave none), published
// and links from `fields`, and rejects a record without a title. `lean`: no authors and no
// links (a record read for its identity only: SourceInfo::identity_only).
void assemble_arxiv_paper(ArxivFields& fields, Paper& paper, RecordReport& report,
                          bool lean = false);

// "Last", "First", "Suffix" of an authors_parsed entry -> "First Last Suffix".
std::string author_from_parts(std::string_view last, std::string_view first,
                              std::string_view suffix);

}  // namespace papersieve::detail
