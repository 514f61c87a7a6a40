#define BOOST_TEST_MODULE arxiv_rss
#include <boost/test/unit_test.hpp>

#include "papersieve/parse.hpp"
#include "reader_harness.hpp"
#include "test_support.hpp"

using namespace papersieve;
using test_support::contains;
using test_support::read_raw;

namespace {

const Paper* by_id(const Corpus& c, const std::string& id) {
  for (const auto& p : c.papers)
    if (p.arxiv_id == id) return &p;
  return nullptr;
}

}  // namespace

// True when some diagnostic of the corpus says `text` (the reader's note on the whole input
// may follow a record's error).
bool any_diagnostic(const papersieve::Corpus& c, const std::string& text) {
  for (const auto& d : c.diagnostics)
    if (d.message.find(text) != std::string::npos) return true;
  return false;
}

BOOST_AUTO_TEST_CASE(rss_flavour_gives_every_item_with_its_fields) {
  const Corpus c = parse(test_support::test_data("arxiv_rss_cs.CL.xml"));
  BOOST_TEST(c.format == Format::arxiv_rss);  // detected
  test_support::check_accounting(c);
  BOOST_REQUIRE(c.papers.size() == 4u);
  const Paper& p = c.papers[0];
  BOOST_TEST(p.arxiv_id == "2404.09001");
  BOOST_TEST(p.version == 1);
  BOOST_TEST(p.extra.at("announce_type") == "new");
  BOOST_TEST(p.published == "2024-04-16");
  BOOST_TEST(p.categories == (std::vector<std::string>{"cs.CL", "cs.LG"}));
  BOOST_TEST(p.extra.at("license") == "http://creativecommons.org/licenses/by/4.0/");
  BOOST_TEST(p.links.at(0).url == "https://arxiv.org/abs/2404.09001");
  BOOST_TEST(c.papers[1].extra.at("announce_type") == "cross");
  BOOST_TEST(c.papers[2].extra.at("announce_type") == "replace");
  BOOST_TEST(c.papers[2].version == 3);
  BOOST_TEST(c.papers[2].extra.at("doi") == "10.18653/v1/2024.acl-long.1");
  BOOST_TEST(c.papers[2].extra.at("journal_ref") == "Proceedings of ACL 2024, pp. 1-12");
  BOOST_TEST(c.papers[3].arxiv_id == "cs/0112017");
  BOOST_TEST(c.papers[3].extra.at("announce_type") == "replace-cross");
}

BOOST_AUTO_TEST_CASE(description_prefix_never_reaches_the_abstract) {
  const Corpus c =
      parse(test_support::test_data("arxiv_rss_cs.CL.xml"), ParseOptions{Format::arxiv_rss, "t"});
  for (const auto& p : c.papers) {
    BOOST_TEST(!contains(p.abstract, "Announce Type"), p.abstract);
    BOOST_TEST(!contains(p.abstract, "Abstract:"), p.abstract);
    BOOST_TEST(!contains(p.abstract, "arXiv:"), p.abstract);
  }
  BOOST_TEST(c.papers[1].abstract ==
             "Code-switched queries mix languages; we build a benchmark of 12k such queries.");
}

BOOST_AUTO_TEST_CASE(tex_stays_raw_in_the_reader_for_normalization) {
  const auto raw = read_raw(Format::arxiv_rss, test_support::test_data("arxiv_rss_cs.CL.xml"));
  BOOST_REQUIRE(raw.papers.size() == 4u);
  BOOST_TEST(contains(raw.papers[0].abstract, "\\textsc{SpAtt}"));
  BOOST_TEST(contains(raw.papers[0].abstract, "91\\%"));
  BOOST_TEST(contains(raw.papers[0].title, "$\\mathcal{O}(n)$"));
  BOOST_TEST(raw.papers[1].authors.at(0) == "Jos\\'e Garc\\'ia");
  const Corpus c =
      parse(test_support::test_data("arxiv_rss_cs.CL.xml"), ParseOptions{Format::arxiv_rss, "t"});
  BOOST_TEST(contains(c.papers[0].abstract, "91%"));  // cleaned like the snapshot
  BOOST_TEST(c.papers[1].authors.at(0) == "José García");
}

BOOST_AUTO_TEST_CASE(creator_commas_inside_parentheses_do_not_split_authors) {
  const Corpus c =
      parse(test_support::test_data("arxiv_rss_cs.CL.xml"), ParseOptions{Format::arxiv_rss, "t"});
  const Paper& p = c.papers[0];
  BOOST_TEST(p.authors ==
             (std::vector<std::string>{"Ada Lovelace", "Alan Turing", "Grace Hopper"}));
  BOOST_TEST(p.extra.at("affiliations") == "Ada Lovelace: Univ A; Univ B\nGrace Hopper: Navy Lab");
  const Paper& nested = c.papers[3];  // "(Cambridge (UK))"
  BOOST_TEST(nested.authors == (std::vector<std::string>{"Charles Babbage", "Ada Byron"}));
  BOOST_TEST(nested.extra.at("affiliations") == "Charles Babbage: Cambridge (UK)");
  BOOST_TEST(c.papers[2].extra.count("affiliations") == 0u);
}

BOOST_AUTO_TEST_CASE(atom_flavour_reads_alike) {
  const Corpus c = parse(test_support::test_data("arxiv_atom_feed_cs.CL.xml"));
  BOOST_TEST(c.format == Format::arxiv_rss);
  test_support::check_accounting(c);
  BOOST_REQUIRE(c.papers.size() == 2u);
  const Paper* p = by_id(c, "2404.09001");
  BOOST_REQUIRE(p != nullptr);
  BOOST_TEST(p->abstract == "We study sparse attention for long documents.");
  BOOST_TEST(p->authors == (std::vector<std::string>{"Ada Lovelace", "Alan Turing"}));
  BOOST_TEST(p->extra.at("affiliations") == "Ada Lovelace: Univ A; Univ B");
  BOOST_TEST(p->extra.at("announce_type") == "new");
  BOOST_TEST(p->published == "2024-04-16");
  BOOST_TEST(p->categories == (std::vector<std::string>{"cs.CL", "cs.LG"}));
  const Paper* q = by_id(c, "2310.01234");
  BOOST_REQUIRE(q != nullptr);
  BOOST_TEST(q->authors == (std::vector<std::string>{"Mary Shelley", "Percy Shelley"}));
  BOOST_TEST(q->extra.at("doi") == "10.18653/v1/2024.acl-long.1");
}

BOOST_AUTO_TEST_CASE(feed_error_is_an_error_not_zero_papers) {
  const Corpus c = parse(test_support::test_data("arxiv_rss_feed_error.xml"));
  BOOST_TEST(c.format == Format::arxiv_rss);
  BOOST_TEST(c.papers.empty());
  BOOST_TEST(c.stats.rejected == 1u);
  test_support::check_accounting(c);
  BOOST_REQUIRE(!c.diagnostics.empty());
  BOOST_TEST(any_diagnostic(c,
                            "arXiv feed error: Feed error for query: "
                            "https://rss.arxiv.org/rss/cs.XX (Invalid "
                            "archive specification: cs.XX)"));
}

BOOST_AUTO_TEST_CASE(announcement_date_comes_from_the_channel_when_items_have_none) {
  const std::string feed =
      "<rss version=\"2.0\" xmlns:arxiv=\"http://arxiv.org/schemas/atom\"><channel>"
      "<title>math updates on arXiv.org</title><link>http://rss.arxiv.org/rss/math</link>"
      "<pubDate>Wed, 17 Apr 2024 00:00:00 -0400</pubDate>"
      "<item><title>T</title><link>https://arxiv.org/abs/2404.00001</link>"
      "<description>arXiv:2404.00001v2 Announce Type: replace \nAbstract: A.</description>"
      "</item></channel></rss>";
  const Corpus c = parse(feed);
  BOOST_TEST(c.format == Format::arxiv_rss);
  BOOST_REQUIRE(c.papers.size() == 1u);
  BOOST_TEST(c.papers[0].published == "2024-04-17");
  // no guid: the id and announce type come from the description
  BOOST_TEST(c.papers[0].arxiv_id == "2404.00001");
  BOOST_TEST(c.papers[0].version == 2);
  BOOST_TEST(c.papers[0].extra.at("announce_type") == "replace");
  BOOST_TEST(c.papers[0].abstract == "A.");
}

BOOST_AUTO_TEST_CASE(atom_entry_id_may_be_the_abs_page) {
  const std::string feed =
      "<feed xmlns=\"http://www.w3.org/2005/Atom\" xmlns:arxiv=\"http://arxiv.org/schemas/atom\" "
      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><id>https://rss.arxiv.org/atom/cs.CL</id>"
      "<entry><id>https://arxiv.org/abs/2404.00002v3</id><title>T</title>"
      "<summary>A.</summary>"
      "<arxiv:announce_type>replace-cross</arxiv:announce_type>"
      "<dc:creator>Ada Lovelace (Univ A, Univ B), Alan Turing</dc:creator></entry></feed>";
  const Corpus c = parse(feed);
  BOOST_TEST(c.format == Format::arxiv_rss);
  BOOST_REQUIRE(c.papers.size() == 1u);
  BOOST_TEST(c.papers[0].arxiv_id == "2404.00002");
  BOOST_TEST(c.papers[0].version == 3);
  BOOST_TEST(c.papers[0].authors.size() == 2u);
}

BOOST_AUTO_TEST_CASE(any_chunking_gives_the_same_papers) {
  const std::string text = test_support::test_data("arxiv_rss_cs.CL.xml");
  const auto whole = read_raw(Format::arxiv_rss, text);
  const auto bytes = read_raw(Format::arxiv_rss, text, 7);
  BOOST_REQUIRE(whole.papers.size() == bytes.papers.size());
  for (std::size_t i = 0; i < whole.papers.size(); ++i) {
    BOOST_TEST(whole.papers[i].abstract == bytes.papers[i].abstract);
    BOOST_TEST(whole.papers[i].source.byte_offset == bytes.papers[i].source.byte_offset);
  }
}

BOOST_AUTO_TEST_CASE(malformed_feed_rejects_the_cut_item) {
  const std::string text = test_support::test_data("arxiv_rss_cs.CL.xml");
  const std::string cut = text.substr(0, text.find("<item>", text.find("<item>") + 1) + 30);
  const Corpus c = parse(cut + "</rss>", ParseOptions{Format::arxiv_rss, "t"});
  BOOST_TEST(c.papers.size() == 1u);
  BOOST_TEST(c.stats.rejected == 1u);
  test_support::check_accounting(c);
}
