// CSL-JSON (the citation-style-language input format) for reference managers
// and pandoc (docs/writers.md): an array of items, "article" for preprints,
// "article-journal" when a journal is known.
#include "papersieve/write.hpp"
#include "write/citation.hpp"
#include "write/json_paper.hpp"
#include "write/paper_view.hpp"

namespace papersieve {
namespace {

using write::put;

void string_member(write::JsonWriter& w, const char* key, const std::string& value) {
  if (value.empty()) return;
  w.Key(key);
  put(w, value);
}

void item(write::JsonWriter& w, const write::CitationEntry& e) {
  const Paper& p = *e.paper;
  const bool article = write::is_journal_article(p);
  w.StartObject();
  string_member(w, "id", e.key);
  string_member(w, "citation-key", e.key);
  string_member(w, "type", article ? "article-journal" : "article");
  string_member(w, "title", p.title);
  if (!p.authors.empty()) {
    w.Key("author");
    w.StartArray();
    for (const auto& author : p.authors) {
      const auto name = write::split_name(author);
      w.StartObject();
      string_member(w, "family", name.family);
      string_member(w, "given", name.given);
      w.EndObject();
    }
    w.EndArray();
  }
  const auto date = write::date_parts(p.published);
  if (date.year) {
    w.Key("issued");
    w.StartObject();
    w.Key("date-parts");
    w.StartArray();
    w.StartArray();
    w.Int(date.year);
    if (date.month) w.Int(date.month);
    if (date.month && date.day) w.Int(date.day);
    w.EndArray();
    w.EndArray();
    w.EndObject();
  }
  if (article) string_member(w, "container-title", write::extra_value(p, "journal"));
  string_member(w, "abstract", p.abstract);
  string_member(w, "DOI", write::extra_value(p, "doi"));
  const std::string url = write::citation_url(p);
  if (write::safe_url(url)) string_member(w, "URL", url);
  if (!p.arxiv_id.empty()) {
    string_member(w, "number", "arXiv:" + p.arxiv_id);
    string_member(w, "publisher", "arXiv");
  }
  std::string keywords;
  for (const auto& k : e.keywords) keywords += (keywords.empty() ? "" : ", ") + k;
  string_member(w, "keyword", keywords);
  w.EndObject();
}

std::string csl_json(const std::vector<write::CitationEntry>& entries) {
  rapidjson::StringBuffer buffer;
  write::JsonWriter w(buffer);
  w.StartArray();
  for (const auto& e : entries) item(w, e);
  w.EndArray();
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

}  // namespace

std::string papers_to_csl_json(const std::vector<Paper>& papers) {
  return csl_json(write::citation_entries(papers));
}

std::string hits_to_csl_json(const Corpus& corpus, const Results& results) {
  return csl_json(write::citation_entries(corpus, results));
}

}  // namespace papersieve
