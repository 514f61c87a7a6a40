// Conditions (condition.hpp). Dates compare at the precision both sides have: 2026-12 is
// equal to every day of December 2026, so it meets published:>=2026-12-05 and
// published:<=2026-12-05 but not published:>2026-12-05 (docs/rules.md).
#include "rules/query/condition.hpp"

#include <array>
#include <cctype>
#include <cstdio>
#include <string>

#include "rules/query/characters.hpp"
#include "rules/query/parser.hpp"

namespace papersieve::rules {
namespace {

constexpr std::string_view kDateForms =
    "dates: YYYY, YYYY-MM, YYYY-MM-DD, today, today-7d, today-2w";
constexpr std::array<std::string_view, 5> kAnnounceTypes = {"new", "cross", "replace",
                                                            "replace-cross", "absonly"};

std::string quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

int to_int(std::string_view digits) {
  int n = 0;
  for (char c : digits) n = n * 10 + (c - '0');
  return n;
}

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

// YYYY, YYYY-MM or YYYY-MM-DD at the start of `text` (a timestamp's time is ignored); nullopt
// when there is none or it is not a calendar date.
std::optional<ConditionDate> leading_date(std::string_view text, bool whole) {
  ConditionDate date;
  if (text.size() < 4 || !all_digits(text.substr(0, 4))) return std::nullopt;
  date.year = to_int(text.substr(0, 4));
  std::size_t used = 4;
  if (text.size() >= 7 && text[4] == '-' && all_digits(text.substr(5, 2))) {
    date.month = to_int(text.substr(5, 2));
    used = 7;
    if (text.size() >= 10 && text[7] == '-' && all_digits(text.substr(8, 2))) {
      date.day = to_int(text.substr(8, 2));
      used = 10;
    }
  }
  if (whole && used != text.size()) return std::nullopt;
  if (!whole && used < text.size() && std::isdigit(static_cast<unsigned char>(text[used])))
    return std::nullopt;
  if (date.month != 0 && (date.month < 1 || date.month > 12)) return std::nullopt;
  if (date.day != 0 && (date.day < 1 || date.day > days_in_month(date.year, date.month)))
    return std::nullopt;
  return date;
}

// today, today-7d, today-2w.
std::optional<ConditionDate> relative_date(std::string_view text) {
  if (text.substr(0, 5) != "today") return std::nullopt;
  ConditionDate date;
  date.relative = true;
  text.remove_prefix(5);
  if (text.empty()) return date;
  if (text.size() < 3 || text[0] != '-' || (text.back() != 'd' && text.back() != 'w'))
    return std::nullopt;
  const std::string_view count = text.substr(1, text.size() - 2);
  if (!all_digits(count) || count.size() > 6) return std::nullopt;
  date.days_back = to_int(count) * (text.back() == 'w' ? 7 : 1);
  return date;
}

ConditionDate parse_date(std::string_view text, std::uint32_t column) {
  if (auto date = relative_date(text)) return *date;
  if (auto date = leading_date(text, true)) return *date;
  throw QueryError(column, "bad date " + quoted(text) + " (" + std::string(kDateForms) + ")");
}

std::int64_t parse_number(std::string_view text, std::uint32_t column) {
  if (!all_digits(text) || text.size() > 15)
    throw QueryError(column, "bad number " + quoted(text) + " (a whole number: upvotes:>=10)");
  std::int64_t n = 0;
  for (char c : text) n = n * 10 + (c - '0');
  return n;
}

bool is_date_field(ConditionField f) {
  return f == ConditionField::published || f == ConditionField::updated;
}

// -1, 0, 1: a against b at the precision both have (year, then month, then day).
int compare_dates(const ConditionDate& a, const ConditionDate& b) {
  if (a.year != b.year) return a.year < b.year ? -1 : 1;
  if (a.month == 0 || b.month == 0) return 0;
  if (a.month != b.month) return a.month < b.month ? -1 : 1;
  if (a.day == 0 || b.day == 0) return 0;
  if (a.day != b.day) return a.day < b.day ? -1 : 1;
  return 0;
}

bool compared(Comparison op, int low, int high) {
  switch (op) {
    case Comparison::eq: return low == 0;
    case Comparison::lt: return low < 0;
    case Comparison::le: return low <= 0;
    case Comparison::gt: return low > 0;
    case Comparison::ge: return low >= 0;
    case Comparison::range: return low >= 0 && high <= 0;
  }
  return false;
}

int sign(std::int64_t a, std::int64_t b) { return a < b ? -1 : (a > b ? 1 : 0); }

std::string_view basename(std::string_view path) {
  const std::size_t slash = path.find_last_of('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string date_text(const ConditionDate& d) {
  if (d.relative) return d.days_back == 0 ? "today" : "today-" + std::to_string(d.days_back) + "d";
  char buffer[16];
  if (d.day != 0) {
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", d.year, d.month, d.day);
  } else if (d.month != 0) {
    std::snprintf(buffer, sizeof buffer, "%04d-%02d", d.year, d.month);
  } else {
    std::snprintf(buffer, sizeof buffer, "%04d", d.year);
  }
  return buffer;
}

}  // namespace

std::optional<ConditionField> condition_field_from_name(std::string_view name) {
  if (name == "published") return ConditionField::published;
  if (name == "updated") return ConditionField::updated;
  if (name == "upvotes") return ConditionField::upvotes;
  if (name == "announce") return ConditionField::announce;
  if (name == "source") return ConditionField::source;
  return std::nullopt;
}

std::string_view condition_field_name(ConditionField field) {
  switch (field) {
    case ConditionField::published: return "published";
    case ConditionField::updated: return "updated";
    case ConditionField::upvotes: return "upvotes";
    case ConditionField::announce: return "announce";
    case ConditionField::source: return "source";
  }
  return "published";
}

std::size_t condition_operand_end(std::string_view query, std::size_t pos, std::size_t bare_end) {
  if (pos >= query.size() || query[pos] != '[') return bare_end;
  const std::size_t close = query.find(']', pos);
  return close == std::string_view::npos ? close : close + 1;
}

Condition parse_condition(ConditionField field, std::string_view operand,
                          std::uint32_t operand_column) {
  const std::string name(condition_field_name(field));
  auto column_at = [&](std::size_t pos) {
    return operand_column + codepoints_between(operand, 0, pos);
  };
  Condition c;
  c.field = field;
  std::size_t pos = 0;
  if (operand.substr(0, 2) == ">=")
    c.op = Comparison::ge, pos = 2;
  else if (operand.substr(0, 2) == "<=")
    c.op = Comparison::le, pos = 2;
  else if (operand.substr(0, 1) == ">")
    c.op = Comparison::gt, pos = 1;
  else if (operand.substr(0, 1) == "<")
    c.op = Comparison::lt, pos = 1;
  else if (operand.substr(0, 1) == "=")
    c.op = Comparison::eq, pos = 1;
  else if (operand.substr(0, 1) == "[")
    c.op = Comparison::range;
  const bool compares = pos > 0 || c.op == Comparison::range;
  if (compares && !is_date_field(field) && field != ConditionField::upvotes)
    throw QueryError(operand_column,
                     quoted(name + ":") + " takes a value, not a comparison (" + name + ":value)");
  std::string_view value = operand.substr(pos);
  if (value.empty())
    throw QueryError(operand_column, quoted(operand.substr(0, pos)) + " needs a value after it");
  auto one = [&](std::string_view text, std::size_t at, ConditionDate& date, std::int64_t& n) {
    if (is_date_field(field)) {
      date = parse_date(text, column_at(at));
    } else {
      n = parse_number(text, column_at(at));
    }
  };
  if (c.op == Comparison::range) {
    if (value.back() != ']')
      throw QueryError(operand_column, "unterminated range: no closing \"]\"");
    const std::string_view inside = value.substr(1, value.size() - 2);
    const std::size_t to = inside.find(" TO ");
    if (to == std::string_view::npos)
      throw QueryError(operand_column,
                       "a range is [FROM TO TO], e.g. " + name +
                           (is_date_field(field) ? ":[2026-12-01 TO 2026-12-07]" : ":[10 TO 100]"));
    auto trimmed = [&](std::size_t from, std::size_t to_pos, std::size_t& at) {
      while (from < to_pos && inside[from] == ' ') ++from;
      while (to_pos > from && inside[to_pos - 1] == ' ') --to_pos;
      at = 1 + from;
      return inside.substr(from, to_pos - from);
    };
    std::size_t low_at = 0, high_at = 0;
    const std::string_view low = trimmed(0, to, low_at);
    const std::string_view high = trimmed(to + 4, inside.size(), high_at);
    if (low.empty() || high.empty())
      throw QueryError(operand_column, "a range needs both ends: [FROM TO TO]");
    one(low, low_at, c.date, c.number);
    one(high, high_at, c.date_high, c.number_high);
    return c;
  }
  if (is_date_field(field) || field == ConditionField::upvotes) {
    one(value, pos, c.date, c.number);
    return c;
  }
  if (field == ConditionField::announce) {
    std::string lower(value);
    for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    bool known = false;
    for (std::string_view type : kAnnounceTypes) known = known || type == lower;
    if (!known) {
      std::string message = "unknown announce type " + quoted(value) + " (types:";
      for (std::string_view type : kAnnounceTypes) message += " " + std::string(type);
      throw QueryError(column_at(pos), message + ")");
    }
    c.text = lower;
    return c;
  }
  c.text = std::string(value);  // source
  return c;
}

std::int64_t days_from_civil(int year, int month, int day) {
  // H. Hinnant's days_from_civil (proleptic Gregorian).
  const std::int64_t y = static_cast<std::int64_t>(year) - (month <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t mp = (month + 9) % 12;
  const std::int64_t doy = (153 * mp + 2) / 5 + day - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

std::int64_t days_from_unix_seconds(std::int64_t seconds) {
  return seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
}

namespace {

ConditionDate civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  ConditionDate date;
  date.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  date.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  date.year = static_cast<int>(yoe + era * 400 + (date.month <= 2 ? 1 : 0));
  return date;
}

void resolve_date(ConditionDate& date, std::int64_t today) {
  if (date.relative) date = civil_from_days(today - date.days_back);
}

}  // namespace

Condition resolve_condition(Condition condition, std::int64_t today) {
  resolve_date(condition.date, today);
  resolve_date(condition.date_high, today);
  return condition;
}

bool condition_holds(const Condition& c, const Paper& paper) {
  switch (c.field) {
    case ConditionField::published:
    case ConditionField::updated: {
      std::string_view text = paper.published;
      if (c.field == ConditionField::updated) {
        const auto it = paper.extra.find("updated");
        text = it == paper.extra.end() ? std::string_view() : std::string_view(it->second);
      }
      const auto date = leading_date(text, false);
      if (!date) return false;
      const int high = c.op == Comparison::range ? compare_dates(*date, c.date_high) : 0;
      return compared(c.op, compare_dates(*date, c.date), high);
    }
    case ConditionField::upvotes: {
      if (!paper.upvotes) return false;
      const int high = c.op == Comparison::range ? sign(*paper.upvotes, c.number_high) : 0;
      return compared(c.op, sign(*paper.upvotes, c.number), high);
    }
    case ConditionField::announce: {
      const auto it = paper.extra.find("announce_type");
      if (it == paper.extra.end() || it->second.size() != c.text.size()) return false;
      for (std::size_t i = 0; i < c.text.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(it->second[i])) != c.text[i]) return false;
      return true;
    }
    case ConditionField::source:
      return paper.source.format == c.text || paper.source.name == c.text ||
             basename(paper.source.name) == c.text;
  }
  return false;
}

std::string_view sortable_date(std::string_view text) {
  const auto date = leading_date(text, false);
  if (!date) return {};
  return text.substr(0, date->day != 0 ? 10 : date->month != 0 ? 7 : 4);
}

std::string condition_text(const Condition& c) {
  std::string out(condition_field_name(c.field));
  out += ':';
  static constexpr std::string_view kOps[] = {"=", "<", "<=", ">", ">=", ""};
  if (c.field == ConditionField::announce || c.field == ConditionField::source) return out + c.text;
  out += kOps[static_cast<int>(c.op)];
  const bool date = is_date_field(c.field);
  auto value = [&](bool high) {
    if (date) return date_text(high ? c.date_high : c.date);
    return std::to_string(high ? c.number_high : c.number);
  };
  if (c.op == Comparison::range) return out + "[" + value(false) + " TO " + value(true) + "]";
  return out + value(false);
}

}  // namespace papersieve::rules
