#include "parse/arxiv_record.hpp"

#include "normalize/identifiers.hpp"
#include "papersieve/normalize.hpp"
#include "parse/arxiv_id.hpp"
#include "parse/dates.hpp"
#include "parse/field_lists.hpp"
#include "parse/raw_paper.hpp"

namespace papersieve::detail {
namespace {

void assemble_id(const ArxivFields& fields, Paper& paper, RecordReport& report, bool lean) {
  if (!fields.has_id) {
    report.note("no id: the paper is known by its title only");
    return;
  }
  auto parsed = parse_arxiv_id(fields.id);
  if (!parsed) {
    report.note("id \"" + utf8_excerpt(fields.id, 40) + "\" is not an arXiv id; ignored");
    return;
  }
  paper.arxiv_id = std::move(parsed->id);
  paper.version = fields.max_version > 0 ? fields.max_version : parsed->version;
  if (!lean)
    paper.links.push_back(Link{"https://arxiv.org/abs/" + paper.arxiv_id, LinkKind::paper});
}

void assemble_published(const ArxivFields& fields, Paper& paper, RecordReport& report) {
  if (!fields.first_created.empty()) {
    paper.published = iso_date_from_rfc2822(fields.first_created);
    if (!paper.published.empty()) return;
    report.note("versions[0].created \"" + utf8_excerpt(fields.first_created, 40) +
                "\" is not a date; update_date used");
  }
  if (fields.update_date.empty()) return;
  paper.published = iso_date_prefix(fields.update_date);
  if (paper.published.empty())
    report.note("update_date \"" + utf8_excerpt(fields.update_date, 40) +
                "\" is not a date; ignored");
}

}  // namespace

void ArxivFields::clear() {
  has_id = false;
  id.clear();
  authors_tex.clear();
  doi.clear();
  first_created.clear();
  max_version = 0;
  update_date.clear();
}

std::string author_from_parts(std::string_view last, std::string_view first,
                              std::string_view suffix) {
  std::string name;
  name.reserve(first.size() + last.size() + suffix.size() + 2);
  name.append(first);
  if (!name.empty() && !last.empty()) name.push_back(' ');
  name.append(last);
  if (!name.empty() && !suffix.empty()) name.push_back(' ');
  name.append(suffix);
  return name;
}

void assemble_arxiv_paper(ArxivFields& fields, Paper& paper, RecordReport& report, bool lean) {
  if (trim_ascii(paper.title).empty()) {
    report.reject("no title");
    return;
  }
  if (!lean) paper.links.reserve(2);  // arXiv abstract page, DOI
  assemble_id(fields, paper, report, lean);
  if (!lean && paper.authors.empty()) split_author_list(fields.authors_tex, paper.authors);
  assemble_published(fields, paper, report);
  // The snapshot lists several DOIs separated by spaces (e.g. a paper and its erratum):
  // each is a link, the first is the paper's DOI.
  std::string_view dois = trim_ascii(fields.doi);
  add_extra(paper, "doi", normalize_doi(dois));
  while (!lean && !dois.empty()) {
    const std::string_view doi = dois.substr(0, dois.find(' '));
    paper.links.push_back(Link{"https://doi.org/" + std::string(doi), LinkKind::paper});
    dois = trim_ascii(dois.substr(doi.size()));
  }
}

}  // namespace papersieve::detail
