#include "parse/s2_record.hpp"

#include "parse/json_records_reader.hpp"
#include "parse/raw_paper.hpp"
#include "parse/record_fields.hpp"

namespace papersieve::detail {
namespace {

// The Graph API writes camelCase, the datasets lower case: the first found counts.
const Value* either(const Value& record, std::string_view camel, std::string_view lower) {
  if (const Value* v = member_or_null(record, camel)) return v;
  return member_or_null(record, lower);
}

std::string_view either_string(const Value& record, std::string_view camel, std::string_view lower,
                               RecordReport& report) {
  const std::string_view text = string_member(record, camel, report);
  return text.empty() ? string_member(record, lower, report) : text;
}

void map_external_ids(const Value& record, Paper& paper, RecordReport& report) {
  const Value* ids = either(record, "externalIds", "externalids");
  if (ids == nullptr) return;
  if (!ids->IsObject())
    return report.note(wrong_type("externalIds", "an object", json_type_name(*ids)) + "; ignored");
  if (auto arxiv = scalar_member(*ids, "ArXiv", report); !arxiv.empty()) {
    if (!set_arxiv_id(paper, arxiv))
      report.note("externalIds.ArXiv \"" + arxiv.substr(0, 40) + "\" is no arXiv id; ignored");
  }
  add_doi(paper, scalar_member(*ids, "DOI", report));
  add_pmid(paper, scalar_member(*ids, "PubMed", report));
  add_extra(paper, "pmcid", scalar_member(*ids, "PubMedCentral", report));
  add_extra(paper, "corpusid", scalar_member(*ids, "CorpusId", report));
}

void map_categories(const Value& record, Paper& paper) {
  for (const auto& name : names_in(either(record, "fieldsOfStudy", "fieldsofstudy"), "category"))
    add_category(paper, name);
  for (const auto& name :
       names_in(either(record, "s2FieldsOfStudy", "s2fieldsofstudy"), "category"))
    add_category(paper, name);
}

void map_links(const Value& record, Paper& paper, RecordReport& report) {
  const std::string_view id = string_member(record, "paperId", report);
  if (!id.empty()) {
    add_extra(paper, "s2_paper_id", id);
    add_link(paper, "https://www.semanticscholar.org/paper/" + std::string(id), LinkKind::paper);
  }
  add_link(paper, string_member(record, "url", report), LinkKind::paper);
  if (const Value* pdf = either(record, "openAccessPdf", "openaccesspdf"); pdf && pdf->IsObject())
    add_link(paper, string_member(*pdf, "url", report), LinkKind::paper);
}

void map_venue(const Value& record, Paper& paper, RecordReport& report) {
  add_extra(paper, "journal", string_member(record, "venue", report));
  if (const Value* journal = member_or_null(record, "journal"); journal && journal->IsObject())
    add_extra(paper, "journal", string_member(*journal, "name", report));
}

void map_date(const Value& record, Paper& paper, RecordReport& report) {
  take_date("publicationDate", either_string(record, "publicationDate", "publicationdate", report),
            paper, report);
  take_date("year", scalar_member(record, "year", report), paper, report);
}

}  // namespace

void map_s2_record(const Value& item, Paper& paper, RecordReport& report) {
  if (!item.IsObject()) {
    report.reject("expected a JSON object, found " + std::string(json_type_name(item)));
    return;
  }
  // Citation and reference lists wrap each paper.
  const Value* wrapped = either(item, "citingPaper", "citedPaper");
  const Value& record = wrapped != nullptr && wrapped->IsObject() ? *wrapped : item;
  if (member_or_null(record, "title") == nullptr && member_or_null(record, "abstract") != nullptr &&
      member_or_null(record, "corpusid") != nullptr) {
    report.reject(
        "an S2 abstracts record (no title): read the papers shard with this file "
        "as its abstracts (docs/formats.md, \"S2 datasets\")");
    return;
  }
  if (!take_title(record, {"title"}, paper, report)) return;
  take_abstract(record, "abstract", paper, report);
  if (const Value* authors = member_or_null(record, "authors"))
    for (const auto& name : names_in(authors, "name")) paper.authors.push_back(name);
  map_external_ids(record, paper, report);
  add_extra(paper, "corpusid", scalar_member(record, "corpusid", report));
  map_links(record, paper, report);
  map_venue(record, paper, report);
  map_date(record, paper, report);
  map_categories(record, paper);
  if (const Value* tldr = member_or_null(record, "tldr"); tldr && tldr->IsObject())
    add_extra(paper, "tldr", string_member(*tldr, "text", report));
}

std::unique_ptr<Reader> make_s2_reader(const SourceInfo& source, RecordSink& sink) {
  return make_json_records_reader(
      source, sink,
      DocumentLayout{{"data", "recommendedPapers"},
                     &map_s2_record,
                     {},
                     " in the response (ids Semantic Scholar does not know); skipped"});
}

}  // namespace papersieve::detail
