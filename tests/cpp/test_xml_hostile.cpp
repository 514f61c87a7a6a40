#define BOOST_TEST_MODULE xml_hostile
// The XML readers (arxiv-rss, feed, pubmed, oai-pmh) on cut, nested, oversized
// and hostile input: never a crash, and the accounting always holds.
#include <boost/test/unit_test.hpp>

#include "papersieve/parse.hpp"
#include "reader_harness.hpp"
#include "test_support.hpp"

using namespace papersieve;
using test_support::check_accounting;
using test_support::contains;

namespace {

const std::pair<Format, const char*> kSamples[] = {
    {Format::arxiv_rss, "arxiv_atom_feed_cs.CL.xml"},
    {Format::feed, "biorxiv_neuroscience.rdf"},
    {Format::pubmed, "pubmed_update_sample.xml"},
    {Format::oai_pmh, "oai_arxiv_list_records.xml"},
};

}  // namespace

BOOST_AUTO_TEST_CASE(cut_at_every_byte) {
  for (const auto& [format, name] : kSamples) {
    const std::string text = test_support::test_data(name);
    const std::size_t papers = parse(text, ParseOptions{format, "t", 1}).papers.size();
    for (std::size_t cut = 0; cut < text.size(); cut += 7) {
      const Corpus c = parse(text.substr(0, cut), ParseOptions{format, "t", 1});
      check_accounting(c);
      BOOST_TEST(c.papers.size() <= papers);
      for (const auto& d : c.diagnostics) BOOST_TEST(d.line >= 1u);
    }
  }
}

BOOST_AUTO_TEST_CASE(nested_100000_deep_inside_a_record) {
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "<x>";
  for (int i = 0; i < 100000; ++i) deep += "</x>";
  const std::string pubmed =
      "<PubmedArticleSet><PubmedArticle><MedlineCitation><Article>"
      "<ArticleTitle>T" +
      deep +
      "</ArticleTitle></Article></MedlineCitation></PubmedArticle>"
      "</PubmedArticleSet>";
  const Corpus c = parse(pubmed);
  check_accounting(c);
  BOOST_TEST(c.papers.size() == 1u);
  const Corpus rss =
      parse("<rss><channel><item><title>T</title>" + deep + "</item></channel></rss>",
            ParseOptions{Format::feed, "t"});
  BOOST_TEST(rss.papers.size() == 1u);
}

BOOST_AUTO_TEST_CASE(entity_declarations_are_refused) {
  const std::string laughs =
      "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;\">]>"
      "<rss><channel><item><title>&b;</title></item></channel></rss>";
  for (Format f : {Format::arxiv_rss, Format::feed, Format::pubmed, Format::oai_pmh}) {
    const Corpus c = parse(laughs, ParseOptions{f, "t"});
    BOOST_TEST(c.papers.empty());
    BOOST_TEST(c.stats.rejected == 1u);
    check_accounting(c);
  }
}

BOOST_AUTO_TEST_CASE(a_record_longer_than_max_record_bytes_is_rejected) {
  ParseOptions options{Format::pubmed, "t"};
  options.max_record_bytes = 1000;
  const std::string big(5000, 'a');
  const std::string set =
      "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article><ArticleTitle>T"
      "</ArticleTitle><Abstract><AbstractText>" +
      big +
      "</AbstractText></Abstract></Article></MedlineCitation></PubmedArticle><PubmedArticle>"
      "<MedlineCitation><PMID>2</PMID><Article><ArticleTitle>Small</ArticleTitle></Article>"
      "</MedlineCitation></PubmedArticle></PubmedArticleSet>";
  const Corpus c = parse(set, options);
  check_accounting(c);
  BOOST_TEST(c.papers.size() == 1u);
  BOOST_TEST(c.stats.rejected == 1u);
  BOOST_TEST(contains(c.diagnostics.front().message, "max_record_bytes"));
}

BOOST_AUTO_TEST_CASE(an_atom_entry_longer_than_max_record_bytes_is_rejected) {
  ParseOptions options{Format::arxiv_atom, "t"};
  options.max_record_bytes = 1000;
  const std::string feed =
      "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>Big</title>"
      "<summary>" +
      std::string(5000, 'a') + "</summary></entry><entry><title>Small</title></entry></feed>";
  const Corpus c = parse(feed, options);
  check_accounting(c);
  BOOST_TEST(c.papers.size() == 1u);
  BOOST_TEST(c.stats.rejected == 1u);
}

BOOST_AUTO_TEST_CASE(binary_and_non_xml_input) {
  const std::string garbage("\x00\xFF<\x01>\xC3(", 7);
  for (Format f : {Format::arxiv_rss, Format::feed, Format::pubmed, Format::oai_pmh}) {
    for (const std::string& input :
         {garbage, std::string("plain text, no markup\n"), std::string("   \n"), std::string()}) {
      const Corpus c = parse(input, ParseOptions{f, "t"});
      check_accounting(c);
      BOOST_TEST(c.papers.empty());
    }
  }
}
