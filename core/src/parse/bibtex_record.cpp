#include "parse/bibtex_record.hpp"

#include <array>

#include "parse/field_lists.hpp"
#include "parse/raw_paper.hpp"
#include "parse/reference_fields.hpp"

namespace papersieve::detail {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

bool equals_nocase(std::string_view a, std::string_view lower) {
  if (a.size() != lower.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const char c = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] - 'A' + 'a') : a[i];
    if (c != lower[i]) return false;
  }
  return true;
}

// A value meant verbatim (DOI, URL, eprint): braces dropped, \_ \% \& \# \$ \~ unescaped,
// a \url{...} wrapper removed.
std::string verbatim(std::string_view value) {
  value = trim_ascii(value);
  if (value.substr(0, 5) == "\\url{") value.remove_prefix(4);
  std::string out;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    if (c == '{' || c == '}') continue;
    if (c == '\\' && i + 1 < value.size() &&
        std::string_view("_%&#$~").find(value[i + 1]) != std::string_view::npos)
      continue;
    out.push_back(c);
  }
  return std::string(trim_ascii(out));
}

// Fields the mapping below reads; every other one goes to `extra` by its name.
constexpr std::array<std::string_view, 17> kMapped = {
    "title",       "author",  "abstract", "year",          "month",       "date",
    "doi",         "url",     "eprint",   "archiveprefix", "eprinttype",  "primaryclass",
    "eprintclass", "arxivid", "keywords", "journal",       "journaltitle"};

bool is_mapped(std::string_view name) {
  for (auto mapped : kMapped)
    if (mapped == name) return true;
  return false;
}

std::string_view field(const BibEntry& entry, std::string_view name) {
  const BibField* f = entry.find(name);
  return f == nullptr ? std::string_view() : trim_ascii(f->value);
}

void map_dates(const BibEntry& entry, Paper& paper, RecordReport& report) {
  if (auto date = field(entry, "date"); !date.empty()) paper.published = reference_date(date);
  if (!paper.published.empty()) return;
  const std::string_view year = field(entry, "year");
  if (year.empty()) return;
  const std::string_view month = field(entry, "month");
  const int m = month_number(month);
  paper.published = iso_year_month(verbatim(year), m);
  if (paper.published.empty()) report.note("year \"" + std::string(year) + "\" is not a year");
  if (!month.empty() && m == 0) report.note("month \"" + std::string(month) + "\" is not a month");
}

// eprint + archiveprefix (BibTeX) or eprinttype (BibLaTeX); an eprint of another
// archive is no arXiv id. arxivid (Mendeley), then ids written in journal, note,
// howpublished ("arXiv preprint arXiv:1706.03762"), the DOI or the URL.
void map_arxiv(const BibEntry& entry, Paper& paper) {
  std::string_view archive = field(entry, "archiveprefix");
  if (archive.empty()) archive = field(entry, "eprinttype");
  const std::string eprint = verbatim(field(entry, "eprint"));
  if (!eprint.empty() && (archive.empty() || equals_nocase(verbatim(archive), "arxiv")))
    take_arxiv_id(paper, eprint);
  else if (!eprint.empty())
    add_extra(paper, "eprint", verbatim(archive) + ":" + eprint);
  take_arxiv_id(paper, verbatim(field(entry, "arxivid")));
  for (const char* name : {"journal", "journaltitle", "note", "howpublished"}) {
    const std::string_view text = field(entry, name);
    if (text.find("arXiv") != std::string_view::npos ||
        text.find("arxiv") != std::string_view::npos)
      take_arxiv_id(paper, verbatim(text));
  }
}

void map_categories(const BibEntry& entry, Paper& paper) {
  std::string_view primary = field(entry, "primaryclass");
  if (primary.empty()) primary = field(entry, "eprintclass");
  if (!primary.empty()) add_category(paper, verbatim(primary));
  std::string_view keywords = field(entry, "keywords");
  while (!keywords.empty()) {  // "a, b; c"
    const std::size_t end = keywords.find_first_of(",;");
    add_keyword(paper, trim_ascii(keywords.substr(0, end)));
    keywords.remove_prefix(end == std::string_view::npos ? keywords.size() : end + 1);
  }
}

void map_links(const BibEntry& entry, Paper& paper) {
  const std::string doi = verbatim(field(entry, "doi"));
  if (!doi.empty()) {
    add_doi(paper, doi);
    take_arxiv_id(paper, doi);  // 10.48550/arXiv.ID
  }
  std::string_view urls = field(entry, "url");
  const std::string all = verbatim(urls);
  for (std::string_view rest = all; !rest.empty();) {  // several URLs, blank separated
    const std::size_t start = rest.find_first_not_of(" \t\r\n");
    if (start == std::string_view::npos) break;
    rest.remove_prefix(start);
    const std::string_view url = rest.substr(0, rest.find_first_of(" \t\r\n"));
    if (!add_web_link(paper, url)) add_extra(paper, "url", url);
    rest.remove_prefix(url.size());
  }
}

// journal (BibTeX), journaltitle (BibLaTeX), else booktitle: the venue. The name of
// the field used, or "".
std::string_view map_journal(const BibEntry& entry, Paper& paper) {
  for (std::string_view name : {"journal", "journaltitle", "booktitle"}) {
    const std::string_view venue = field(entry, name);
    if (venue.empty()) continue;
    append_extra(paper, "journal", venue);
    return name;
  }
  return {};
}

}  // namespace

void split_bibtex_names(std::string_view text, std::vector<std::string>& names) {
  int depth = 0;
  std::size_t start = 0;
  const auto add = [&](std::size_t end) {
    const std::string_view name = trim_ascii(text.substr(start, end - start));
    if (!name.empty() && !equals_nocase(name, "others"))
      names.push_back(display_name(name, NameOrder::bibtex));
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{') ++depth;
    if (text[i] == '}' && depth > 0) --depth;
    if (depth == 0 && i > 0 && is_space(text[i - 1]) && i + 3 < text.size() &&
        equals_nocase(text.substr(i, 3), "and") && is_space(text[i + 3])) {
      add(i);
      start = i + 3;
      i += 2;
    }
  }
  add(text.size());
}

Paper paper_from_bib_entry(const BibEntry& entry, RecordReport& report) {
  Paper paper;
  paper.title = std::string(field(entry, "title"));
  paper.abstract = std::string(field(entry, "abstract"));
  split_bibtex_names(field(entry, "author"), paper.authors);
  map_dates(entry, paper, report);
  map_arxiv(entry, paper);
  map_categories(entry, paper);
  map_links(entry, paper);
  const std::string_view venue = map_journal(entry, paper);
  add_extra(paper, "citation_key", entry.key);
  add_extra(paper, "entry_type", entry.type);
  for (const auto& f : entry.fields)
    if (!is_mapped(f.name) && f.name != venue && paper.extra.count(f.name) == 0)
      append_extra(paper, f.name, f.value);
  for (const auto& note : entry.notes) report.note(note);
  if (paper.title.empty())
    report.reject("entry @" + entry.type + "{" + entry.key + "} has no title");
  return paper;
}

}  // namespace papersieve::detail
