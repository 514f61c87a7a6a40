#include "parse/dates.hpp"

#include <array>

#include "parse/hf_text_lines.hpp"

namespace papersieve::detail {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly `count` digits at the front of `text`, consuming them.
bool take_digits(std::string_view& text, std::size_t count, int& value) {
  if (text.size() < count) return false;
  value = 0;
  for (std::size_t i = 0; i < count; ++i) {
    if (!is_digit(text[i])) return false;
    value = value * 10 + (text[i] - '0');
  }
  text.remove_prefix(count);
  return true;
}

void skip_spaces(std::string_view& text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
}

int month_from_abbreviation(std::string_view name) {
  static constexpr std::array<std::string_view, 12> months = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (std::size_t i = 0; i < months.size(); ++i)
    if (name == months[i]) return static_cast<int>(i) + 1;
  return 0;
}

// "YYYY-MM-DD" (years have 4 digits: take_digits reads no more).
std::string format_date(int year, int month, int day) {
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > 31) return {};
  std::string date = "0000-00-00";
  for (int i = 3; i >= 0; --i, year /= 10) date[i] = static_cast<char>('0' + year % 10);
  date[5] = static_cast<char>('0' + month / 10), date[6] = static_cast<char>('0' + month % 10);
  date[8] = static_cast<char>('0' + day / 10), date[9] = static_cast<char>('0' + day % 10);
  return date;
}

// "May", "may", "MAY", "05", "5" -> 5; 0 when no month.
int month_number(std::string_view text) {
  if (!text.empty() && is_digit(text.front())) {
    int value = 0;
    for (char c : text) {
      if (!is_digit(c) || value > 12) return 0;
      value = value * 10 + (c - '0');
    }
    return value >= 1 && value <= 12 ? value : 0;
  }
  if (text.size() < 3) return 0;
  std::string abbreviation(text.substr(0, 3));
  abbreviation[0] = static_cast<char>(abbreviation[0] & ~0x20);
  for (std::size_t i = 1; i < 3; ++i) abbreviation[i] = static_cast<char>(abbreviation[i] | 0x20);
  return month_from_abbreviation(abbreviation);
}

std::string two_digits(int value) {
  return {static_cast<char>('0' + value / 10), static_cast<char>('0' + value % 10)};
}

}  // namespace

std::string iso_date_prefix(std::string_view text) {
  int year = 0, month = 0, day = 0;
  if (!take_digits(text, 4, year) || text.empty() || text.front() != '-') return {};
  text.remove_prefix(1);
  if (!take_digits(text, 2, month) || text.empty() || text.front() != '-') return {};
  text.remove_prefix(1);
  if (!take_digits(text, 2, day)) return {};
  if (!text.empty() && is_digit(text.front())) return {};  // "2024-10-223" is no date
  return format_date(year, month, day);
}

std::string iso_date_from_rfc2822(std::string_view text) {
  skip_spaces(text);
  if (const auto comma = text.find(','); comma != std::string_view::npos && comma <= 9) {
    text.remove_prefix(comma + 1);  // weekday
    skip_spaces(text);
  }
  int day = 0, year = 0;
  if (!take_digits(text, text.size() > 1 && is_digit(text[1]) ? 2 : 1, day)) return {};
  skip_spaces(text);
  const int month = month_from_abbreviation(text.substr(0, 3));
  if (month == 0) return {};
  text.remove_prefix(3);
  skip_spaces(text);
  if (!take_digits(text, 4, year)) return {};
  if (!text.empty() && text.front() != ' ') return {};
  return format_date(year, month, day);
}

std::string iso_date_from_any(std::string_view text) {
  if (std::string iso = iso_date_prefix(text); !iso.empty()) return iso;
  if (std::string rfc = iso_date_from_rfc2822(text); !rfc.empty()) return rfc;
  if (text.size() > 64) return {};  // page dates are short; keep long text off the regex
  return parse_page_date(text).value_or(std::string());
}

std::string iso_partial_date(std::string_view text) {
  text = text.substr(0, text.find_last_not_of(" \t\r\n") + 1);
  while (!text.empty() && (text.front() == ' ' || text.front() == '\n')) text.remove_prefix(1);
  if (std::string full = iso_date_prefix(text); !full.empty()) return full;
  std::string_view rest = text;
  int year = 0, month = 0;
  if (take_digits(rest, 4, year) && year > 0) {
    if (rest.empty()) return std::string(text.substr(0, 4));
    std::string_view after = rest.substr(1);
    if (rest.front() == '-' && take_digits(after, 2, month) &&
        (after.empty() || !is_digit(after.front())) && month >= 1 && month <= 12)
      return std::string(text.substr(0, 7));
  }
  return iso_date_from_any(text);
}

std::string iso_date_from_parts(std::string_view year, std::string_view month,
                                std::string_view day) {
  int y = 0;
  std::string_view rest = year;
  if (!take_digits(rest, 4, y) || !rest.empty() || y == 0) return {};
  std::string date(year);
  const int m = month_number(month);
  if (m == 0) return date;
  date += "-" + two_digits(m);
  int d = 0;
  rest = day;
  if (!take_digits(rest, day.size() == 1 ? 1 : 2, d) || !rest.empty() || d < 1 || d > 31)
    return date;
  return date + "-" + two_digits(d);
}

std::string iso_date_from_medline(std::string_view text) {
  skip_spaces(text);
  const std::string_view year = text.substr(0, 4);
  text.remove_prefix(year.size());
  skip_spaces(text);
  const std::size_t month_end = text.find_first_of(" -");
  const std::string_view month = text.substr(0, month_end);
  std::string_view day;
  if (month_end != std::string_view::npos && text[month_end] == ' ') {
    day = text.substr(month_end + 1);
    day = day.substr(0, day.find_first_not_of("0123456789"));
  }
  return iso_date_from_parts(year, month, day);
}

}  // namespace papersieve::detail
