#include "parse/hf_text_lines.hpp"

#include <re2/re2.h>

#include <array>
#include <cstdio>
#include <utility>

#include "papersieve/normalize.hpp"

namespace papersieve::detail {
namespace {

struct Patterns {
  RE2 upvotes{R"((?:▲\s*)?(\d{1,7})(?:\s+upvotes?)?)"};
  RE2 month_date{
      R"((?:Published on\s+)?(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(\d{1,2})(?:,?\s+(\d{4}))?)"};
  RE2 iso_date{R"((?:Published on\s+)?(\d{4})-(\d{2})-(\d{2}))"};
  RE2 authors{R"((?:·\s*)?\d{1,5}\s+authors?(?:\s*·\s*(.*))?)"};
  RE2 submitted{R"(Submitted by(?:\s+(\S.*))?)"};
  RE2 url{R"((https?://\S+))"};
};

const Patterns& patterns() {
  static const Patterns compiled;
  return compiled;
}

re2::StringPiece piece(std::string_view text) { return {text.data(), text.size()}; }

int month_number(const std::string& name) {
  static constexpr std::array<const char*, 12> months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (std::size_t i = 0; i < months.size(); ++i)
    if (name == months[i]) return static_cast<int>(i) + 1;
  return 0;
}

std::string iso_date(int year, int month, int day) {
  if (month < 1 || month > 12 || day < 1 || day > 31) return {};
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  return buffer;
}

}  // namespace

bool is_hf_boilerplate(std::string_view line) {
  static constexpr std::array<std::string_view, 8> known = {
      "Get trending papers in your email inbox once a day!",
      "Get trending papers in your email inbox!",
      "Subscribe",
      "Daily Papers",
      "by AK and the research community",
      "Trending Papers",
      "Upvote",
      "View all"};
  for (auto k : known)
    if (line == k) return true;
  return false;
}

std::optional<std::string_view> strip_glued_subscribe(std::string_view line) {
  constexpr std::string_view button = "Subscribe";
  if (line.size() <= button.size() || line.substr(0, button.size()) != button) return std::nullopt;
  const unsigned char next = static_cast<unsigned char>(line[button.size()]);
  // "Subscribers ..." or "Subscribe to ..." is a title of its own, not a glued button.
  if ((next >= 'a' && next <= 'z') || next == ' ' || next == '\t') return std::nullopt;
  return line.substr(button.size());
}

std::optional<std::string> parse_page_date(std::string_view text) {
  const auto& p = patterns();
  std::string month, day, year;
  if (RE2::FullMatch(piece(text), p.month_date, &month, &day, &year)) {
    if (year.empty()) return std::string();
    return iso_date(std::stoi(year), month_number(month), std::stoi(day));
  }
  int y = 0, m = 0, d = 0;
  if (RE2::FullMatch(piece(text), p.iso_date, &y, &m, &d)) return iso_date(y, m, d);
  return std::nullopt;
}

std::optional<HfMetadata> parse_hf_metadata(std::string_view line) {
  // Metadata lines are short; skipping long lines keeps abstracts off the regex path.
  if (line.size() > 200) return std::nullopt;
  const auto& p = patterns();
  HfMetadata meta;
  std::int64_t count = 0;
  if (RE2::FullMatch(piece(line), p.upvotes, &count)) {
    meta.upvotes = count;
    return meta;
  }
  if (auto date = parse_page_date(line)) {
    meta.published = *date;
    return meta;
  }
  std::string rest;
  if (RE2::FullMatch(piece(line), p.authors, &rest)) {
    if (auto date = parse_page_date(rest)) meta.published = *date;
    return meta;
  }
  if (RE2::FullMatch(piece(line), p.submitted, &rest)) {
    meta.submitter = rest;
    meta.submitter_follows = rest.empty();
    return meta;
  }
  if (RE2::FullMatch(piece(line), p.url, &meta.url)) {
    if (auto ref = arxiv_ref_from_url(meta.url)) {
      meta.arxiv_id = std::move(ref->id);
      meta.version = ref->version;
    }
    return meta;
  }
  return std::nullopt;
}

}  // namespace papersieve::detail
