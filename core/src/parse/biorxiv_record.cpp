#include "parse/biorxiv_record.hpp"

#include "normalize/ascii.hpp"
#include "parse/field_lists.hpp"
#include "parse/json_records_reader.hpp"
#include "parse/raw_paper.hpp"
#include "parse/record_fields.hpp"

namespace papersieve::detail {
namespace {

// /details/ writes `title`, /pubs/ writes `preprint_title`: the first found counts.
std::string_view field(const Value& record, std::string_view key, RecordReport& report) {
  const std::string_view text = string_member(record, key, report);
  if (!text.empty()) return text;
  return string_member(record, "preprint_" + std::string(key), report);
}

int version_of(std::string_view text) {
  if (text.empty() || text.size() > 4 ||
      text.find_first_not_of("0123456789") != std::string_view::npos)
    return 0;
  return std::stoi(std::string(text));
}

std::string server_host(std::string_view server) {
  return server.size() == 7 && starts_with_nocase(server, "medrxiv") ? "www.medrxiv.org"
                                                                     : "www.biorxiv.org";
}
void map_links(const Value& record, Paper& paper, RecordReport& report) {
  const std::string_view doi = field(record, "doi", report);
  add_doi(paper, doi);
  const std::string_view server = string_member(record, "server", report);
  add_extra(paper, "server", server);
  if (!doi.empty()) {
    std::string page = "https://" + server_host(server) + "/content/" + std::string(doi);
    if (paper.version > 0) page += "v" + std::to_string(paper.version);
    add_link(paper, page, LinkKind::paper);
  }
  // "published" is the journal version's DOI, or "NA".
  const std::string_view published = string_member(record, "published", report);
  if (published != "NA") add_extra(paper, "published_doi", published);
  add_extra(paper, "published_doi", string_member(record, "published_doi", report));
  add_extra(paper, "license", string_member(record, "license", report));
}

}  // namespace

void split_biorxiv_authors(std::string_view text, std::vector<std::string>& authors) {
  while (!text.empty()) {
    const std::size_t semicolon = text.find(';');
    const std::string_view one = trim_ascii(text.substr(0, semicolon));
    text = semicolon == std::string_view::npos ? std::string_view() : text.substr(semicolon + 1);
    if (one.empty()) continue;
    const std::size_t comma = one.find(',');
    if (comma == std::string_view::npos) {
      authors.emplace_back(one);
      continue;
    }
    const std::string_view last = trim_ascii(one.substr(0, comma));
    const std::string_view first = trim_ascii(one.substr(comma + 1));
    authors.push_back(first.empty() ? std::string(last)
                                    : std::string(first) + " " + std::string(last));
  }
}

void map_biorxiv_record(const Value& record, Paper& paper, RecordReport& report) {
  if (!take_title(record, {"title", "preprint_title"}, paper, report)) return;
  paper.abstract.assign(field(record, "abstract", report));
  split_biorxiv_authors(field(record, "authors", report), paper.authors);
  paper.version = version_of(string_member(record, "version", report));
  const std::string_view date = field(record, "date", report);
  take_date("date", date, paper, report);
  // Versions of one DOI fold into the first record read; a later version's
  // date becomes `updated` (docs/formats.md, "biorxiv").
  if (paper.version > 1) add_extra(paper, "updated", paper.published);
  add_category(paper, field(record, "category", report));
  map_links(record, paper, report);
  const std::string_view institution =
      string_member(record, "author_corresponding_institution", report);
  if (!institution.empty()) {
    AffiliationLines affiliations;
    affiliations.add(string_member(record, "author_corresponding", report),
                     {std::string(institution)});
    affiliations.store(paper);
  }
}

std::unique_ptr<Reader> make_biorxiv_reader(const SourceInfo& source, RecordSink& sink) {
  return make_json_records_reader(source, sink,
                                  DocumentLayout{{"collection"}, &map_biorxiv_record});
}

}  // namespace papersieve::detail
