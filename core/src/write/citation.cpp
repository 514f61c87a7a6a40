#include "write/citation.hpp"

#include <utf8proc.h>

#include <cstdlib>
#include <map>

#include "write/paper_view.hpp"

namespace papersieve::write {
namespace {

// Lower-case ASCII letters and digits of the text, accents stripped ("Müller" -> "muller").
std::string ascii_fold(std::string_view text) {
  utf8proc_uint8_t* mapped = nullptr;
  const auto size =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                   static_cast<utf8proc_ssize_t>(text.size()), &mapped,
                   static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT |
                                                  UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD));
  std::string folded =
      size >= 0 ? std::string(reinterpret_cast<char*>(mapped), static_cast<std::size_t>(size))
                : std::string(text);
  std::free(mapped);
  std::string out;
  for (char c : folded)
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
      out.push_back(c);
    else if (c >= 'A' && c <= 'Z')
      out.push_back(static_cast<char>(c - 'A' + 'a'));
  return out;
}

bool is_stop_word(const std::string& word) {
  static const char* const kStop[] = {"a",      "an",   "the", "on",   "of",  "in",
                                      "for",    "to",   "and", "with", "via", "towards",
                                      "toward", "from", "by",  "is",   "at"};
  for (const char* stop : kStop)
    if (word == stop) return true;
  return false;
}

std::string first_title_word(std::string_view title) {
  std::size_t at = 0;
  while (at < title.size()) {
    const std::size_t end = title.find_first_of(" -:/", at);
    const std::string word = ascii_fold(
        title.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at));
    if (!word.empty() && !is_stop_word(word)) return word;
    if (end == std::string_view::npos) break;
    at = end + 1;
  }
  return {};
}

std::string base_key(const Paper& paper) {
  std::string key =
      paper.authors.empty() ? "" : ascii_fold(split_name(paper.authors.front()).family);
  if (key.empty()) key = "anon";
  const DateParts date = date_parts(paper.published);
  if (date.year != 0) key += std::to_string(date.year);
  key += first_title_word(paper.title);
  return key;
}

// Suffixes repeated keys: the second "smith2024deep" becomes "smith2024deepa", then "b", ...
void make_unique(std::vector<CitationEntry>& entries) {
  std::map<std::string, int> seen;
  for (auto& entry : entries) {
    int& count = seen[entry.key];
    if (count++ == 0) continue;
    std::string suffix;
    for (int n = count - 2; n >= 0; n = n / 26 - 1)
      suffix.insert(suffix.begin(), static_cast<char>('a' + n % 26));
    entry.key += suffix;
  }
}

}  // namespace

std::vector<CitationEntry> citation_entries(const std::vector<Paper>& papers) {
  std::vector<CitationEntry> out;
  for (const auto& paper : papers) out.push_back({&paper, base_key(paper), {}});
  make_unique(out);
  return out;
}

std::vector<CitationEntry> citation_entries(const Corpus& corpus, const Results& results) {
  std::vector<CitationEntry> out;
  for (const auto& hit : results.hits) {
    const Paper& paper = corpus.papers[hit.index];
    out.push_back({&paper, base_key(paper), hit.tags});
  }
  make_unique(out);
  return out;
}

PersonName split_name(std::string_view name) {
  auto trim = [](std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return std::string(s);
  };
  if (const std::size_t comma = name.find(','); comma != std::string_view::npos)
    return {trim(name.substr(0, comma)), trim(name.substr(comma + 1))};
  const std::string whole = trim(name);
  const std::size_t space = whole.rfind(' ');
  if (space == std::string::npos) return {whole, {}};
  return {whole.substr(space + 1), trim(std::string_view(whole).substr(0, space))};
}

std::string extra_value(const Paper& paper, const std::string& key) {
  const auto it = paper.extra.find(key);
  return it == paper.extra.end() ? std::string() : it->second;
}

std::string citation_url(const Paper& paper) {
  const auto links = paper_links(paper);
  return !links.abs.empty() ? links.abs : links.page;
}

bool is_journal_article(const Paper& paper) { return !extra_value(paper, "journal").empty(); }

}  // namespace papersieve::write
