#define BOOST_TEST_MODULE digest_writers
#include <rapidjson/document.h>

#include <boost/test/unit_test.hpp>

#include "papersieve/rules.hpp"
#include "papersieve/write.hpp"
#include "test_support.hpp"
#include "write/paper_view.hpp"

using namespace papersieve;

namespace {

Paper paper(std::string id, std::string title, std::string abstract,
            std::vector<std::string> authors, std::string published) {
  Paper p;
  p.id = id;
  p.arxiv_id = id;
  p.title = std::move(title);
  p.abstract = std::move(abstract);
  p.authors = std::move(authors);
  p.categories = {"cs.CV", "cs.LG"};
  p.published = std::move(published);
  p.source.format = "arxiv-jsonl";
  return p;
}

Corpus corpus() {
  Corpus c;
  c.papers.push_back(paper("2401.00001", "Diffusion for 50% & $x_1$ <b>", "We study diffusion.",
                           {"Ada Lovelace", "Grace Hopper"}, "2024-01-05"));
  c.papers.back().extra["doi"] = "10.1000/xyz";
  c.papers.back().links.push_back({"https://github.com/a/b", LinkKind::code});
  c.papers.push_back(paper("2401.00002", "Prompt Tuning with BERT",
                           "Prompt tuning, then diffusion.", {"Müller, Jörg"}, "2024-01"));
  c.papers.back().upvotes = 42;
  c.papers.back().source.format = "hf-json";
  std::string long_abstract;
  for (int i = 0; i < 60; ++i) long_abstract += "Filler words here. ";
  long_abstract += "Finally diffusion appears near the end. And more text follows after it.";
  for (int i = 0; i < 20; ++i) long_abstract += " Trailing words.";
  c.papers.push_back(
      paper("2401.00003", "Diffusion Again", long_abstract, {"Ada Lovelace"}, "2024-01-05"));
  c.papers.back().extra["raw_title"] = "Diffusion {Again} in $\\mathbb{R}^n$";
  c.papers.back().extra["journal"] = "Journal of Tests";
  c.stats.records = c.stats.papers = c.papers.size();
  return c;
}

const Corpus kCorpus = corpus();

// Rule "vision" (weight 1, tag vision) and "prompts" (weight 3, tag prompts): paper 2
// ranks first, in the group that comes first; papers 1 and 3 after it.
Results filtered() {
  return RuleSet::from_json(R"j({"rules": [
      {"name": "prompts", "query": "\"prompt tuning\"", "weight": 3, "tags": ["prompts"]},
      {"name": "vision", "query": "diffusion", "tags": ["vision"]}]})j")
      .filter(kCorpus);
}

DigestInfo info() {
  DigestInfo i;
  i.title = "Morning <digest>";
  i.inputs = {"a.jsonl", "b.txt"};
  i.rules = "rules.json";
  i.generated = "2026-01-02T03:04:05Z";
  return i;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

BOOST_AUTO_TEST_CASE(html_digest_has_overview_ranks_links_snippets_and_footer) {
  const Results results = filtered();
  BOOST_REQUIRE_EQUAL(results.hits.size(), 3u);
  const std::string html = hits_to_html(kCorpus, results, info());
  BOOST_TEST(html.find("<title>Morning &lt;digest&gt;</title>") != std::string::npos);
  BOOST_TEST(html.find("<script") == std::string::npos);
  BOOST_TEST(html.find("&lt;b&gt;") != std::string::npos, "paper text escaped");
  for (const char* anchor : {"href=\"#paper-1\"", "id=\"paper-1\"", "id=\"paper-3\""})
    BOOST_TEST(html.find(anchor) != std::string::npos, anchor);
  // Two groups, the ranks as the results have them: 1 (prompts), then 2 and 3 (vision).
  BOOST_TEST(count(html, "<h2") == 2u);
  BOOST_TEST(html.find(">prompts</h2>") < html.find("id=\"paper-1\""));
  BOOST_TEST(html.find("id=\"paper-1\"") < html.find(">vision</h2>"));
  BOOST_TEST(html.find(">vision</h2>") < html.find("id=\"paper-2\""));
  // Links: the Hugging Face page for a paper read from HF, arXiv otherwise; PDF, code.
  BOOST_TEST(html.find("href=\"https://huggingface.co/papers/2401.00002\"") != std::string::npos);
  BOOST_TEST(html.find("href=\"https://arxiv.org/pdf/2401.00001\"") != std::string::npos);
  BOOST_TEST(html.find("href=\"https://github.com/a/b\"") != std::string::npos);
  BOOST_TEST(html.find("▲ 42") != std::string::npos);
  // The long abstract is cut around its match, the whole one behind <details>.
  BOOST_TEST(count(html, "<details") == 1u);
  BOOST_TEST(html.find("\">… ") != std::string::npos, "the snippet starts cut");
  BOOST_TEST(html.find("Finally <mark") != std::string::npos);
  BOOST_TEST(html.find("Inputs: a.jsonl, b.txt") != std::string::npos);
  BOOST_TEST(html.find("Rules: rules.json") != std::string::npos);
  BOOST_TEST(html.find("Made 2026-01-02 03:04 UTC") != std::string::npos);
  DigestInfo full = info();
  full.full_abstracts = true;
  BOOST_TEST(count(hits_to_html(kCorpus, results, full), "<details") == 0u);
}

BOOST_AUTO_TEST_CASE(one_group_gets_no_heading) {
  const auto results = RuleSet::from_query("diffusion").filter(kCorpus);
  BOOST_TEST(count(hits_to_html(kCorpus, results, info()), "<h2") == 0u);
  const std::string md = hits_to_markdown(kCorpus, results, info());
  BOOST_TEST(md.find("\n## ") == std::string::npos, md);
  BOOST_TEST(md.find("Rules: rules.json") != std::string::npos, md);
  const std::string text = hits_to_text(kCorpus, results, info());
  BOOST_TEST(text.find("1. Diffusion for 50% & $x_1$ <b>") != std::string::npos, text);
  BOOST_TEST(text.find("https://arxiv.org/abs/2401.00001") != std::string::npos, text);
}

BOOST_AUTO_TEST_CASE(atom_and_rss_feeds) {
  const Results results = filtered();
  const std::string atom = hits_to_atom(kCorpus, results, info());
  BOOST_TEST(atom.find("<feed xmlns=\"http://www.w3.org/2005/Atom\">") != std::string::npos);
  BOOST_TEST(atom.find("<id>tag:papersieve,2024:paper/2401.00001</id>") != std::string::npos);
  BOOST_TEST(atom.find("<updated>2026-01-02T03:04:05Z</updated>") != std::string::npos);
  BOOST_TEST(atom.find("<updated>2024-01-05T00:00:00Z</updated>") != std::string::npos);
  BOOST_TEST(atom.find("<published>2024-01-01T00:00:00Z</published>") != std::string::npos);
  BOOST_TEST(atom.find("type=\"application/pdf\"") != std::string::npos);
  BOOST_TEST(atom.find("<category term=\"cs.CV\"/>") != std::string::npos);
  BOOST_TEST(atom.find("&lt;strong&gt;diffusion&lt;/strong&gt;") != std::string::npos, atom);
  BOOST_TEST(atom.find("<b>") == std::string::npos);
  BOOST_TEST(count(atom, "<entry>") == 3u);
  const std::string rss = hits_to_rss(kCorpus, results, info());
  BOOST_TEST(rss.find("<pubDate>Fri, 05 Jan 2024 00:00:00 +0000</pubDate>") != std::string::npos);
  BOOST_TEST(rss.find("<lastBuildDate>Fri, 02 Jan 2026 03:04:05 +0000</lastBuildDate>") !=
                 std::string::npos,
             rss);
  BOOST_TEST(rss.find("<guid isPermaLink=\"false\">tag:papersieve,2024:paper/2401.00002</guid>") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(bibtex_keys_escaping_and_raw_tex) {
  const Results results = filtered();
  const std::string bib = hits_to_bibtex(kCorpus, results);
  BOOST_TEST(bib.find("@misc{muller2024prompt,") != std::string::npos, bib);
  BOOST_TEST(bib.find("@misc{lovelace2024diffusion,") != std::string::npos, bib);
  BOOST_TEST(bib.find("@article{lovelace2024diffusiona,") != std::string::npos, bib);
  BOOST_TEST(bib.find("title = {Diffusion for 50\\% \\& \\$x\\_1\\$ <b>}") != std::string::npos,
             bib);
  BOOST_TEST(bib.find("title = {Diffusion {Again} in $\\mathbb{R}^n$}") != std::string::npos, bib);
  BOOST_TEST(bib.find("title = {Prompt Tuning with {BERT}}") != std::string::npos, bib);
  BOOST_TEST(bib.find("author = {Lovelace, Ada and Hopper, Grace}") != std::string::npos, bib);
  BOOST_TEST(bib.find("eprint = {2401.00001}") != std::string::npos);
  BOOST_TEST(bib.find("archivePrefix = {arXiv}") != std::string::npos);
  BOOST_TEST(bib.find("primaryClass = {cs.CV}") != std::string::npos);
  BOOST_TEST(bib.find("doi = {10.1000/xyz}") != std::string::npos);
  BOOST_TEST(bib.find("journal = {Journal of Tests}") != std::string::npos);
  BOOST_TEST(bib.find("keywords = {prompts, vision}") != std::string::npos, bib);
  BOOST_TEST(bib.find("month = jan") != std::string::npos);
  BOOST_TEST(papers_to_bibtex(kCorpus.papers) == papers_to_bibtex(kCorpus.papers));  // stable keys
}

BOOST_AUTO_TEST_CASE(ris_and_csl_json) {
  const Results results = filtered();
  const std::string ris = hits_to_ris(kCorpus, results);
  BOOST_TEST(ris.find("TY  - UNPB\r\nID  - muller2024prompt\r\n") == 0u, ris);
  BOOST_TEST(ris.find("AU  - Lovelace, Ada\r\n") != std::string::npos);
  BOOST_TEST(ris.find("DA  - 2024/01/05/\r\n") != std::string::npos);
  BOOST_TEST(ris.find("DA  - 2024/01//\r\n") != std::string::npos);
  BOOST_TEST(ris.find("TY  - JOUR\r\n") != std::string::npos);
  BOOST_TEST(count(ris, "ER  - \r\n") == 3u);
  const std::string csl = hits_to_csl_json(kCorpus, results);
  rapidjson::Document d;
  d.Parse(csl.c_str(), csl.size());
  BOOST_REQUIRE(!d.HasParseError());
  BOOST_REQUIRE(d.IsArray() && d.Size() == 3u);
  BOOST_TEST(std::string(d[0]["author"][0]["family"].GetString()) == "Müller");
  BOOST_TEST(std::string(d[0]["author"][0]["given"].GetString()) == "Jörg");
  BOOST_TEST(d[1]["issued"]["date-parts"][0].Size() == 3u);
  BOOST_TEST(d[0]["issued"]["date-parts"][0].Size() == 2u);
  BOOST_TEST(std::string(d[1]["DOI"].GetString()) == "10.1000/xyz");
  BOOST_TEST(std::string(d[2]["type"].GetString()) == "article-journal");
}

BOOST_AUTO_TEST_CASE(dates) {
  BOOST_TEST(write::rfc3339_to_rfc822("2000-02-29T12:00:00Z") == "Tue, 29 Feb 2000 12:00:00 +0000");
  BOOST_TEST(write::date_to_rfc3339("2024") == "2024-01-01T00:00:00Z");
  BOOST_TEST(write::date_to_rfc3339("June") == "");
  BOOST_TEST(write::date_to_rfc3339("2023-02-29") == "2023-02-01T00:00:00Z");
  BOOST_TEST(write::date_to_rfc3339("2024-02-29") == "2024-02-29T00:00:00Z");
  BOOST_TEST(write::xml_escape(std::string("a\x01<b\xEF\xBF\xBF")) == "a&lt;b");
}
