#include "parse/csl_record.hpp"

#include "parse/json_records_reader.hpp"
#include "parse/raw_paper.hpp"
#include "parse/record_fields.hpp"

namespace papersieve::detail {
namespace {

void map_authors(const Value& item, Paper& paper, RecordReport& report) {
  const Value* authors = array_member(item, "author", report);
  if (authors == nullptr) return;
  std::size_t nameless = 0;
  for (const Value& author : authors->GetArray()) {
    std::string name = person_name(author, "given", "family");
    if (name.empty()) {
      ++nameless;
    } else {
      paper.authors.push_back(std::move(name));
    }
  }
  if (nameless > 0)
    report.note("author: " + std::to_string(nameless) + " entries without a name ignored");
}

// issued, else the other dates CSL knows, first readable one wins.
void map_date(const Value& item, Paper& paper) {
  for (const char* key : {"issued", "original-date", "available-date", "submitted"}) {
    const Value* date = member_or_null(item, key);
    if (date == nullptr) continue;
    paper.published = date_from_parts(*date);
    if (!paper.published.empty()) return;
  }
}

// arXiv ids hide in `number` ("arXiv:2101.00001"), `archive_location`, the URL and `note` lines.
void map_identifiers(const Value& item, Paper& paper, RecordReport& report) {
  take_url(string_member(item, "URL", report), paper);
  add_doi(paper, string_member(item, "DOI", report));
  add_pmid(paper, scalar_member(item, "PMID", report));
  add_extra(paper, "pmcid", string_member(item, "PMCID", report));
  for (const char* key : {"number", "archive_location"}) {
    const std::string_view text = string_member(item, key, report);
    if (paper.arxiv_id.empty() && (text.substr(0, 6) == "arXiv:" || text.substr(0, 6) == "arxiv:"))
      set_arxiv_id(paper, text);
  }
  identifiers_from_lines(string_member(item, "note", report), paper);
}

}  // namespace

void map_csl_item(const Value& item, Paper& paper, RecordReport& report) {
  if (!take_title(item, {"title"}, paper, report)) return;
  take_abstract(item, "abstract", paper, report);
  map_authors(item, paper, report);
  map_date(item, paper);
  map_identifiers(item, paper, report);
  add_extra(paper, "journal", first_string(member_or_null(item, "container-title")));
  add_extra(paper, "citation_key", scalar_member(item, "citation-key", report));
}

std::unique_ptr<Reader> make_csl_json_reader(const SourceInfo& source, RecordSink& sink) {
  return make_json_records_reader(source, sink, DocumentLayout{{"items"}, &map_csl_item});
}

}  // namespace papersieve::detail
