#include "parse/zotero_record.hpp"

#include "normalize/ascii.hpp"
#include "parse/json_records_reader.hpp"
#include "parse/raw_paper.hpp"
#include "parse/record_fields.hpp"

namespace papersieve::detail {
namespace {

// Authors only (editors and translators are not the paper's authors), unless
// the item names no author at all.
void map_creators(const Value& item, Paper& paper, RecordReport& report) {
  const Value* creators = array_member(item, "creators", report);
  if (creators == nullptr) return;
  for (const bool authors_only : {true, false}) {
    for (const Value& creator : creators->GetArray()) {
      if (!creator.IsObject()) continue;
      const Value* type = member_or_null(creator, "creatorType");
      const bool author = type == nullptr || !type->IsString() || view_of(*type) == "author";
      if (authors_only && !author) continue;
      std::string name = person_name(creator, "firstName", "lastName");
      if (!name.empty()) paper.authors.push_back(std::move(name));
    }
    if (!paper.authors.empty()) return;
  }
}

// `extra` is one string of lines in Zotero, an array of lines in Better BibTeX exports.
void map_extra_lines(const Value& item, Paper& paper) {
  const Value* extra = member_or_null(item, "extra");
  if (extra == nullptr) return;
  if (extra->IsString()) return identifiers_from_lines(view_of(*extra), paper);
  if (!extra->IsArray()) return;
  for (const Value& line : extra->GetArray())
    if (line.IsString()) identifiers_from_lines(view_of(line), paper);
}

}  // namespace

void map_zotero_item(const Value& wrapper, Paper& paper, RecordReport& report) {
  if (!wrapper.IsObject()) {
    report.reject("expected a JSON object, found " + std::string(json_type_name(wrapper)));
    return;
  }
  const Value* data = member_or_null(wrapper, "data");
  const Value& item = data != nullptr && data->IsObject() ? *data : wrapper;
  const std::string_view type = string_member(item, "itemType", report);
  if (type == "note" || type == "attachment" || type == "annotation") {
    report.reject("a Zotero " + std::string(type) + ", not a paper");
    return;
  }
  if (!take_title(item, {"title"}, paper, report)) return;
  take_abstract(item, "abstractNote", paper, report);
  map_creators(item, paper, report);
  take_date("date", string_member(item, "date", report), paper, report);
  take_url(string_member(item, "url", report), paper);
  add_doi(paper, string_member(item, "DOI", report));
  if (auto archive = string_member(item, "archiveID", report); paper.arxiv_id.empty())
    set_arxiv_id(paper, archive);
  map_extra_lines(item, paper);
  // Zotero's arXiv translator writes the arXiv id as the publication: no journal.
  const std::string_view journal = string_member(item, "publicationTitle", report);
  if (!starts_with_nocase(journal, "arxiv:")) add_extra(paper, "journal", journal);
  add_extra(paper, "citation_key", string_member(item, "citationKey", report));
}

std::unique_ptr<Reader> make_zotero_json_reader(const SourceInfo& source, RecordSink& sink) {
  return make_json_records_reader(source, sink, DocumentLayout{{"items"}, &map_zotero_item});
}

}  // namespace papersieve::detail
