// One <PubmedArticle> (or <PubmedBookArticle>): the element texts collected
// while parsing, and their assembly into a Paper (docs/formats.md, "pubmed").
#pragma once

#include <string>
#include <vector>

#include "papersieve/paper.hpp"
#include "parse/record_emitter.hpp"

namespace papersieve::detail {

struct PubmedAuthor {
  std::string last, fore, initials, suffix, collective;
  std::vector<std::string> affiliations;
};

struct PubmedDate {
  std::string year, month, day, medline;
};

struct PubmedArticle {
  std::string pmid;
  std::string title, vernacular_title;
  std::vector<std::pair<std::string, std::string>> abstract;  // label, text
  std::vector<PubmedAuthor> authors;
  std::string journal, journal_abbreviation;
  PubmedDate pub_date, article_date;
  std::vector<std::pair<std::string, std::string>>
      ids;  // IdType, value (ArticleIdList, ELocationID)
  std::vector<std::string> mesh;
  bool retracted = false;

  void clear() { *this = PubmedArticle{}; }
};

// Fills the Paper; an article without a title is rejected.
void assemble_pubmed_paper(PubmedArticle& article, Paper& paper, RecordReport& report);

}  // namespace papersieve::detail
