#include "parse/reference_fields.hpp"

#include <array>
#include <vector>

#include "papersieve/normalize.hpp"
#include "parse/arxiv_id.hpp"
#include "parse/field_lists.hpp"
#include "parse/raw_paper.hpp"

namespace papersieve::detail {
namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool starts_with_nocase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (lower(text[i]) != prefix[i]) return false;
  return true;
}

std::size_t find_nocase(std::string_view text, std::string_view needle) {
  for (std::size_t i = 0; i + needle.size() <= text.size(); ++i)
    if (starts_with_nocase(text.substr(i), needle)) return i;
  return std::string_view::npos;
}

// The parts of a name between commas outside braces.
std::vector<std::string_view> comma_parts(std::string_view name) {
  std::vector<std::string_view> parts;
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (name[i] == '{') ++depth;
    if (name[i] == '}' && depth > 0) --depth;
    if (name[i] == ',' && depth == 0) {
      parts.push_back(trim_ascii(name.substr(start, i - start)));
      start = i + 1;
    }
  }
  parts.push_back(trim_ascii(name.substr(start)));
  return parts;
}

// Up to `most` digits at the front of `text`, consumed; -1 when there is none.
int take_number(std::string_view& text, std::size_t most) {
  std::size_t n = 0;
  int value = 0;
  while (n < most && n < text.size() && is_digit(text[n])) value = value * 10 + (text[n++] - '0');
  text.remove_prefix(n);
  return n == 0 ? -1 : value;
}

std::string two_digits(int n) {
  return std::string(1, static_cast<char>('0' + n / 10)) + static_cast<char>('0' + n % 10);
}

// A token that ends an arXiv id in running text.
std::string_view first_token(std::string_view text) {
  const std::size_t end = text.find_first_of(" \t\r\n,;)]}\"");
  std::string_view token = text.substr(0, end);
  while (!token.empty() && token.back() == '.') token.remove_suffix(1);
  return token;
}

std::string clean_value(std::string_view value) {
  return clean_text(has_latex_markup(value) ? clean_latex(value) : std::string(value));
}

}  // namespace

std::string display_name(std::string_view name, NameOrder order) {
  const auto parts = comma_parts(trim_ascii(name));
  if (parts.size() < 2) return std::string(parts.front());
  std::string_view last = parts[0], first = parts[1], suffix;
  if (parts.size() >= 3) {
    if (order == NameOrder::bibtex) {
      suffix = parts[1];
      first = parts[2];
    } else {
      suffix = parts[2];
    }
  }
  std::string out(first);
  for (std::string_view piece : {last, suffix}) {
    if (piece.empty()) continue;
    if (!out.empty()) out.push_back(' ');
    out.append(piece);
  }
  return out;
}

int month_number(std::string_view text) {
  text = trim_ascii(text);
  while (!text.empty() && text.back() == '.') text.remove_suffix(1);
  if (!text.empty() && is_digit(text.front())) {
    std::string_view rest = text;
    const int n = take_number(rest, 2);
    return rest.empty() && n >= 1 && n <= 12 ? n : 0;
  }
  static constexpr std::array<std::string_view, 12> kMonths = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  if (text.size() < 3) return 0;
  for (std::size_t m = 0; m < kMonths.size(); ++m)
    if (text.size() <= kMonths[m].size() &&
        starts_with_nocase(text, kMonths[m].substr(0, text.size())))
      return static_cast<int>(m) + 1;
  return 0;
}

std::string reference_date(std::string_view text) {
  text = trim_ascii(text);
  std::string_view rest = text;
  const int year = take_number(rest, 4);
  if (year < 0 || text.size() - rest.size() != 4 || (!rest.empty() && is_digit(rest.front())))
    return {};
  std::string date(text.substr(0, 4));
  if (rest.empty() || (rest.front() != '/' && rest.front() != '-')) return date;
  const char separator = rest.front();
  rest.remove_prefix(1);
  const int month = take_number(rest, 2);
  if (month < 1 || month > 12) return date;
  date += "-" + two_digits(month);
  if (rest.empty() || rest.front() != separator) return date;
  rest.remove_prefix(1);
  const int day = take_number(rest, 2);
  if (day < 1 || day > 31 || (!rest.empty() && is_digit(rest.front()))) return date;
  return date + "-" + two_digits(day);
}

std::string iso_year_month(std::string_view year, int month) {
  std::string date = reference_date(year);
  if (date.size() == 4 && month >= 1 && month <= 12) date += "-" + two_digits(month);
  return date;
}

bool take_arxiv_id(Paper& paper, std::string_view text) {
  if (!paper.arxiv_id.empty()) return false;
  text = trim_ascii(text);
  if (set_arxiv_id(paper, text)) return true;
  if (auto ref = arxiv_ref_from_url(text)) {
    paper.arxiv_id = ref->id;
    paper.version = ref->version;
    return true;
  }
  for (std::string_view prefix : {"10.48550/arxiv.", "arxiv:"}) {
    const std::size_t at = find_nocase(text, prefix);
    if (at != std::string_view::npos &&
        set_arxiv_id(paper, first_token(text.substr(at + prefix.size()))))
      return true;
  }
  return false;
}

bool add_web_link(Paper& paper, std::string_view url) {
  url = trim_ascii(url);
  if (!starts_with_nocase(url, "http://") && !starts_with_nocase(url, "https://") &&
      !starts_with_nocase(url, "ftp://"))
    return false;
  add_link(paper, url, classify_link(url));
  if (paper.arxiv_id.empty()) {
    if (auto ref = arxiv_ref_from_url(url)) {
      paper.arxiv_id = ref->id;
      paper.version = ref->version;
    }
  }
  return true;
}

void add_keyword(Paper& paper, std::string_view keyword) {
  add_category(paper, clean_value(keyword));
}

void append_extra(Paper& paper, const std::string& key, std::string_view value) {
  const std::string clean = clean_value(value);
  if (key.empty() || clean.empty()) return;
  auto [it, inserted] = paper.extra.emplace(key, clean);
  if (!inserted) it->second += "; " + clean;
}

}  // namespace papersieve::detail
