#include "parse/generic_record.hpp"

#include "papersieve/normalize.hpp"
#include "parse/arxiv_id.hpp"
#include "parse/dates.hpp"
#include "parse/field_lists.hpp"
#include "parse/json_records_reader.hpp"

namespace papersieve::detail {
namespace {

using rapidjson::Value;

// The text of a string field. A wrong type rejects the record when `required`
// (the fields a record is made of), else the field is dropped with a note.
bool text_field(const Value& record, std::string_view key, std::string& out, bool required,
                RecordReport& report) {
  const Value* v = member_or_null(record, key);
  if (v == nullptr) return false;
  if (v->IsString()) {
    out.assign(view_of(*v));
    return true;
  }
  std::string message = wrong_type(key, "a string", json_type_name(*v));
  if (required) return report.reject(std::move(message));
  report.note(message + "; ignored");
  return false;
}

// categories: ["cs.CL", "cs.AI"] or "cs.CL cs.AI".
void map_categories(const Value& record, Paper& paper, RecordReport& report) {
  const Value* v = member_or_null(record, "categories");
  if (v == nullptr) return;
  if (v->IsString()) return split_categories(view_of(*v), paper.categories);
  if (!v->IsArray()) {
    return report.note(wrong_type("categories", "an array", json_type_name(*v)) + "; ignored");
  }
  for (const Value& category : v->GetArray())
    if (category.IsString()) split_categories(view_of(category), paper.categories);
}

void map_id(const Value& record, Paper& paper, RecordReport& report) {
  std::string id;
  if (!text_field(record, "id", id, false, report)) return;
  auto parsed = parse_arxiv_id(trim_ascii(id));
  if (!parsed) return;  // not every id is an arXiv id
  paper.arxiv_id = std::move(parsed->id);
  paper.version = parsed->version;
}

void map_links(const Value& record, Paper& paper, RecordReport& report) {
  for (const char* key : {"url", "link", "pdf"}) {
    std::string url;
    if (!text_field(record, key, url, false, report) || trim_ascii(url).empty()) continue;
    const std::string_view trimmed = trim_ascii(url);
    if (auto ref = arxiv_ref_from_url(trimmed); ref && paper.arxiv_id.empty()) {
      paper.arxiv_id = std::move(ref->id);
      paper.version = ref->version;
    }
    // A record's own URL names the paper, unless it is plainly code or data.
    const LinkKind kind = classify_link(trimmed);
    const bool plain = kind == LinkKind::code || kind == LinkKind::data;
    paper.links.push_back(Link{std::string(trimmed), plain ? kind : LinkKind::paper});
  }
}

void map_date(const Value& record, Paper& paper, RecordReport& report) {
  for (const char* key : {"published", "date"}) {
    std::string date;
    if (!text_field(record, key, date, false, report)) continue;
    paper.published = iso_date_from_any(trim_ascii(date));
    if (!paper.published.empty()) return;
    report.note(std::string(key) + " \"" + date.substr(0, 40) + "\" is not a date; ignored");
  }
}

}  // namespace

void map_author_list(const Value& authors, std::vector<std::string>& names, RecordReport& report) {
  if (authors.IsString()) return split_author_list(view_of(authors), names);
  if (!authors.IsArray()) {
    return report.note(wrong_type("authors", "an array", json_type_name(authors)) + "; ignored");
  }
  std::size_t odd = 0;
  for (const Value& author : authors.GetArray()) {
    const Value* name = author.IsObject() ? member_or_null(author, "name") : &author;
    if (name != nullptr && name->IsString() && !trim_ascii(view_of(*name)).empty()) {
      names.emplace_back(view_of(*name));
    } else {
      ++odd;
    }
  }
  if (odd > 0) report.note("authors: " + std::to_string(odd) + " entries without a name ignored");
}

void map_generic_record(const Value& record, Paper& paper, RecordReport& report) {
  if (!record.IsObject()) {
    report.reject("expected a JSON object, found " + std::string(json_type_name(record)));
    return;
  }
  text_field(record, "title", paper.title, true, report);
  if (!text_field(record, "abstract", paper.abstract, true, report))
    text_field(record, "summary", paper.abstract, true, report);
  if (report.rejected()) return;
  if (trim_ascii(paper.title).empty()) {
    report.reject("no title");
    return;
  }
  if (const Value* authors = member_or_null(record, "authors"))
    map_author_list(*authors, paper.authors, report);
  map_categories(record, paper, report);
  map_id(record, paper, report);
  map_links(record, paper, report);
  map_date(record, paper, report);
}

std::unique_ptr<Reader> make_jsonl_reader(const SourceInfo& source, RecordSink& sink) {
  return make_mapped_lines_reader(source, sink, &map_generic_record);
}

}  // namespace papersieve::detail
