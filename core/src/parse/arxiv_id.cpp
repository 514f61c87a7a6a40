#include "parse/arxiv_id.hpp"

namespace papersieve::detail {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }

std::size_t count_digits(std::string_view s, std::size_t from) {
  std::size_t n = from;
  while (n < s.size() && is_digit(s[n])) ++n;
  return n - from;
}

// "2406.01234": YYMM '.' then 4 (until 2014) or 5 digits; its length, or 0.
std::size_t new_style_length(std::string_view s) {
  if (count_digits(s, 0) != 4 || s.size() < 5 || s[4] != '.') return 0;
  const std::size_t number = count_digits(s, 5);
  return number == 4 || number == 5 ? 5 + number : 0;
}

// "hep-th/9901001", "math.AG/0601001": archive, optional subject class, '/',
// 7 digits; its length, or 0.
std::size_t old_style_length(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && (is_lower(s[i]) || (i > 0 && s[i] == '-'))) ++i;
  if (i == 0 || s[i - 1] == '-') return 0;
  if (i + 2 < s.size() && s[i] == '.' && is_upper(s[i + 1]) && is_upper(s[i + 2])) i += 3;
  if (i >= s.size() || s[i] != '/' || count_digits(s, i + 1) != 7) return 0;
  return i + 8;
}

}  // namespace

std::optional<ArxivRef> parse_arxiv_id(std::string_view text) {
  if (text.substr(0, 6) == "arXiv:" || text.substr(0, 6) == "arxiv:") text.remove_prefix(6);
  std::size_t length = new_style_length(text);
  if (length == 0) length = old_style_length(text);
  if (length == 0) return std::nullopt;
  ArxivRef ref{std::string(text.substr(0, length)), 0};
  const std::string_view suffix = text.substr(length);
  if (suffix.empty()) return ref;
  const std::size_t digits = count_digits(suffix, 1);
  if (suffix[0] != 'v' || digits == 0 || digits > 9 || digits + 1 != suffix.size())
    return std::nullopt;
  for (char c : suffix.substr(1)) ref.version = ref.version * 10 + (c - '0');
  return ref;
}

}  // namespace papersieve::detail
