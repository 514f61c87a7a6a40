#include "parse/pubmed_article.hpp"

#include "parse/dates.hpp"
#include "parse/field_lists.hpp"
#include "parse/raw_paper.hpp"

namespace papersieve::detail {
namespace {

// "LABEL: text" paragraphs of a structured abstract, joined by a line break
// (normalization makes it a space).
std::string joined_abstract(const PubmedArticle& article) {
  std::string text;
  for (const auto& [label, part] : article.abstract) {
    const std::string_view body = trim_ascii(part);
    if (body.empty()) continue;
    if (!text.empty()) text += "\n";
    if (!trim_ascii(label).empty()) text.append(trim_ascii(label)).append(": ");
    text.append(body);
  }
  return text;
}

std::string author_name(const PubmedAuthor& a) {
  if (!trim_ascii(a.collective).empty()) return std::string(trim_ascii(a.collective));
  const std::string_view given =
      trim_ascii(a.fore).empty() ? trim_ascii(a.initials) : trim_ascii(a.fore);
  std::string name(given);
  if (!trim_ascii(a.last).empty()) name.append(name.empty() ? "" : " ").append(trim_ascii(a.last));
  if (!trim_ascii(a.suffix).empty()) name.append(" ").append(trim_ascii(a.suffix));
  return name;
}

void assemble_authors(const PubmedArticle& article, Paper& paper) {
  std::string lines;
  for (const auto& author : article.authors) {
    std::string name = author_name(author);
    if (name.empty()) continue;
    std::string affiliations;
    for (const auto& affiliation : author.affiliations)
      if (!trim_ascii(affiliation).empty())
        affiliations.append(affiliations.empty() ? "" : "; ").append(trim_ascii(affiliation));
    if (!affiliations.empty())
      lines.append(lines.empty() ? "" : "\n").append(name).append(": ").append(affiliations);
    paper.authors.push_back(std::move(name));
  }
  add_extra(paper, "affiliations", lines);
}

std::string iso_date(const PubmedDate& date) {
  if (!trim_ascii(date.year).empty())
    return iso_date_from_parts(trim_ascii(date.year), trim_ascii(date.month), trim_ascii(date.day));
  return iso_date_from_medline(trim_ascii(date.medline));
}

void assemble_ids(const PubmedArticle& article, Paper& paper) {
  const std::string pmid(trim_ascii(article.pmid));
  add_extra(paper, "pmid", pmid);
  if (!pmid.empty())
    add_link(paper, "https://pubmed.ncbi.nlm.nih.gov/" + pmid + "/", LinkKind::paper);
  for (const auto& [type, raw] : article.ids) {
    const std::string value(trim_ascii(raw));
    if (type == "doi") add_doi(paper, value);
    if (type == "pmc" && !value.empty()) {
      add_extra(paper, "pmcid", value);
      add_link(paper, "https://pmc.ncbi.nlm.nih.gov/articles/" + value + "/", LinkKind::paper);
    }
  }
}

}  // namespace

void assemble_pubmed_paper(PubmedArticle& article, Paper& paper, RecordReport& report) {
  std::string_view title = trim_ascii(article.title);
  if (title.empty()) title = trim_ascii(article.vernacular_title);
  if (title.empty()) {
    report.reject("article without an <ArticleTitle> (PMID " + std::string(article.pmid) + ")");
    return;
  }
  paper.title = std::string(title);
  paper.abstract = joined_abstract(article);
  assemble_authors(article, paper);
  assemble_ids(article, paper);
  for (const auto& heading : article.mesh) add_category(paper, trim_ascii(heading));
  std::string_view journal = trim_ascii(article.journal);
  add_extra(paper, "journal", journal.empty() ? trim_ascii(article.journal_abbreviation) : journal);
  paper.published = iso_date(article.pub_date);
  if (paper.published.empty()) paper.published = iso_date(article.article_date);
  if (paper.published.empty()) report.note("article without a readable date");
  if (article.retracted) add_extra(paper, "retracted", "true");
}

}  // namespace papersieve::detail
