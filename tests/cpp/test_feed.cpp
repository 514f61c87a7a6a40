#define BOOST_TEST_MODULE feed
#include <boost/test/unit_test.hpp>

#include "papersieve/parse.hpp"
#include "reader_harness.hpp"
#include "test_support.hpp"

using namespace papersieve;
using test_support::contains;

namespace {

bool has_link(const Paper& p, const std::string& url) {
  for (const auto& link : p.links)
    if (link.url == url) return true;
  return false;
}

}  // namespace

BOOST_AUTO_TEST_CASE(biorxiv_rdf_with_padded_cdata_dc_and_prism) {
  const Corpus c = parse(test_support::test_data("biorxiv_neuroscience.rdf"));
  BOOST_TEST(c.format == Format::feed);  // detected
  test_support::check_accounting(c);
  BOOST_REQUIRE(c.papers.size() == 2u);
  const Paper& p = c.papers[0];
  BOOST_TEST(p.title == "Hippocampal Replay Tracks Goal Changes in Mice");  // padding trimmed
  BOOST_TEST(p.abstract.substr(0, 6) == "Replay");
  BOOST_TEST(p.authors == (std::vector<std::string>{"J. A. Smith", "R. Doe"}));
  BOOST_TEST(p.extra.at("doi") == "10.1101/2024.04.12.589201");
  BOOST_TEST(p.published == "2024-04-15");
  // "?rss=1" is feed tracking, not part of the paper's address
  BOOST_TEST(has_link(p, "http://biorxiv.org/cgi/content/short/2024.04.12.589201v1"));
  for (const auto& link : p.links) BOOST_TEST(!contains(link.url, "rss=1"), link.url);
  BOOST_TEST(c.papers[1].authors == (std::vector<std::string>{"K. Nakamura"}));
}

BOOST_AUTO_TEST_CASE(journal_rss2_with_html_prism_doi_and_rss_author) {
  const Corpus c = parse(test_support::test_data("journal_toc_rss2.xml"));
  BOOST_TEST(c.format == Format::feed);
  test_support::check_accounting(c);
  BOOST_REQUIRE(c.papers.size() == 2u);
  const Paper& p = c.papers[0];
  BOOST_TEST(p.title == "Soil Microbes & Drought Resistance");
  BOOST_TEST(p.abstract ==
             "We show that soil microbes raise drought resistance. Second paragraph.");
  BOOST_TEST(p.authors == (std::vector<std::string>{"Rosa Franklin", "James Watson"}));
  BOOST_TEST(p.extra.at("doi") == "10.5555/jes.2024.0042");
  BOOST_TEST(p.extra.at("journal") == "Journal of Example Studies");
  BOOST_TEST(p.published == "2024-04-16");
  BOOST_TEST(p.categories == (std::vector<std::string>{"Ecology"}));
  const Paper& q = c.papers[1];
  BOOST_TEST(q.authors == (std::vector<std::string>{"Marie Curie"}));
  BOOST_TEST(q.published == "2024-04-17");  // the channel's date
}

BOOST_AUTO_TEST_CASE(generic_atom_entries) {
  const Corpus c = parse(test_support::test_data("journal_atom.xml"));
  BOOST_TEST(c.format == Format::feed);
  test_support::check_accounting(c);
  BOOST_REQUIRE(c.papers.size() == 1u);
  const Paper& p = c.papers[0];
  BOOST_TEST(p.title == "Fast Fourier Tricks for E. coli");  // inline markup joins its text
  BOOST_TEST(p.authors == (std::vector<std::string>{"Jean Fourier", "Carl Gauss"}));
  BOOST_TEST(p.extra.at("doi") == "10.5555/el.77");  // from the entry id
  BOOST_TEST(p.published == "2024-04-16");
  BOOST_TEST(p.links.at(0).url == "https://letters.example.org/el.77");
  BOOST_TEST(has_link(p, "https://letters.example.org/el.77.pdf"));
}

BOOST_AUTO_TEST_CASE(dc_identifier_forms_and_item_without_title) {
  const std::string feed =
      "<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>x</title>"
      "<item><title>A</title><dc:identifier>https://doi.org/10.1/ab</dc:identifier>"
      "<dc:date>2023-07</dc:date></item>"
      "<item><description>no title</description></item>"
      "</channel></rss>";
  const Corpus c = parse(feed, ParseOptions{Format::feed, "t"});
  test_support::check_accounting(c);
  BOOST_REQUIRE(c.papers.size() == 1u);
  BOOST_TEST(c.papers[0].extra.at("doi") == "10.1/ab");
  BOOST_TEST(c.papers[0].published == "2023-07");  // partial dates stay partial
  BOOST_TEST(c.stats.rejected == 1u);
}

BOOST_AUTO_TEST_CASE(an_xml_document_that_is_no_feed_is_refused) {
  const Corpus c =
      parse("<?xml version=\"1.0\"?><html><body>x</body></html>", ParseOptions{Format::feed, "t"});
  BOOST_TEST(c.papers.empty());
  BOOST_TEST(c.stats.rejected == 1u);
  test_support::check_accounting(c);
}

BOOST_AUTO_TEST_CASE(windows_1252_and_latin1_feeds_become_utf8) {
  const std::string cp1252 =
      "<?xml version=\"1.0\" encoding=\"windows-1252\"?><rss version=\"2.0\"><channel>"
      "<item><title>\x93Quoted\x94 na\xefve \x80 costs</title></item></channel></rss>";
  const Corpus c = parse(cp1252, ParseOptions{Format::feed, "t"});
  BOOST_REQUIRE(c.papers.size() == 1u);
  BOOST_TEST(c.papers[0].title == "\u201CQuoted\u201D na\u00EFve \u20AC costs");
  const std::string latin1 =
      "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel>"
      "<item><title>Caf\xe9</title></item></channel></rss>";
  BOOST_TEST(parse(latin1, ParseOptions{Format::feed, "t"}).papers.at(0).title == "Caf\u00E9");
  const std::string unknown = "<?xml version=\"1.0\" encoding=\"x-unknown\"?><rss/>";
  const Corpus bad = parse(unknown, ParseOptions{Format::feed, "t"});
  BOOST_TEST(bad.stats.rejected == 1u);  // an encoding expat cannot decode: a clear error
}
