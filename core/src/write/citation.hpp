// What the citation writers (BibTeX, RIS, CSL-JSON) share: the entries with
// their keys and keywords, names split into family and given parts.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "papersieve/corpus.hpp"
#include "papersieve/rules.hpp"

namespace papersieve::write {

struct CitationEntry {
  const Paper* paper = nullptr;
  std::string key;                    // "vaswani2017attention", unique in the output
  std::vector<std::string> keywords;  // the hit's tags
};

// Keys are first author's family name, year and first title word, folded to
// ASCII lower case; repeats get "a", "b", ... in output order (docs/writers.md).
std::vector<CitationEntry> citation_entries(const std::vector<Paper>& papers);
std::vector<CitationEntry> citation_entries(const Corpus& corpus, const Results& results);

struct PersonName {
  std::string family;
  std::string given;
};
// "Ada Lovelace" -> {Lovelace, Ada}; "Lovelace, Ada" -> the same; one word -> family only.
PersonName split_name(std::string_view name);

// The extra value of the paper under `key`, "" when absent.
std::string extra_value(const Paper& paper, const std::string& key);

// The URL a citation gives: the arXiv abstract page, else the paper's page; "" if none.
std::string citation_url(const Paper& paper);

// The "journal" extra when the paper says where it was published.
bool is_journal_article(const Paper& paper);

}  // namespace papersieve::write
