// RIS for reference managers (docs/writers.md): one record per paper, "TAG  - value"
// lines ending in CRLF, a record closed by "ER  - ". Values are one line each.
#include "papersieve/write.hpp"
#include "write/citation.hpp"
#include "write/paper_view.hpp"

namespace papersieve {
namespace {

void tag(std::string& out, std::string_view name, std::string_view value) {
  if (value.empty()) return;
  out += std::string(name) + "  - ";
  for (char c : value) out.push_back(c == '\r' || c == '\n' ? ' ' : c);
  out += "\r\n";
}

// "07" for 7, "" for 0 (unknown).
std::string two_digits(int n) {
  return n == 0 ? std::string() : (n < 10 ? "0" : "") + std::to_string(n);
}

void record(std::string& out, const write::CitationEntry& e) {
  const Paper& p = *e.paper;
  const bool article = write::is_journal_article(p);
  tag(out, "TY", article ? "JOUR" : "UNPB");
  tag(out, "ID", e.key);
  tag(out, "TI", p.title);
  for (const auto& author : p.authors) {
    const auto name = write::split_name(author);
    tag(out, "AU", name.given.empty() ? name.family : name.family + ", " + name.given);
  }
  const auto date = write::date_parts(p.published);
  if (date.year) {
    tag(out, "PY", std::to_string(date.year));
    tag(out, "DA",
        std::to_string(date.year) + "/" + two_digits(date.month) + "/" + two_digits(date.day) +
            "/");
  }
  if (article) tag(out, "JO", write::extra_value(p, "journal"));
  tag(out, "AB", p.abstract);
  tag(out, "DO", write::extra_value(p, "doi"));
  const std::string url = write::citation_url(p);
  if (write::safe_url(url)) tag(out, "UR", url);
  tag(out, "L1", write::paper_links(p).pdf);
  if (!p.arxiv_id.empty()) tag(out, "AN", "arXiv:" + p.arxiv_id);
  for (const auto& keyword : e.keywords) tag(out, "KW", keyword);
  out += "ER  - \r\n\r\n";
}

std::string ris(const std::vector<write::CitationEntry>& entries) {
  std::string out;
  for (const auto& e : entries) record(out, e);
  return out;
}

}  // namespace

std::string papers_to_ris(const std::vector<Paper>& papers) {
  return ris(write::citation_entries(papers));
}

std::string hits_to_ris(const Corpus& corpus, const Results& results) {
  return ris(write::citation_entries(corpus, results));
}

}  // namespace papersieve
