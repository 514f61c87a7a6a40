// BibTeX for reference managers (docs/writers.md): @misc for preprints with the
// arXiv eprint fields, @article when a journal is known. Text is TeX-escaped;
// a title or abstract the input gave as TeX (extra "raw_title"/"raw_abstract")
// is written as the input had it.
#include "papersieve/write.hpp"
#include "write/citation.hpp"
#include "write/paper_view.hpp"

namespace papersieve {
namespace {

std::string tex_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (char c : text) {
    switch (c) {
      case '\\': out += "\\textbackslash{}"; break;
      case '{': out += "\\{"; break;
      case '}': out += "\\}"; break;
      case '&': out += "\\&"; break;
      case '%': out += "\\%"; break;
      case '$': out += "\\$"; break;
      case '#': out += "\\#"; break;
      case '_': out += "\\_"; break;
      case '~': out += "\\textasciitilde{}"; break;
      case '^': out += "\\textasciicircum{}"; break;
      case '\r':
      case '\n':
      case '\t': out += ' '; break;
      default: out.push_back(c);
    }
  }
  return out;
}

// Raw TeX is usable as a field value only when its braces balance.
bool balanced(std::string_view tex) {
  int depth = 0;
  for (std::size_t i = 0; i < tex.size(); ++i) {
    if (tex[i] == '\\') {
      ++i;  // an escaped brace does not count
    } else if (tex[i] == '{') {
      ++depth;
    } else if (tex[i] == '}' && --depth < 0) {
      return false;
    }
  }
  return depth == 0;
}

// Words with a capital past their first letter (BERT, LLaMA, GPT-4) keep their case
// under a bibliography style that lower-cases titles.
std::string protect_capitals(const std::string& escaped) {
  std::string out;
  std::size_t at = 0;
  while (at <= escaped.size()) {
    std::size_t end = escaped.find(' ', at);
    if (end == std::string::npos) end = escaped.size();
    const std::string word = escaped.substr(at, end - at);
    bool inner_capital = false;
    for (std::size_t i = 1; i < word.size(); ++i) inner_capital |= word[i] >= 'A' && word[i] <= 'Z';
    out +=
        inner_capital && word.find_first_of("{}\\") == std::string::npos ? "{" + word + "}" : word;
    if (end == escaped.size()) break;
    out += ' ';
    at = end + 1;
  }
  return out;
}

std::string tex_field(const Paper& paper, const std::string& raw_key, const std::string& text,
                      bool title) {
  const std::string raw = write::extra_value(paper, raw_key);
  if (!raw.empty() && balanced(raw)) return raw;
  return title ? protect_capitals(tex_escape(text)) : tex_escape(text);
}

void field(std::string& out, std::string_view name, const std::string& value) {
  if (!value.empty()) out += "  " + std::string(name) + " = {" + value + "},\n";
}

std::string author_field(const Paper& paper) {
  std::string out;
  for (const auto& author : paper.authors) {
    const auto name = write::split_name(author);
    std::string one =
        tex_escape(name.family) + (name.given.empty() ? "" : ", " + tex_escape(name.given));
    if (one.find(" and ") != std::string::npos) one = "{" + one + "}";
    out += (out.empty() ? "" : " and ") + one;
  }
  return out;
}

void entry(std::string& out, const write::CitationEntry& e) {
  static const char* const kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                        "jul", "aug", "sep", "oct", "nov", "dec"};
  const Paper& p = *e.paper;
  const bool article = write::is_journal_article(p);
  out += std::string(article ? "@article{" : "@misc{") + e.key + ",\n";
  field(out, "title", tex_field(p, "raw_title", p.title, true));
  field(out, "author", author_field(p));
  const auto date = write::date_parts(p.published);
  if (date.year) field(out, "year", std::to_string(date.year));
  if (date.month) out += "  month = " + std::string(kMonths[date.month - 1]) + ",\n";
  if (article) field(out, "journal", tex_escape(write::extra_value(p, "journal")));
  field(out, "doi", tex_escape(write::extra_value(p, "doi")));
  if (!p.arxiv_id.empty()) {
    field(out, "eprint", p.arxiv_id);
    field(out, "archivePrefix", "arXiv");
    if (!p.categories.empty()) field(out, "primaryClass", tex_escape(p.categories.front()));
  }
  const std::string url = write::citation_url(p);
  if (write::safe_url(url)) field(out, "url", tex_escape(url));
  field(out, "abstract", tex_field(p, "raw_abstract", p.abstract, false));
  std::string keywords;
  for (const auto& k : e.keywords) keywords += (keywords.empty() ? "" : ", ") + tex_escape(k);
  field(out, "keywords", keywords);
  if (out.size() >= 2 && out.compare(out.size() - 2, 2, ",\n") == 0) out.erase(out.size() - 2, 1);
  out += "}\n\n";
}

std::string bibtex(const std::vector<write::CitationEntry>& entries) {
  std::string out;
  for (const auto& e : entries) entry(out, e);
  return out;
}

}  // namespace

std::string papers_to_bibtex(const std::vector<Paper>& papers) {
  return bibtex(write::citation_entries(papers));
}

std::string hits_to_bibtex(const Corpus& corpus, const Results& results) {
  return bibtex(write::citation_entries(corpus, results));
}

}  // namespace papersieve
