#include "parse/hf_json_reader.hpp"

#include "papersieve/normalize.hpp"
#include "parse/arxiv_id.hpp"
#include "parse/dates.hpp"
#include "parse/field_lists.hpp"
#include "parse/generic_record.hpp"
#include "parse/json_document_reader.hpp"

namespace papersieve::detail {
namespace {

using rapidjson::Value;

// A field of the paper, else of the item wrapping it (daily items repeat the
// title and summary, and carry their own publishedAt).
struct Fields {
  const Value& paper;
  const Value& item;

  const Value* find(std::string_view key) const {
    if (const Value* v = member_or_null(paper, key)) return v;
    return &paper == &item ? nullptr : member_or_null(item, key);
  }
};

// Title and summary: a wrong type rejects the record.
bool text(const Fields& f, std::string_view key, std::string& out, RecordReport& report) {
  const Value* v = f.find(key);
  if (v == nullptr) return true;
  if (!v->IsString()) return report.reject(wrong_type(key, "a string", json_type_name(*v)));
  out.assign(view_of(*v));
  return true;
}

// Other string fields: a wrong type drops the field with a note.
std::string_view optional_text(const Fields& f, std::string_view key, RecordReport& report) {
  const Value* v = f.find(key);
  if (v == nullptr) return {};
  if (v->IsString()) return trim_ascii(view_of(*v));
  report.note(wrong_type(key, "a string", json_type_name(*v)) + "; ignored");
  return {};
}

void map_upvotes(const Fields& f, Paper& paper, RecordReport& report) {
  const Value* v = f.find("upvotes");
  if (v == nullptr) return;
  if (v->IsInt64() && v->GetInt64() >= 0) {
    paper.upvotes = v->GetInt64();
  } else {
    report.note("upvotes must be a count, found " + std::string(json_type_name(*v)) + "; ignored");
  }
}

void map_id_and_links(const Fields& f, Paper& paper, RecordReport& report) {
  const std::string_view id = optional_text(f, "id", report);
  if (!id.empty()) {
    if (auto parsed = parse_arxiv_id(id)) {
      paper.arxiv_id = std::move(parsed->id);
      paper.version = parsed->version;
    }
    const std::string page = paper.arxiv_id.empty() ? std::string(id) : paper.arxiv_id;
    paper.links.push_back(Link{"https://huggingface.co/papers/" + page, LinkKind::paper});
  }
  if (auto url = optional_text(f, "githubRepo", report); !url.empty())
    paper.links.push_back(Link{std::string(url), LinkKind::code});
  if (auto url = optional_text(f, "projectPage", report); !url.empty())
    paper.links.push_back(Link{std::string(url), LinkKind::project});
}

void map_dates_and_submitter(const Fields& f, Paper& paper, RecordReport& report) {
  if (auto date = optional_text(f, "publishedAt", report); !date.empty()) {
    paper.published = iso_date_from_any(date);
    if (paper.published.empty())
      report.note("publishedAt \"" + utf8_excerpt(date, 40) + "\" is not a date; ignored");
  }
  for (const char* key : {"submittedBy", "submittedOnDailyBy"}) {
    const Value* by = f.find(key);
    const Value* name = by != nullptr && by->IsObject() ? member_or_null(*by, "name") : nullptr;
    if (name != nullptr && name->IsString()) {
      paper.submitter.assign(view_of(*name));
      return;
    }
  }
}

}  // namespace

void map_hf_item(const Value& item, Paper& paper, RecordReport& report) {
  if (!item.IsObject()) {
    report.reject("expected a JSON object, found " + std::string(json_type_name(item)));
    return;
  }
  const Value* wrapped = member_or_null(item, "paper");
  const Fields f{wrapped != nullptr && wrapped->IsObject() ? *wrapped : item, item};
  if (!text(f, "title", paper.title, report) || !text(f, "summary", paper.abstract, report)) return;
  if (trim_ascii(paper.title).empty()) {
    report.reject("no title");
    return;
  }
  // Every listed author is kept, `hidden: true` ones too: the flag hides the
  // paper from that user's profile, not the author from the paper.
  if (const Value* authors = f.find("authors")) map_author_list(*authors, paper.authors, report);
  map_upvotes(f, paper, report);
  map_id_and_links(f, paper, report);
  map_dates_and_submitter(f, paper, report);
}

std::unique_ptr<Reader> make_hf_json_reader(const SourceInfo& source, RecordSink& sink) {
  return make_json_document_reader(source, sink, DocumentLayout{{}, &map_hf_item});
}

}  // namespace papersieve::detail
