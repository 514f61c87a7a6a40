// Normalization of a whole record: clean text fields, links, derived id and short name.
#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <map>
#include <utility>

#include "normalize/ascii.hpp"
#include "normalize/collapse.hpp"
#include "normalize/hash.hpp"
#include "normalize/identifiers.hpp"
#include "normalize/latex.hpp"
#include "normalize/paper_identity.hpp"
#include "papersieve/normalize.hpp"

namespace papersieve {
namespace {

void clean_field(std::string& field, const char* name, const Paper& paper,
                 std::vector<Diagnostic>& notes) {
  std::size_t replaced = 0;
  if (!clean_text_in_place(field, &replaced) || replaced == 0) return;
  notes.push_back(Diagnostic{Severity::warning, paper.source.format, paper.source.name,
                             paper.source.line, paper.source.byte_offset,
                             std::string("invalid UTF-8 in ") + name + ": " +
                                 std::to_string(replaced) + " byte(s) replaced with U+FFFD"});
}

// Fields kept as the reader wrote them (ids, dates, categories, URLs, `extra`) are only
// made valid UTF-8, so that every string of a Paper is (the Python layer, the writers
// and the C ABI rely on it; found by fuzz/python/fuzz_python_api.py).
void repair_field(std::string& field, const char* name, const Paper& paper,
                  std::vector<Diagnostic>& notes) {
  if (is_ascii(field)) return;
  std::size_t replaced = 0;
  std::string repaired = repair_utf8(field, &replaced);
  if (replaced == 0) return;
  field = std::move(repaired);
  notes.push_back(Diagnostic{Severity::warning, paper.source.format, paper.source.name,
                             paper.source.line, paper.source.byte_offset,
                             std::string("invalid UTF-8 in ") + name + ": " +
                                 std::to_string(replaced) + " byte(s) replaced with U+FFFD"});
}

void repair_verbatim_fields(Paper& paper, std::vector<Diagnostic>& notes) {
  repair_field(paper.arxiv_id, "arxiv_id", paper, notes);
  repair_field(paper.published, "published", paper, notes);
  repair_field(paper.short_name, "short_name", paper, notes);
  for (auto& category : paper.categories) repair_field(category, "categories", paper, notes);
  for (auto& link : paper.links) repair_field(link.url, "links", paper, notes);
  bool bad_key = false;
  for (auto& [key, value] : paper.extra) {
    std::string k = key;
    repair_field(k, "extra key", paper, notes);
    bad_key = bad_key || k != key;
    repair_field(value, "extra", paper, notes);
  }
  if (!bad_key) return;
  std::map<std::string, std::string> extra;  // keys are const in place
  for (auto& [key, value] : paper.extra) extra.emplace(repair_utf8(key), std::move(value));
  paper.extra = std::move(extra);
}

// TeX first: accents it composes and ties it turns into spaces are then normalized (NFC,
// whitespace) by clean_field like the rest of the text.
void clean_prose_field(std::string& field, const char* name, const Paper& paper,
                       std::vector<Diagnostic>& notes, MacroCounts* unknown_macros) {
  if (has_latex_markup(field)) field = render_latex_markup(field, unknown_macros);
  clean_field(field, name, paper, notes);
}

// Title and abstract keep their TeX source in extra["raw_title"] / extra["raw_abstract"] when
// rendering changed them (docs/formats.md), so that plain text is not stored twice; writers
// that want TeX (BibTeX) use it. A value the reader set is kept.
void clean_tex_field(std::string& field, const char* name, const char* raw_key, Paper& paper,
                     std::vector<Diagnostic>& notes, MacroCounts* unknown_macros) {
  if (!has_latex_markup(field)) return clean_field(field, name, paper, notes);
  const bool ascii = is_ascii(field);
  std::string raw = render_latex_markup(field, unknown_macros);
  if (raw == field) return clean_field(field, name, paper, notes);
  std::swap(field, raw);
  if (ascii) {  // TeX written in ASCII renders to valid NFC text (tex_math.hpp): only spaces
    detail::collapse_whitespace_in_place(field);
  } else {
    clean_field(field, name, paper, notes);
  }
  paper.extra.emplace(raw_key, std::move(raw));  // as the input had it
}

// URLs of the title and abstract join the links the reader set, which come first
// and win a tie. The arXiv id stays the reader's: abstracts cite other papers.
void add_text_links(Paper& paper) {
  for (const std::string* text : {&paper.title, &paper.abstract}) {
    for (auto& link : extract_links(*text)) {
      const bool known = std::any_of(paper.links.begin(), paper.links.end(),
                                     [&](const Link& have) { return have.url == link.url; });
      if (!known) paper.links.push_back(std::move(link));
    }
  }
}

// Readers set extra["doi"] through add_doi, normalized; a DOI or PMID set
// some other way is normalized here, so identity never depends on spelling.
void normalize_identifiers(Paper& paper) {
  for (const auto& [key, normalize] :
       {std::pair{"doi", &detail::normalize_doi}, std::pair{"pmid", &detail::normalize_pmid}}) {
    const auto it = paper.extra.find(key);
    if (it == paper.extra.end()) continue;
    std::string value = normalize(it->second);
    if (value.empty()) {
      paper.extra.erase(it);
    } else {
      it->second = std::move(value);
    }
  }
}

// Every field normalize_paper cleans or repairs, but the title, is ASCII: cleaning it would
// note nothing (only invalid UTF-8 is noted).
bool ascii_but_title(const Paper& paper) {
  const auto all_ascii = [](const auto& strings) {
    return std::all_of(strings.begin(), strings.end(),
                       [](const std::string& s) { return is_ascii(s); });
  };
  if (!is_ascii(paper.abstract) || !is_ascii(paper.submitter) || !is_ascii(paper.arxiv_id) ||
      !is_ascii(paper.published) || !is_ascii(paper.short_name) || !all_ascii(paper.authors) ||
      !all_ascii(paper.categories))
    return false;
  for (const Link& link : paper.links)
    if (!is_ascii(link.url)) return false;
  for (const auto& [key, value] : paper.extra)
    if (!is_ascii(key) || !is_ascii(value)) return false;
  return true;
}

}  // namespace

std::string paper_id(const Paper& paper) {
  if (!paper.arxiv_id.empty()) return paper.arxiv_id;
  if (const auto doi = paper.extra.find("doi"); doi != paper.extra.end())
    return "doi:" + doi->second;
  if (const auto pmid = paper.extra.find("pmid"); pmid != paper.extra.end())
    return "pmid:" + pmid->second;
  return title_hash_id(paper.title);
}

std::string title_hash_id(std::string_view clean_title) {
  const std::uint64_t hash = fold_title_hash(clean_title);
  char buffer[24];
  std::snprintf(buffer, sizeof buffer, "psv-%016" PRIx64, hash);
  return buffer;
}

std::string short_name_of(std::string_view clean_title) {
  constexpr std::size_t kMaxShortName = 40;
  const auto colon = clean_title.find(": ");
  if (colon == std::string_view::npos || colon == 0 || colon > kMaxShortName) return {};
  const std::string_view name = clean_title.substr(0, colon);
  if (name.find(' ') != std::string_view::npos) return {};
  return std::string(name);
}

void normalize_paper(Paper& paper, std::vector<Diagnostic>& notes, MacroCounts* unknown_macros) {
  clean_tex_field(paper.title, "title", "raw_title", paper, notes, unknown_macros);
  clean_tex_field(paper.abstract, "abstract", "raw_abstract", paper, notes, unknown_macros);
  clean_field(paper.submitter, "submitter", paper, notes);  // a user name, not TeX
  repair_verbatim_fields(paper, notes);
  for (auto& author : paper.authors)
    clean_prose_field(author, "authors", paper, notes, unknown_macros);
  add_text_links(paper);
  normalize_identifiers(paper);
  paper.id = paper_id(paper);
  if (paper.short_name.empty()) paper.short_name = short_name_of(paper.title);
}

namespace detail {

void normalize_identity(Paper& paper, std::vector<Diagnostic>& notes) {
  if (!ascii_but_title(paper)) return normalize_paper(paper, notes, nullptr);
  clean_tex_field(paper.title, "title", "raw_title", paper, notes, nullptr);
  normalize_identifiers(paper);
  paper.id = paper_id(paper);
}

}  // namespace detail
}  // namespace papersieve
