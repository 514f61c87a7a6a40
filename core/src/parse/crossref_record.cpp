#include "parse/crossref_record.hpp"

#include "parse/jats_text.hpp"
#include "parse/json_records_reader.hpp"
#include "parse/raw_paper.hpp"
#include "parse/record_fields.hpp"

namespace papersieve::detail {
namespace {

void map_authors(const Value& work, Paper& paper, RecordReport& report) {
  const Value* authors = array_member(work, "author", report);
  if (authors == nullptr) return;
  AffiliationLines affiliations;
  for (const Value& author : authors->GetArray()) {
    std::string name = person_name(author, "given", "family");
    if (name.empty()) continue;
    affiliations.add(name, names_in(member_or_null(author, "affiliation"), "name"));
    paper.authors.push_back(std::move(name));
  }
  affiliations.store(paper);
}

void map_abstract(const Value& work, Paper& paper, RecordReport& report) {
  const std::string_view jats = string_member(work, "abstract", report);
  if (jats.empty()) return;
  bool well_formed = true;
  paper.abstract = jats_to_text(jats, &well_formed);
  if (!well_formed) report.note("abstract is not well-formed JATS XML; its tags were stripped");
}

// The earliest publication date Crossref gives, else when the work was issued or registered.
void map_date(const Value& work, Paper& paper) {
  for (const char* key :
       {"published", "published-print", "published-online", "issued", "created"}) {
    const Value* date = member_or_null(work, key);
    if (date == nullptr) continue;
    paper.published = date_from_parts(*date);
    if (!paper.published.empty()) return;
  }
}

void map_links_and_extra(const Value& work, Paper& paper, RecordReport& report) {
  add_doi(paper, string_member(work, "DOI", report));
  add_link(paper, string_member(work, "URL", report), LinkKind::paper);
  add_extra(paper, "journal", first_string(member_or_null(work, "container-title")));
  if (const Value* licenses = member_or_null(work, "license"); licenses && licenses->IsArray()) {
    const auto urls = names_in(licenses, "URL");
    if (!urls.empty()) add_extra(paper, "license", urls.front());
  }
  for (const auto& subject : names_in(member_or_null(work, "subject"), {}))
    add_category(paper, subject);
}

}  // namespace

void map_crossref_work(const Value& work, Paper& paper, RecordReport& report) {
  if (!take_title(work, {"title"}, paper, report)) return;
  map_abstract(work, paper, report);
  map_authors(work, paper, report);
  map_date(work, paper);
  map_links_and_extra(work, paper, report);
}

std::unique_ptr<Reader> make_crossref_reader(const SourceInfo& source, RecordSink& sink) {
  return make_json_records_reader(
      source, sink, DocumentLayout{{"message.items", "items"}, &map_crossref_work, {"message"}});
}

}  // namespace papersieve::detail
