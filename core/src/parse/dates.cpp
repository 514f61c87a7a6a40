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

}  // namespace papersieve::detail
