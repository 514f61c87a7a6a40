#include "parse/generic_record.hpp"

#include <algorithm>
#include <array>

#include "papersieve/normalize.hpp"
#include "parse/arxiv_id.hpp"
#include "parse/dates.hpp"
#include "parse/field_lists.hpp"
#include "parse/json_lines_reader.hpp"
#include "parse/raw_paper.hpp"

namespace papersieve::detail {
namespace {

using rapidjson::Value;

// The key spellings APIs and scrapers use (docs/formats.md, "Input: jsonl"), looked up at the
// top level of a record and then in these wrapper objects, in this order.
constexpr std::array<const char*, 10> kWrappers = {"paper",  "details", "metadata", "attributes",
                                                   "fields", "_source", "work",     "record",
                                                   "item",   "info"};
constexpr std::array<const char*, 5> kTitleKeys = {"title", "display_name", "paper_title",
                                                   "paperTitle", "name_of_paper"};
constexpr std::array<const char*, 7> kAbstractKeys = {
    "abstract",      "summary",      "abstractNote",  "description",
    "abstract_text", "abstractText", "paper_abstract"};
constexpr std::array<const char*, 5> kAuthorKeys = {"authors", "author", "creators", "authorships",
                                                    "contributors"};
constexpr std::array<const char*, 11> kPaperLinkKeys = {
    "url",     "link",     "pdf",       "paper_url",        "pdf_url",
    "abs_url", "html_url", "arxiv_url", "landing_page_url", "URL",
    "links"};
constexpr std::array<const char*, 8> kCodeLinkKeys = {
    "github_links", "github", "github_url", "code_url", "code", "repo", "repository", "githubRepo"};
constexpr std::array<const char*, 4> kProjectLinkKeys = {"project_page", "projectPage", "homepage",
                                                         "project_url"};
constexpr std::array<const char*, 4> kArxivKeys = {"arxiv_id", "arxivId", "arxiv", "arXiv"};
constexpr std::array<const char*, 2> kDoiKeys = {"doi", "DOI"};
constexpr std::array<const char*, 8> kDateKeys = {
    "published",      "date",        "publication_date", "publicationDate",
    "published_date", "publishedAt", "created",          "year"};

// The objects a record's fields are looked up in: the record, then its wrapper objects.
std::vector<std::pair<const Value*, std::string>> scopes_of(const Value& record) {
  std::vector<std::pair<const Value*, std::string>> scopes{{&record, ""}};
  for (const char* wrapper : kWrappers) {
    const Value* inner = member_or_null(record, wrapper);
    if (inner != nullptr && inner->IsObject())
      scopes.emplace_back(inner, std::string(wrapper) + ".");
  }
  return scopes;
}

// A value of the first of `keys` present (and not null) in the first scope that has one.
template <std::size_t N>
const Value* find_field(const std::vector<std::pair<const Value*, std::string>>& scopes,
                        const std::array<const char*, N>& keys, std::string& where) {
  for (const auto& [scope, prefix] : scopes) {
    for (const char* key : keys) {
      const Value* v = member_or_null(*scope, key);
      if (v == nullptr || v->IsNull()) continue;
      where = prefix + key;
      return v;
    }
  }
  return nullptr;
}

// A string, or a non-empty array of strings (a title array gives its first: Crossref's form).
bool text_of(const Value& v, std::string& out, bool first_only) {
  if (v.IsString()) {
    out.assign(view_of(v));
    return true;
  }
  if (!v.IsArray() || v.Empty()) return false;
  for (const Value& item : v.GetArray())
    if (!item.IsString()) return false;
  for (const Value& item : v.GetArray()) {
    if (trim_ascii(view_of(item)).empty()) continue;
    if (!out.empty()) out += ' ';
    out.append(view_of(item));
    if (first_only) break;
  }
  return true;
}

// Title and abstract; a title or abstract of another type rejects the record.
bool map_text(const Value& record, Paper& paper, RecordReport& report) {
  const auto scopes = scopes_of(record);
  std::string where;
  if (const Value* title = find_field(scopes, kTitleKeys, where)) {
    if (!text_of(*title, paper.title, true))
      return report.reject(wrong_type(where, "a string", json_type_name(*title)));
  }
  if (const Value* abstract = find_field(scopes, kAbstractKeys, where)) {
    if (!text_of(*abstract, paper.abstract, false))
      return report.reject(wrong_type(where, "a string", json_type_name(*abstract)));
  }
  return true;
}

// categories: ["cs.CL", "cs.AI"] or "cs.CL cs.AI".
void map_categories(const Value& record, Paper& paper, RecordReport& report) {
  const Value* v = member_or_null(record, "categories");
  if (v == nullptr || v->IsNull()) return;
  if (v->IsString()) return split_categories(view_of(*v), paper.categories);
  if (!v->IsArray()) {
    return report.note(wrong_type("categories", "an array", json_type_name(*v)) + "; ignored");
  }
  for (const Value& category : v->GetArray())
    if (category.IsString()) split_categories(view_of(category), paper.categories);
}

// "10.1234/x" from a DOI, "doi:10.1234/x" or a doi.org URL; empty otherwise.
std::string_view doi_in(std::string_view text) {
  text = trim_ascii(text);
  for (std::string_view prefix : {"https://doi.org/", "http://doi.org/", "https://dx.doi.org/",
                                  "http://dx.doi.org/", "doi:", "DOI:"}) {
    if (text.substr(0, prefix.size()) == prefix) text.remove_prefix(prefix.size());
  }
  return text.substr(0, 3) == "10." && text.find('/') != std::string_view::npos
             ? text
             : std::string_view{};
}

void add_url(Paper& paper, std::string_view url, std::optional<LinkKind> kind) {
  url = trim_ascii(url);
  // Only URLs: a "repository": "arXiv" names no link.
  if (url.substr(0, 7) != "http://" && url.substr(0, 8) != "https://" && url.substr(0, 4) != "www.")
    return;
  if (auto ref = arxiv_ref_from_url(url); ref && paper.arxiv_id.empty()) {
    paper.arxiv_id = std::move(ref->id);
    paper.version = ref->version;
  }
  // A record's own URL names the paper, unless it is plainly code or data.
  const LinkKind seen = classify_link(url);
  const bool plain = seen == LinkKind::code || seen == LinkKind::data;
  add_link(paper, url, kind ? *kind : plain ? seen : LinkKind::paper);
}

// A link value: a URL, a list of URLs, or objects holding one under url/href/link.
void map_link_value(const Value& v, Paper& paper, std::optional<LinkKind> kind) {
  if (v.IsString()) return add_url(paper, view_of(v), kind);
  if (v.IsObject()) {
    for (const char* key : {"url", "href", "link"}) {
      const Value* url = member_or_null(v, key);
      if (url != nullptr && url->IsString()) return add_url(paper, view_of(*url), kind);
    }
    return;
  }
  if (!v.IsArray()) return;
  for (const Value& item : v.GetArray())
    if (item.IsString() || item.IsObject()) map_link_value(item, paper, kind);
}

// Links under every key and scope; a number or boolean where a link belongs is noted.
template <std::size_t N>
void map_links(const std::vector<std::pair<const Value*, std::string>>& scopes,
               const std::array<const char*, N>& keys, Paper& paper, std::optional<LinkKind> kind,
               RecordReport& report) {
  for (const auto& [scope, prefix] : scopes) {
    for (const char* key : keys) {
      const Value* v = member_or_null(*scope, key);
      if (v == nullptr || v->IsNull()) continue;
      if (v->IsNumber() || v->IsBool())
        report.note(wrong_type(prefix + key, "a string", json_type_name(*v)) + "; ignored");
      else
        map_link_value(*v, paper, kind);
    }
  }
}

// id: an arXiv id, a DOI or a URL; arxiv_id/doi under their own names.
void map_ids(const std::vector<std::pair<const Value*, std::string>>& scopes, Paper& paper,
             RecordReport& report) {
  std::string where;
  const Value* id = find_field(scopes, std::array<const char*, 1>{"id"}, where);
  if (id != nullptr && !id->IsString())
    report.note(wrong_type(where, "a string", json_type_name(*id)) + "; ignored");
  if (id != nullptr && id->IsString()) {
    const std::string_view text = trim_ascii(view_of(*id));
    if (!set_arxiv_id(paper, text)) {
      if (const std::string_view doi = doi_in(text); !doi.empty()) {
        add_doi(paper, doi);
      } else if (text.substr(0, 4) == "http") {
        add_url(paper, text, std::nullopt);
      }
    }
  }
  if (const Value* arxiv = find_field(scopes, kArxivKeys, where); arxiv && arxiv->IsString())
    set_arxiv_id(paper, view_of(*arxiv));
  if (const Value* doi = find_field(scopes, kDoiKeys, where); doi && doi->IsString())
    if (const std::string_view text = doi_in(view_of(*doi)); !text.empty()) add_doi(paper, text);
}

// The first date that reads, in key order; each one that does not is noted.
void map_date(const std::vector<std::pair<const Value*, std::string>>& scopes, Paper& paper,
              RecordReport& report) {
  for (const auto& [scope, prefix] : scopes) {
    for (const char* key : kDateKeys) {
      const Value* v = member_or_null(*scope, key);
      if (v == nullptr || v->IsNull()) continue;
      const std::string where = prefix + key;
      std::string date;
      if (v->IsInt() && std::string_view(key) == "year") {
        date = std::to_string(v->GetInt());  // "year": 2024
      } else if (v->IsString()) {
        date.assign(trim_ascii(view_of(*v)));
      } else {
        report.note(wrong_type(where, "a string", json_type_name(*v)) + "; ignored");
        continue;
      }
      paper.published = iso_date_from_any(date);
      if (paper.published.empty() && date.size() == 4 &&
          std::all_of(date.begin(), date.end(), [](char c) { return c >= '0' && c <= '9'; }))
        paper.published = date;  // a year alone stays partial
      if (!paper.published.empty()) return;
      report.note(where + " \"" + utf8_excerpt(date, 40) + "\" is not a date; ignored");
    }
  }
}

// The name of an author entry: a string, or an object in one of the common shapes.
std::string author_name(const Value& author) {
  if (author.IsString()) return std::string(trim_ascii(view_of(author)));
  if (!author.IsObject()) return {};
  for (const char* key : {"name", "display_name", "full_name", "fullName", "literal"}) {
    const Value* v = member_or_null(author, key);
    if (v != nullptr && v->IsString() && !trim_ascii(view_of(*v)).empty())
      return std::string(trim_ascii(view_of(*v)));
  }
  const std::pair<const char*, const char*> parts[] = {{"given", "family"},
                                                       {"firstName", "lastName"},
                                                       {"first_name", "last_name"},
                                                       {"first", "last"}};
  for (const auto& [first, last] : parts) {
    const Value* f = member_or_null(author, first);
    const Value* l = member_or_null(author, last);
    std::string name;
    if (f != nullptr && f->IsString()) name.assign(trim_ascii(view_of(*f)));
    if (l != nullptr && l->IsString() && !trim_ascii(view_of(*l)).empty())
      name += (name.empty() ? "" : " ") + std::string(trim_ascii(view_of(*l)));
    if (!name.empty()) return name;
  }
  if (const Value* inner = member_or_null(author, "author"))  // OpenAlex authorships
    return author_name(*inner);
  return {};
}

}  // namespace

void map_author_list(const Value& authors, std::vector<std::string>& names, RecordReport& report) {
  if (authors.IsString()) return split_author_list(view_of(authors), names);
  if (!authors.IsArray()) {
    return report.note(wrong_type("authors", "an array", json_type_name(authors)) + "; ignored");
  }
  std::size_t odd = 0;
  for (const Value& author : authors.GetArray()) {
    std::string name = author_name(author);
    if (name.empty()) {
      ++odd;
    } else {
      names.push_back(std::move(name));
    }
  }
  if (odd > 0) report.note("authors: " + std::to_string(odd) + " entries without a name ignored");
}

void map_generic_record(const Value& record, Paper& paper, RecordReport& report) {
  if (!record.IsObject()) {
    report.reject("expected a JSON object, found " + std::string(json_type_name(record)));
    return;
  }
  if (!map_text(record, paper, report)) return;
  if (trim_ascii(paper.title).empty()) {
    report.reject("no title");
    return;
  }
  const auto scopes = scopes_of(record);
  std::string where;
  if (const Value* authors = find_field(scopes, kAuthorKeys, where))
    map_author_list(*authors, paper.authors, report);
  map_categories(record, paper, report);
  map_ids(scopes, paper, report);
  map_links(scopes, kPaperLinkKeys, paper, std::nullopt, report);
  map_links(scopes, kCodeLinkKeys, paper, LinkKind::code, report);
  map_links(scopes, kProjectLinkKeys, paper, LinkKind::project, report);
  map_date(scopes, paper, report);
}

void AbstractCheck::record(const Value& record, const Paper& paper, const RecordReport& report) {
  if (record.IsObject() && keys_.size() < kMaxKeys) {
    for (const auto& member : record.GetObject()) {
      if (keys_.size() >= kMaxKeys) break;
      std::string key(view_of(member.name));
      if (std::find(keys_.begin(), keys_.end(), key) == keys_.end()) keys_.push_back(key);
    }
  }
  if (report.rejected()) return;
  ++kept_;
  has_abstract_ = has_abstract_ || !trim_ascii(paper.abstract).empty();
}

std::string AbstractCheck::note() const {
  if (kept_ == 0 || has_abstract_) return {};
  std::string keys;
  for (const std::string& key : keys_) keys += (keys.empty() ? "" : ", ") + key;
  if (keys_.size() >= kMaxKeys) keys += ", …";
  return "no record has an abstract (keys seen: " + keys +
         "); abstracts are read from abstract, summary, abstractNote or description, at the top "
         "level or under paper, details, metadata or attributes (docs/formats.md); rules on the "
         "abstract will match nothing";
}

namespace {

class GenericLineParser final : public LineRecordParser {
 public:
  void parse(char* line, std::size_t size, Paper& paper, RecordReport& report) override {
    rapidjson::Document document;  // a fresh one per line: its memory pool is released
    rapidjson::InsituStringStream stream(line);
    document.ParseStream<kJsonParseFlags>(stream);
    if (document.HasParseError()) {
      const rapidjson::ParseResult error(document.GetParseError(), document.GetErrorOffset());
      return reject_json_error(error, line, size, report);
    }
    if (check_parsed_to_end(stream.Tell(), size, report)) {
      map_generic_record(document, paper, report);
      check_.record(document, paper, report);
    }
  }

  std::string finish_note() override { return check_.note(); }

 private:
  AbstractCheck check_;
};

}  // namespace

std::unique_ptr<Reader> make_jsonl_reader(const SourceInfo& source, RecordSink& sink) {
  return make_json_lines_reader(source, sink, std::make_unique<GenericLineParser>());
}

}  // namespace papersieve::detail
