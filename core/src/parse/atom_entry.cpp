#include "parse/atom_entry.hpp"

#include "papersieve/normalize.hpp"
#include "parse/dates.hpp"
#include "parse/field_lists.hpp"
#include "parse/raw_paper.hpp"

namespace papersieve::detail {
namespace {

void assemble_id(const AtomEntry& entry, Paper& paper, RecordReport& report) {
  const std::string_view id = trim_ascii(entry.id);
  if (id.empty()) return report.note("entry without an <id>");
  if (auto ref = arxiv_ref_from_url(id)) {
    paper.arxiv_id = ref->id;
    paper.version = ref->version;
  } else if (!set_arxiv_id(paper, id)) {
    report.note("entry id \"" + utf8_excerpt(id, 80) + "\" names no arXiv paper");
  }
}

void assemble_dates(const AtomEntry& entry, Paper& paper, RecordReport& report) {
  paper.published = iso_date_prefix(trim_ascii(entry.published));
  const std::string updated = iso_date_prefix(trim_ascii(entry.updated));
  if (paper.published.empty()) paper.published = updated;
  if (paper.published.empty() && !entry.published.empty())
    report.note("<published> \"" + utf8_excerpt(entry.published, 40) + "\" is not an ISO date");
  add_extra(paper, "updated", updated);
}

void assemble_categories(const AtomEntry& entry, Paper& paper) {
  add_category(paper, entry.primary_category);  // the primary one first
  for (const auto& category : entry.categories) add_category(paper, category);
}

}  // namespace

bool is_api_error(const AtomEntry& entry) {
  return trim_ascii(entry.title) == "Error" && entry.id.find("/api/errors") != std::string::npos;
}

bool is_paper_link(std::string_view rel, std::string_view title) {
  return rel == "alternate" || title == "pdf" || title == "doi";
}

void assemble_atom_paper(AtomEntry& entry, Paper& paper, RecordReport& report) {
  if (trim_ascii(entry.title).empty()) {
    report.reject("entry without a <title>");
    return;
  }
  paper.title = std::move(entry.title);
  paper.abstract = std::move(entry.summary);
  paper.authors = std::move(entry.authors);
  assemble_id(entry, paper, report);
  assemble_dates(entry, paper, report);
  assemble_categories(entry, paper);
  for (const auto& link : entry.links) add_link(paper, link.url, link.kind);
  add_doi(paper, entry.doi);
  add_extra(paper, "comment", entry.comment);
  add_extra(paper, "journal_ref", entry.journal_ref);
}

}  // namespace papersieve::detail
