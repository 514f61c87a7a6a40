#include "parse/record_fields.hpp"

#include <cstdio>

#include "normalize/ascii.hpp"
#include "papersieve/normalize.hpp"
#include "parse/dates.hpp"
#include "parse/field_lists.hpp"
#include "parse/raw_paper.hpp"

namespace papersieve::detail {
namespace {

bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool all_digits(std::string_view text) {
  return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

const Value* typed_member(const Value& object, std::string_view key, bool (Value::*is)() const,
                          std::string_view expected, RecordReport& report) {
  const Value* v = member_or_null(object, key);
  if (v == nullptr || (v->*is)()) return v;
  report.note(wrong_type(key, expected, json_type_name(*v)) + "; ignored");
  return nullptr;
}

// A date part: 2015 or "2015"; 0 when it is neither.
int date_part(const Value& part) {
  if (part.IsInt()) return part.GetInt();
  if (part.IsString() && part.GetStringLength() <= 4 && all_digits(view_of(part)))
    return std::stoi(std::string(view_of(part)));
  return 0;
}

// "2019", "2019-07" or "2019-07-04": a month or day out of range is left out.
std::string partial_date(int year, int month, int day) {
  char buffer[32];
  if (year < 1 || year > 9999) return {};
  if (month < 1 || month > 12) {
    std::snprintf(buffer, sizeof buffer, "%04d", year);
  } else if (day < 1 || day > 31) {
    std::snprintf(buffer, sizeof buffer, "%04d-%02d", year, month);
  } else {
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  }
  return buffer;
}

int month_number(std::string_view word) {
  static constexpr std::string_view kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                                 "jul", "aug", "sep", "oct", "nov", "dec"};
  if (word.size() < 3) return 0;
  for (int i = 0; i < 12; ++i)
    if (starts_with_nocase(word, kMonths[i])) return i + 1;
  return 0;
}

// Dates as people type them into reference managers: "2013", "2013-05",
// "2013/5/21", "2/2016", "5/21/2013" (month first, as Zotero reads it),
// "May 2013", "Spring 2016" (the year alone). Empty when no year is found.
std::string loose_date(std::string_view text) {
  int year = 0, month = 0, day = 0;
  std::vector<int> numbers;  // other numbers, in order
  for (std::size_t i = 0; i < text.size();) {
    if (is_ascii_digit(text[i])) {
      std::size_t end = i;
      while (end < text.size() && is_ascii_digit(text[end])) ++end;
      const std::string_view run = text.substr(i, end - i);
      if (run.size() == 4 && year == 0) {
        year = std::stoi(std::string(run));
      } else if (run.size() <= 2) {
        numbers.push_back(std::stoi(std::string(run)));
      } else {
        return {};  // a number no date has
      }
      i = end;
    } else if (is_ascii_alpha(text[i])) {
      std::size_t end = i;
      while (end < text.size() && is_ascii_alpha(text[end])) ++end;
      if (month == 0) month = month_number(text.substr(i, end - i));
      i = end;
    } else {
      ++i;
    }
  }
  if (year < 1000) return {};
  if (month == 0 && !numbers.empty()) {
    month = numbers[0];
    if (numbers.size() > 1) day = numbers[1];
  } else if (!numbers.empty()) {
    day = numbers[0];
  }
  return partial_date(year, month, day);
}

}  // namespace

const Value* object_member(const Value& object, std::string_view key, RecordReport& report) {
  return typed_member(object, key, &Value::IsObject, "an object", report);
}

const Value* array_member(const Value& object, std::string_view key, RecordReport& report) {
  return typed_member(object, key, &Value::IsArray, "an array", report);
}

std::string_view string_member(const Value& object, std::string_view key, RecordReport& report) {
  const Value* v = typed_member(object, key, &Value::IsString, "a string", report);
  return v == nullptr ? std::string_view() : trim_ascii(view_of(*v));
}

std::string scalar_member(const Value& object, std::string_view key, RecordReport& report) {
  const Value* v = member_or_null(object, key);
  if (v == nullptr) return {};
  if (v->IsString()) return std::string(trim_ascii(view_of(*v)));
  if (v->IsInt64()) return std::to_string(v->GetInt64());
  if (v->IsUint64()) return std::to_string(v->GetUint64());
  report.note(wrong_type(key, "a string or an integer", json_type_name(*v)) + "; ignored");
  return {};
}

std::string_view first_string(const Value* value) {
  if (value == nullptr) return {};
  if (value->IsString()) return trim_ascii(view_of(*value));
  if (!value->IsArray()) return {};
  for (const Value& item : value->GetArray()) {
    if (item.IsString() && !trim_ascii(view_of(item)).empty()) return trim_ascii(view_of(item));
  }
  return {};
}

bool take_title(const Value& record, std::initializer_list<std::string_view> keys, Paper& paper,
                RecordReport& report) {
  if (!record.IsObject())
    return report.reject("expected a JSON object, found " + std::string(json_type_name(record)));
  for (auto key : keys) {
    const Value* v = member_or_null(record, key);
    if (v == nullptr) continue;
    if (!v->IsString() && !v->IsArray())
      return report.reject(wrong_type(key, "a string", json_type_name(*v)));
    paper.title.assign(first_string(v));
    if (!paper.title.empty()) return true;
  }
  return report.reject("no title");
}

void take_abstract(const Value& record, std::string_view key, Paper& paper, RecordReport& report) {
  if (paper.abstract.empty()) paper.abstract.assign(string_member(record, key, report));
}

std::string partial_iso_date(std::string_view text) {
  text = trim_ascii(text);
  if (std::string iso = iso_date_from_any(text); !iso.empty()) return iso;
  return loose_date(text);
}

std::string date_from_parts(const Value& date) {
  if (!date.IsObject()) return {};
  const Value* parts = member_or_null(date, "date-parts");
  if (parts != nullptr && parts->IsArray() && !parts->Empty() && (*parts)[0].IsArray()) {
    const Value& first = (*parts)[0];
    int ymd[3] = {0, 0, 0};
    for (rapidjson::SizeType i = 0; i < first.Size() && i < 3; ++i) ymd[i] = date_part(first[i]);
    return ymd[0] < 1 ? std::string() : partial_date(ymd[0], ymd[1], ymd[2]);
  }
  for (const char* key : {"raw", "literal"}) {
    const Value* text = member_or_null(date, key);
    if (text != nullptr && text->IsString()) return partial_iso_date(view_of(*text));
  }
  return {};
}

void take_date(std::string_view key, std::string_view text, Paper& paper, RecordReport& report) {
  if (text.empty() || !paper.published.empty()) return;
  paper.published = partial_iso_date(text);
  if (paper.published.empty())
    report.note(std::string(key) + " \"" + std::string(text.substr(0, 40)) +
                "\" is not a date; ignored");
}

std::string person_name(const Value& person, std::string_view given_key,
                        std::string_view family_key) {
  if (person.IsString()) return std::string(trim_ascii(view_of(person)));
  if (!person.IsObject()) return {};
  for (const char* key : {"literal", "name"}) {
    const Value* v = member_or_null(person, key);
    if (v != nullptr && v->IsString() && !trim_ascii(view_of(*v)).empty())
      return std::string(trim_ascii(view_of(*v)));
  }
  std::string name;
  const auto append = [&](std::string_view key) {
    const Value* v = member_or_null(person, key);
    if (v == nullptr || !v->IsString() || trim_ascii(view_of(*v)).empty()) return;
    if (!name.empty()) name += ' ';
    name += trim_ascii(view_of(*v));
  };
  append(given_key);
  append("dropping-particle");
  append("non-dropping-particle");
  append(family_key);
  const Value* suffix = member_or_null(person, "suffix");
  if (!name.empty() && suffix != nullptr && suffix->IsString() &&
      !trim_ascii(view_of(*suffix)).empty())
    name += std::string(", ") + std::string(trim_ascii(view_of(*suffix)));
  return name;
}

void AffiliationLines::add(std::string_view author, const std::vector<std::string>& affiliations) {
  if (author.empty() || affiliations.empty()) return;
  if (!text_.empty()) text_ += '\n';
  text_.append(author).append(": ");
  for (std::size_t i = 0; i < affiliations.size(); ++i) {
    if (i > 0) text_ += "; ";
    text_ += affiliations[i];
  }
}

void AffiliationLines::store(Paper& paper) {
  if (!text_.empty()) add_extra(paper, "affiliations", text_);
}

std::vector<std::string> names_in(const Value* objects, std::string_view key) {
  std::vector<std::string> names;
  if (objects == nullptr || !objects->IsArray()) return names;
  for (const Value& item : objects->GetArray()) {
    const Value* v =
        item.IsObject() ? member_or_null(item, key) : (item.IsString() ? &item : nullptr);
    if (v == nullptr || !v->IsString() || trim_ascii(view_of(*v)).empty()) continue;
    std::string name(trim_ascii(view_of(*v)));
    bool known = false;
    for (const auto& have : names) known = known || have == name;
    if (!known) names.push_back(std::move(name));
  }
  return names;
}

void identifiers_from_lines(std::string_view text, Paper& paper) {
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    const std::string_view line = trim_ascii(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string key = extra_key(line.substr(0, colon));
    const std::string_view value = trim_ascii(line.substr(colon + 1));
    if (key == "arxiv" && paper.arxiv_id.empty()) {
      set_arxiv_id(paper, value.substr(0, value.find(' ')));  // "2101.00001 [cs.CL]"
    } else if (key == "pmid" && paper.extra.count("pmid") == 0) {
      add_pmid(paper, value);
    } else if (key == "doi" && paper.extra.count("doi") == 0) {
      add_doi(paper, value);
    }
  }
}

void take_url(std::string_view url, Paper& paper) {
  url = trim_ascii(url);
  if (url.empty()) return;
  if (auto ref = arxiv_ref_from_url(url); ref && paper.arxiv_id.empty()) {
    paper.arxiv_id = ref->id;
    paper.version = ref->version;
  }
  add_link(paper, url, LinkKind::paper);
}

}  // namespace papersieve::detail
