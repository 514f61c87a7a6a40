#define BOOST_TEST_MODULE pubmed
#include <boost/test/unit_test.hpp>

#include "papersieve/parse.hpp"
#include "reader_harness.hpp"
#include "test_support.hpp"

using namespace papersieve;
using test_support::contains;

BOOST_AUTO_TEST_CASE(efetch_sample_gives_its_article) {
  const std::string path = test_support::shared_data("pubmed_efetch_29768149.xml");
  if (path.empty()) return;
  const Corpus c = parse_file(path);
  BOOST_TEST(c.format == Format::pubmed);  // detected
  test_support::check_accounting(c);
  BOOST_TEST(c.stats.rejected == 0u);
  BOOST_REQUIRE(c.papers.size() == 1u);
  const Paper& p = c.papers[0];
  BOOST_TEST(p.title == "Inhaled Combined Budesonide-Formoterol as Needed in Mild Asthma.");
  BOOST_TEST(p.extra.at("pmid") == "29768149");              // never a cited reference's PMID
  BOOST_TEST(p.extra.at("doi") == "10.1056/nejmoa1715274");  // normalized: lower case
  BOOST_TEST(p.extra.at("journal") == "The New England journal of medicine");
  BOOST_TEST(p.published == "2018-05-17");
  BOOST_TEST(p.authors.size() == 10u);
  BOOST_TEST(p.authors.at(0) == "Paul M O'Byrne");
  // structured abstract: each part with its label, in order
  BOOST_TEST(p.abstract.substr(0, 12) == "BACKGROUND: ");
  BOOST_TEST(contains(p.abstract, " METHODS: We conducted"));
  BOOST_TEST(contains(p.abstract, " CONCLUSIONS: In patients"));
  BOOST_TEST(contains(p.abstract, "β 2-agonist"));  // text inside <sub> is kept
  BOOST_TEST(contains(p.extra.at("affiliations"), "Paul M O'Byrne: From the Firestone"));
  bool mesh = false;
  for (const auto& category : p.categories) mesh = mesh || category == "Asthma";
  BOOST_TEST(mesh);
  bool pubmed_link = false;
  for (const auto& link : p.links)
    pubmed_link = pubmed_link || link.url == "https://pubmed.ncbi.nlm.nih.gov/29768149/";
  BOOST_TEST(pubmed_link);
}

BOOST_AUTO_TEST_CASE(baseline_style_articles_dates_authors_and_ids) {
  const Corpus c = parse(test_support::test_data("pubmed_update_sample.xml"));
  BOOST_TEST(c.format == Format::pubmed);
  test_support::check_accounting(c);
  BOOST_REQUIRE(c.papers.size() == 2u);
  const Paper& p = c.papers[0];
  BOOST_TEST(p.title == "Effects of in vitro exposure on cells.");
  BOOST_TEST(p.abstract == "An unstructured abstract with CO2 levels.");
  BOOST_TEST(p.authors ==
             (std::vector<std::string>{"Anna Smith Jr", "Example Study Group", "K Lee"}));
  BOOST_TEST(p.extra.at("affiliations") == "Anna Smith Jr: Dept A, Univ X.; Lab B.");
  BOOST_TEST(p.published == "1998-12");  // MedlineDate "1998 Dec-1999 Jan"
  BOOST_TEST(p.extra.at("pmid") == "10000001");
  BOOST_TEST(p.extra.at("pmcid") == "PMC1234567");
  BOOST_TEST(p.extra.count("doi") == 1u);
  BOOST_TEST(p.extra.at("retracted") == "true");
  BOOST_TEST(p.categories == (std::vector<std::string>{"Cells, Cultured", "Humans"}));
  for (const auto& link : p.links) BOOST_TEST(!contains(link.url, "9999"), link.url);
  const Paper& q = c.papers[1];
  BOOST_TEST(q.published == "2021-03");                   // PubDate Year + month name
  BOOST_TEST(q.extra.at("doi") == "10.2000/oel.2021.5");  // ELocationID
  BOOST_TEST(q.abstract == "OBJECTIVE: To test. RESULTS: It worked.");
  BOOST_TEST(q.extra.at("journal") == "Open Example Letters");
}

BOOST_AUTO_TEST_CASE(delete_citation_is_noted_with_every_pmid) {
  const Corpus c =
      parse(test_support::test_data("pubmed_update_sample.xml"), ParseOptions{Format::pubmed, "t"});
  bool noted = false;
  for (const auto& d : c.diagnostics) {
    if (!contains(d.message, "<DeleteCitation> deletes 3")) continue;
    noted = true;
    BOOST_TEST(d.severity == Severity::warning);
    BOOST_TEST(contains(d.message, "20000001 20000002 20000003"));
  }
  BOOST_TEST(noted);
  BOOST_TEST(c.stats.records == 2u);
}

BOOST_AUTO_TEST_CASE(article_dates_and_book_articles) {
  const std::string set =
      "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article>"
      "<ArticleTitle>Only an electronic date</ArticleTitle><ArticleDate DateType=\"Electronic\">"
      "<Year>2020</Year><Month>02</Month><Day>07</Day></ArticleDate></Article></MedlineCitation>"
      "</PubmedArticle><PubmedBookArticle><BookDocument><PMID>2</PMID><Book>"
      "<BookTitle>A Handbook</BookTitle><PubDate><Year>2019</Year><Season>Spring</Season></PubDate>"
      "</Book></BookDocument></PubmedBookArticle><PubmedArticle><MedlineCitation><PMID>3</PMID>"
      "<Article><Abstract><AbstractText>no title</AbstractText></Abstract></Article>"
      "</MedlineCitation></PubmedArticle></PubmedArticleSet>";
  const Corpus c = parse(set);
  BOOST_TEST(c.format == Format::pubmed);
  test_support::check_accounting(c);
  BOOST_REQUIRE(c.papers.size() == 2u);
  BOOST_TEST(c.papers[0].published == "2020-02-07");
  BOOST_TEST(c.papers[1].title == "A Handbook");
  BOOST_TEST(c.papers[1].extra.at("pmid") == "2");
  BOOST_TEST(c.stats.rejected == 1u);
  BOOST_TEST(contains(c.diagnostics.back().message, "PMID 3"));
}

BOOST_AUTO_TEST_CASE(one_long_line_in_small_chunks) {
  const std::string text = test_support::test_data("pubmed_update_sample.xml");
  const auto whole = test_support::read_raw(Format::pubmed, text);
  const auto pieces = test_support::read_raw(Format::pubmed, text, 13);
  BOOST_REQUIRE(pieces.papers.size() == whole.papers.size());
  for (std::size_t i = 0; i < whole.papers.size(); ++i) {
    BOOST_TEST(pieces.papers[i].title == whole.papers[i].title);
    BOOST_TEST(pieces.papers[i].source.byte_offset == whole.papers[i].source.byte_offset);
    BOOST_TEST(pieces.papers[i].source.line == 3u);
  }
}
