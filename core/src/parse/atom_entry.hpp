// One <entry> of an arXiv API Atom feed: the element texts collected while
// parsing, and their assembly into a Paper.
#pragma once

#include <string>
#include <vector>

#include "papersieve/paper.hpp"
#include "parse/record_emitter.hpp"

namespace papersieve::detail {

struct AtomEntry {
  std::string id;  // "http://arxiv.org/abs/1111.2011v2"
  std::string title;
  std::string summary;
  std::string published;  // ISO timestamps
  std::string updated;
  std::vector<std::string> authors;
  std::string primary_category;
  std::vector<std::string> categories;
  std::string doi, comment, journal_ref;
  std::vector<Link> links;  // abs, pdf and doi links, in feed order

  void clear() { *this = AtomEntry{}; }
};

// The API's error entry: <id> ending in "/api/errors#...", <title>Error</title>.
bool is_api_error(const AtomEntry& entry);

// Fills the Paper; an entry without a title is rejected, other gaps are noted.
void assemble_atom_paper(AtomEntry& entry, Paper& paper, RecordReport& report);

// The kind of an Atom <link>: its title "pdf"/"doi" or rel "alternate" are papers.
bool is_paper_link(std::string_view rel, std::string_view title);

}  // namespace papersieve::detail
