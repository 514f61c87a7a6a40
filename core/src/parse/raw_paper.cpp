#include "parse/raw_paper.hpp"

#include "normalize/identifiers.hpp"
#include "parse/arxiv_id.hpp"
#include "parse/field_lists.hpp"

namespace papersieve::detail {

void add_link(Paper& paper, std::string_view url, LinkKind kind) {
  if (url.empty()) return;
  for (const auto& link : paper.links)
    if (link.url == url) return;
  paper.links.push_back(Link{std::string(url), kind});
}

void add_category(Paper& paper, std::string_view category) {
  if (category.empty()) return;
  for (const auto& have : paper.categories)
    if (have == category) return;
  paper.categories.emplace_back(category);
}

void add_doi(Paper& paper, std::string_view text) {
  const std::string doi = normalize_doi(text);
  if (doi.empty()) return;
  add_extra(paper, "doi", doi);
  add_link(paper, "https://doi.org/" + doi, LinkKind::paper);
  if (paper.arxiv_id.empty()) set_arxiv_id(paper, arxiv_id_in_doi(doi));
}

void add_pmid(Paper& paper, std::string_view text) {
  const std::string pmid = normalize_pmid(text);
  if (pmid.empty()) return;
  add_extra(paper, "pmid", pmid);
  add_link(paper, "https://pubmed.ncbi.nlm.nih.gov/" + pmid + "/", LinkKind::paper);
}

bool set_arxiv_id(Paper& paper, std::string_view text) {
  const auto ref = parse_arxiv_id(trim_ascii(text));
  if (!ref) return false;
  paper.arxiv_id = ref->id;
  paper.version = ref->version;
  return true;
}

std::string extra_key(std::string_view key) {
  std::string out;
  for (char c : trim_ascii(key)) {
    if (c == ' ' || c == '-' || c == '_' || c == '\t') {
      if (!out.empty() && out.back() != '_') out.push_back('_');
    } else {
      out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
  }
  return out;
}

void add_extra(Paper& paper, std::string key, std::string_view value) {
  value = trim_ascii(value);
  if (key.empty() || value.empty()) return;
  paper.extra.emplace(std::move(key), std::string(value));
}

}  // namespace papersieve::detail
