#include "normalize/identifiers.hpp"

#include <array>

#include "normalize/ascii.hpp"

namespace papersieve::detail {
namespace {

bool blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view trim(std::string_view text) {
  while (!text.empty() && blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && blank(text.back())) text.remove_suffix(1);
  return text;
}

}  // namespace

std::string normalize_doi(std::string_view text) {
  static constexpr std::array<std::string_view, 6> kPrefixes = {
      "https://doi.org/",   "http://doi.org/", "https://dx.doi.org/",
      "http://dx.doi.org/", "doi.org/",        "doi:"};
  text = trim(text);
  if (text.substr(0, 3) != "10.") {  // a bare DOI, the usual form, has no prefix to drop
    for (auto prefix : kPrefixes) {
      if (starts_with_nocase(text, prefix)) {
        text = trim(text.substr(prefix.size()));
        break;
      }
    }
  }
  std::size_t end = 0;  // several DOIs: the first
  while (end < text.size() && !blank(text[end])) ++end;
  text = text.substr(0, end);
  if (text.size() < 4 || text.substr(0, 3) != "10.") return {};
  std::string doi(text);
  for (char& c : doi) c = ascii_lower(c);
  return doi;
}

std::string normalize_pmid(std::string_view text) {
  text = trim(text);
  while (!text.empty() && text.back() == '/') text.remove_suffix(1);
  const std::size_t last = text.find_last_not_of("0123456789");
  const std::string_view digits = last == std::string_view::npos ? text : text.substr(last + 1);
  const std::size_t nonzero = digits.find_first_not_of('0');
  if (nonzero == std::string_view::npos) return {};
  return std::string(digits.substr(nonzero));
}

std::string_view arxiv_id_in_doi(std::string_view normalized_doi) {
  constexpr std::string_view kArxivPrefix = "10.48550/arxiv.";
  if (normalized_doi.substr(0, kArxivPrefix.size()) != kArxivPrefix) return {};
  return normalized_doi.substr(kArxivPrefix.size());
}

}  // namespace papersieve::detail
