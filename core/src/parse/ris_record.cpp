#include "parse/ris_record.hpp"

#include <array>

#include "parse/field_lists.hpp"
#include "parse/raw_paper.hpp"
#include "parse/reference_fields.hpp"

namespace papersieve::detail {
namespace {

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

struct Named {
  std::string_view tag;
  std::string_view key;
};

// Tags kept in `extra` under a readable name; any other tag by its own name, lower case.
constexpr std::array<Named, 22> kExtraNames = {{
    {"TY", "entry_type"},
    {"VL", "volume"},
    {"IS", "issue"},
    {"SP", "start_page"},
    {"EP", "end_page"},
    {"PB", "publisher"},
    {"CY", "place"},
    {"SN", "issn"},
    {"N1", "note"},
    {"LA", "language"},
    {"ST", "short_title"},
    {"ET", "edition"},
    {"Y2", "accessed"},
    {"DP", "database_provider"},
    {"DB", "database"},
    {"CN", "call_number"},
    {"AN", "accession_number"},
    {"ID", "reference_id"},
    {"JA", "journal_abbreviation"},
    {"J2", "journal_abbreviation"},
    {"A2", "secondary_authors"},
    {"ED", "editors"},
}};

std::string extra_name(std::string_view tag) {
  for (const auto& named : kExtraNames)
    if (named.tag == tag) return std::string(named.key);
  std::string key(tag);
  for (char& c : key)
    if (is_upper(c)) c = static_cast<char>(c - 'A' + 'a');
  return key;
}

bool is_one_of(std::string_view tag, std::initializer_list<std::string_view> tags) {
  for (auto t : tags)
    if (t == tag) return true;
  return false;
}

// The first value of the first tag in `order` that the record has; nullptr if none.
const RisField* first_of(const std::vector<RisField>& fields,
                         std::initializer_list<std::string_view> order) {
  for (auto tag : order)
    for (const auto& f : fields)
      if (f.tag == tag && !trim_ascii(f.value).empty()) return &f;
  return nullptr;
}

// DA (the date), PY (the year), Y1 (either): the most precise one that reads.
void map_date(const std::vector<RisField>& fields, Paper& paper, RecordReport& report) {
  std::string_view unread;
  for (auto tag : {"DA", "PY", "Y1"}) {
    for (const auto& f : fields) {
      if (f.tag != tag) continue;
      std::string date = reference_date(f.value);
      if (date.empty()) unread = f.value;
      if (date.size() > paper.published.size()) paper.published = std::move(date);
    }
  }
  if (paper.published.empty() && !unread.empty())
    report.note("date \"" + std::string(trim_ascii(unread)) + "\" is not a date");
}

void map_links(std::string_view tag, std::string_view value, Paper& paper) {
  while (!value.empty()) {
    const std::size_t start = value.find_first_not_of(" \t\r\n;");
    if (start == std::string_view::npos) return;
    value.remove_prefix(start);
    std::string_view url = value.substr(0, value.find_first_of(" \t\r\n"));
    value.remove_prefix(url.size());
    while (!url.empty() && url.back() == ';') url.remove_suffix(1);
    if (!add_web_link(paper, url)) append_extra(paper, extra_name(tag), url);
  }
}

void map_keywords(std::string_view value, Paper& paper) {
  while (!value.empty()) {  // one per KW line, or several split by ';' or lines
    const std::size_t end = value.find_first_of(";\n");
    add_keyword(paper, trim_ascii(value.substr(0, end)));
    value.remove_prefix(end == std::string_view::npos ? value.size() : end + 1);
  }
}

// AU/A1 in input order; a record without them takes its A2/ED (editors) instead.
// True when it did.
bool map_authors(const std::vector<RisField>& fields, Paper& paper) {
  for (const auto& f : fields)
    if (f.tag == "AU" || f.tag == "A1")
      paper.authors.push_back(display_name(f.value, NameOrder::ris));
  if (!paper.authors.empty()) return false;
  for (const auto& f : fields)
    if (f.tag == "A2" || f.tag == "ED")
      paper.authors.push_back(display_name(f.value, NameOrder::ris));
  return true;
}

}  // namespace

std::optional<RisTag> split_ris_tag(std::string_view line) {
  if (line.size() < 4 || !is_upper(line[0]) || !(is_upper(line[1]) || is_digit(line[1])))
    return std::nullopt;
  std::size_t at = 2;
  while (at < line.size() && at < 4 && line[at] == ' ') ++at;
  if (at == 2 || at >= line.size() || line[at] != '-') return std::nullopt;
  ++at;
  if (at < line.size() && line[at] != ' ') return std::nullopt;
  return RisTag{line.substr(0, 2), trim_ascii(line.substr(at))};
}

Paper paper_from_ris(const std::vector<RisField>& fields, RecordReport& report) {
  Paper paper;
  const RisField* title = first_of(fields, {"TI", "T1", "CT", "BT"});
  const RisField* abstract = first_of(fields, {"AB", "N2"});
  const RisField* venue = first_of(fields, {"JF", "JO", "T2", "JA", "J2", "BT"});
  if (venue == title) venue = first_of(fields, {"JF", "JO", "T2", "JA", "J2"});
  if (title != nullptr) paper.title = std::string(trim_ascii(title->value));
  if (abstract != nullptr) paper.abstract = std::string(trim_ascii(abstract->value));
  if (venue != nullptr) append_extra(paper, "journal", venue->value);
  const bool editors_are_authors = map_authors(fields, paper);
  map_date(fields, paper, report);
  for (const auto& f : fields) {
    const std::string_view tag = f.tag, value = trim_ascii(f.value);
    if (&f == title || &f == abstract || &f == venue || value.empty()) continue;
    if (is_one_of(tag, {"TI", "T1", "CT"})) {
      report.note(std::string(tag) + " repeated; the first title kept");
    } else if (is_one_of(tag, {"AU", "A1", "DA", "PY", "Y1"}) ||
               (editors_are_authors && (tag == "A2" || tag == "ED"))) {
      // mapped above
    } else if (tag == "DO") {
      add_doi(paper, value);
      take_arxiv_id(paper, value);  // 10.48550/arXiv.ID
    } else if (is_one_of(tag, {"UR", "L1", "L2", "L3", "L4", "LK"})) {
      map_links(tag, value, paper);
    } else if (tag == "KW") {
      map_keywords(value, paper);
    } else {
      if (is_one_of(tag, {"AN", "N1", "M1", "M3"})) take_arxiv_id(paper, value);
      const bool name = is_one_of(tag, {"A2", "A3", "A4", "ED"});
      append_extra(paper, extra_name(tag), name ? display_name(value, NameOrder::ris) : value);
    }
  }
  if (paper.title.empty()) report.reject("record without a title (TI or T1)");
  return paper;
}

}  // namespace papersieve::detail
