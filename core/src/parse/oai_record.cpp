#include "parse/oai_record.hpp"

#include <algorithm>
#include <cstdlib>

#include "papersieve/normalize.hpp"
#include "parse/dates.hpp"
#include "parse/feed_fields.hpp"
#include "parse/field_lists.hpp"
#include "parse/raw_paper.hpp"

namespace papersieve::detail {
namespace {

// oai_dc creators are usually "Last, First": one comma turns them around.
std::string dc_creator_name(std::string_view text) {
  text = trim_ascii(text);
  const std::size_t comma = text.find(',');
  if (comma == std::string_view::npos || text.find(',', comma + 1) != std::string_view::npos)
    return std::string(text);
  return author_from_parts(trim_ascii(text.substr(0, comma)), trim_ascii(text.substr(comma + 1)),
                           {});
}

void assemble_dc(OaiRecord& r, Paper& paper, RecordReport& report) {
  if (!r.titles.empty()) paper.title = trimmed(r.titles.front());
  if (!r.descriptions.empty()) paper.abstract = trimmed(r.descriptions.front());
  for (const auto& creator : r.creators)
    if (!trim_ascii(creator).empty()) paper.authors.push_back(dc_creator_name(creator));
  for (const auto& id : r.identifiers) {
    const std::string_view text = trim_ascii(id);
    if (auto ref = arxiv_ref_from_url(text); ref && paper.arxiv_id.empty()) {
      paper.arxiv_id = ref->id;
      paper.version = ref->version;
    }
    if (const std::string_view doi = doi_in(text); !doi.empty()) {
      add_doi(paper, doi);
    } else if (text.substr(0, 4) == "http") {
      add_link(paper, text, LinkKind::paper);
    }
  }
  for (const auto& subject : r.subjects) add_category(paper, trim_ascii(subject));
  if (!r.dates.empty()) {
    paper.published = iso_partial_date(trim_ascii(r.dates.front()));
    if (paper.published.empty()) report.note("dc:date \"" + r.dates.front() + "\" is not a date");
  }
  add_extra(paper, "license", r.rights);
  if (trim_ascii(paper.title).empty()) report.reject("record without a dc:title");
}

std::string affiliation_lines(const std::vector<OaiAuthor>& authors) {
  std::string lines;
  for (const auto& a : authors) {
    std::string affiliations;
    for (const auto& text : a.affiliations)
      if (!trim_ascii(text).empty())
        affiliations.append(affiliations.empty() ? "" : "; ").append(trim_ascii(text));
    if (affiliations.empty()) continue;
    lines.append(lines.empty() ? "" : "\n")
        .append(
            author_from_parts(trim_ascii(a.keyname), trim_ascii(a.forenames), trim_ascii(a.suffix)))
        .append(": ")
        .append(affiliations);
  }
  return lines;
}

// arXiv and arXivRaw share the snapshot's assembly (arxiv_record.hpp).
void assemble_arxiv(OaiRecord& r, Paper& paper, RecordReport& report) {
  paper.title = std::move(r.title);
  paper.abstract = std::move(r.abstract);
  split_categories(r.categories, paper.categories);
  for (const auto& a : r.authors)
    paper.authors.push_back(
        author_from_parts(trim_ascii(a.keyname), trim_ascii(a.forenames), trim_ascii(a.suffix)));
  ArxivFields fields;
  fields.id = trimmed(r.id);
  fields.has_id = !fields.id.empty();
  fields.authors_tex = std::move(r.authors_tex);
  fields.doi = std::move(r.doi);
  fields.update_date = trimmed(r.created);  // arXiv: ISO date of the first version
  for (const auto& v : r.versions) {
    const std::string_view number = trim_ascii(v);
    if (number.size() > 1 && number[0] == 'v')
      fields.max_version =
          std::max(fields.max_version, std::atoi(std::string(number.substr(1)).c_str()));
  }
  std::string updated = iso_date_prefix(trim_ascii(r.updated));
  if (!r.version_dates.empty()) {
    fields.first_created = trimmed(r.version_dates.front());
    if (r.version_dates.size() > 1)
      updated = iso_date_from_rfc2822(trim_ascii(r.version_dates.back()));
  }
  add_doi(paper, trim_ascii(fields.doi).substr(0, trim_ascii(fields.doi).find(' ')));
  assemble_arxiv_paper(fields, paper, report);
  add_extra(paper, "updated", updated);
  add_extra(paper, "comment", r.comments);
  add_extra(paper, "journal_ref", r.journal_ref);
  add_extra(paper, "license", r.license);
  add_extra(paper, "affiliations", affiliation_lines(r.authors));
}

}  // namespace

void assemble_oai_paper(OaiRecord& r, Paper& paper, RecordReport& report) {
  switch (r.metadata) {
    case OaiMetadata::none:
      report.reject("record " + trimmed(r.identifier) + " has no <metadata>");
      return;
    case OaiMetadata::unknown:
      report.reject("record " + trimmed(r.identifier) + ": metadata <" + r.metadata_name +
                    "> is in a format papersieve does not read (oai_dc, arXiv, arXivRaw)");
      return;
    case OaiMetadata::dc: assemble_dc(r, paper, report); break;
    case OaiMetadata::arxiv:
    case OaiMetadata::arxiv_raw: assemble_arxiv(r, paper, report); break;
  }
  if (paper.arxiv_id.empty()) set_arxiv_id_from_guid(paper, r.identifier);
  add_extra(paper, "oai_identifier", r.identifier);
}

}  // namespace papersieve::detail
