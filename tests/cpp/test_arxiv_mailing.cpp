#define BOOST_TEST_MODULE arxiv_mailing
#include <boost/test/unit_test.hpp>

#include "papersieve/parse.hpp"
#include "reader_harness.hpp"
#include "test_support.hpp"

using namespace papersieve;
using test_support::contains;
using test_support::read_raw;

namespace {

const char* const kSample = "arxiv_mailing_new_q-fin_2023-03-17.txt";
const std::string kRule(78, '-');

const std::string kMailing =
    "Date: Fri, 17 Mar 23 00:31:14 GMT\n"
    "Subject: cs daily 2 new + 1 cross + 2 replacements\n\n" +
    kRule + "\nTo unsubscribe, e-mail To: cs@arXiv.org, Subject: cancel\n" + kRule +
    "\n\\\\\n"
    "arXiv:2401.00001\n"
    "Date: Mon, 1 Jan 2024 10:00:00 GMT   (12kb)\n\n"
    "Title: A Title That Wraps Onto\n"
    "  A Second Line\n"
    "Authors: A. One, B. Two and C. Three\n"
    "Categories: cs.CL cs.AI\n"
    "Comments: 9 pages; code at\n"
    "  https://example.org/code\n"
    "Journal-ref: J. Test 1 (2024)\n"
    "DOI: 10.1000/abc\n"
    "Report-no: REP-1\n"
    "\\\\\n"
    "  We study things with {\\em emphasis}. This wraps\n"
    "over lines.\n"
    "\\\\ ( https://arxiv.org/abs/2401.00001 ,  12kb)\n" +
    kRule + "\n%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-\n" +
    kRule +
    "\n\\\\\n"
    "arXiv:2401.00002 (*cross-listing*)\n"
    "Date: Tue, 2 Jan 2024 10:00:00 GMT   (5kb)\n\n"
    "Title: Crossed\n"
    "Authors: D. Four\n"
    "Categories: math.CO cs.DM\n"
    "\\\\\n"
    "  Abstract two.\n"
    "\\\\ ( https://arxiv.org/abs/2401.00002 ,  5kb)\n" +
    "%%--%%--%%--%%--%%--%%--%%--%%--%%--%%--%%--%%--%%--%%--%%--%%--%%--%%--%%--%%\n" + kRule +
    "\n\\\\\n"
    "arXiv:hep-th/9901001\n"
    "replaced with revised version Wed, 3 Jan 2024 10:00:00 GMT   (8kb)\n\n"
    "Title: Replaced Without Abstract\n"
    "Authors: E. Five\n"
    "Categories: hep-th\n"
    "MSC-class: 81T13\n"
    "\\\\ ( https://arxiv.org/abs/hep-th/9901001 ,  8kb)\n" +
    kRule +
    "\n\\\\\n"
    "arXiv:2312.09999\n"
    "replaced with revised version Thu, 4 Jan 2024 10:00:00 GMT   (8kb)\n\n"
    "Title: Replaced With Abstract\n"
    "Authors: F. Six\n"
    "Categories: cs.LG\n"
    "\\\\\n"
    "  New abstract.\n"
    "\\\\ ( https://arxiv.org/abs/2312.09999 ,  8kb)\n"
    "%%%---%%%---%%%---%%%---%%%---%%%---%%%---%%%---%%%---%%%---%%%---%%%---%%%---\n";

const Paper& by_id(const std::vector<Paper>& papers, const std::string& id) {
  for (const auto& p : papers)
    if (p.arxiv_id == id) return p;
  BOOST_FAIL("no paper " << id);
  return papers.front();
}

}  // namespace

BOOST_AUTO_TEST_CASE(sample_gives_new_and_replaced_papers) {
  const std::string path = test_support::shared_data(kSample);
  if (path.empty()) return;
  const Corpus c = parse_file(path);
  BOOST_TEST(c.format == Format::arxiv_mailing);  // detected
  BOOST_TEST(c.papers.size() == 16u);             // 13 new, 3 replaced
  BOOST_TEST(c.stats.rejected == 0u);
  test_support::check_accounting(c);
  std::size_t replaced = 0;
  for (const auto& p : c.papers) {
    BOOST_TEST(!p.arxiv_id.empty());
    BOOST_TEST(!p.authors.empty());
    BOOST_TEST(!p.categories.empty());
    BOOST_TEST(p.links.at(0).url == "https://arxiv.org/abs/" + p.arxiv_id);
    if (p.extra.count("replaced")) {
      ++replaced;
      BOOST_TEST(p.extra.at("announce_type").rfind("replace", 0) == 0u);
      BOOST_TEST(p.abstract.empty());
    } else {
      BOOST_TEST(!p.abstract.empty());
      BOOST_TEST(p.published.size() == 10u);
    }
  }
  BOOST_TEST(replaced == 3u);
  const Paper& first = by_id(c.papers, "2303.08867");
  BOOST_TEST(first.published == "2023-03-15");
  BOOST_TEST(first.extra.at("comment") == "16 pages, 5 figures");
  BOOST_TEST(contains(first.abstract, "i) the square-root"));  // {\em i)} cleaned
}

BOOST_AUTO_TEST_CASE(fields_continuations_abstract_and_trailer) {
  const auto out = read_raw(Format::arxiv_mailing, kMailing);
  BOOST_REQUIRE(out.papers.size() == 4u);
  BOOST_TEST(out.rejected.empty());
  const Paper& p = out.papers[0];
  BOOST_TEST(p.arxiv_id == "2401.00001");
  BOOST_TEST(p.source.line == 8u);
  BOOST_TEST(p.title == "A Title That Wraps Onto\nA Second Line");
  BOOST_TEST(p.authors == (std::vector<std::string>{"A. One", "B. Two", "C. Three"}));
  BOOST_TEST(p.categories == (std::vector<std::string>{"cs.CL", "cs.AI"}));
  BOOST_TEST(p.published == "2024-01-01");
  BOOST_TEST(p.extra.at("comment") == "9 pages; code at\nhttps://example.org/code");
  BOOST_TEST(p.extra.at("journal_ref") == "J. Test 1 (2024)");
  BOOST_TEST(p.extra.at("doi") == "10.1000/abc");
  BOOST_TEST(p.extra.at("report_no") == "REP-1");
  BOOST_TEST(p.abstract == "  We study things with {\\em emphasis}. This wraps\nover lines.\n");
  BOOST_TEST(p.links.size() == 2u);  // abs page (trailer) and DOI
  BOOST_TEST(p.extra.count("replaced") == 0u);
}

BOOST_AUTO_TEST_CASE(sections_set_flags_and_replacements_stay_papers) {
  const auto out = read_raw(Format::arxiv_mailing, kMailing);
  BOOST_REQUIRE(out.papers.size() == 4u);
  BOOST_TEST(out.papers[1].extra.at("cross_list") == "true");
  BOOST_TEST(out.papers[0].extra.at("announce_type") == "new");
  BOOST_TEST(out.papers[1].extra.at("announce_type") == "cross");
  BOOST_TEST(out.papers[2].extra.at("announce_type") == "replace");
  const Paper& replaced = out.papers[2];
  BOOST_TEST(replaced.arxiv_id == "hep-th/9901001");
  BOOST_TEST(replaced.abstract.empty());
  BOOST_TEST(replaced.extra.at("replaced") == "true");
  BOOST_TEST(replaced.extra.at("updated") == "2024-01-03");
  BOOST_TEST(replaced.extra.at("msc_class") == "81T13");
  BOOST_TEST(replaced.published.empty());
  BOOST_TEST(out.papers[3].abstract == "  New abstract.\n");
  BOOST_TEST(out.papers[3].extra.at("replaced") == "true");
}

BOOST_AUTO_TEST_CASE(any_chunking_gives_the_same_records) {
  const auto whole = read_raw(Format::arxiv_mailing, kMailing);
  for (std::size_t chunk : {1u, 5u, 64u}) {
    const auto split = read_raw(Format::arxiv_mailing, kMailing, chunk);
    BOOST_REQUIRE(split.papers.size() == whole.papers.size());
    for (std::size_t i = 0; i < split.papers.size(); ++i) {
      BOOST_TEST(split.papers[i].abstract == whole.papers[i].abstract);
      BOOST_TEST(split.papers[i].source.byte_offset == whole.papers[i].source.byte_offset);
    }
  }
}

BOOST_AUTO_TEST_CASE(listing_without_abstracts) {
  const std::string listing =
      "\\\\\narXiv:2401.00005\nFrom: G. Seven <g@example.org>\nDate: Fri, 5 Jan 2024 "
      "00:00:00 GMT   (1kb)\n\nTitle: Listed One\nAuthors: G. Seven\nCategories: cs.CL\n"
      "\\\\ ( https://arxiv.org/abs/2401.00005 ,  1kb)\n" +
      kRule + "\n\\\\\nPaper: cs/9901002\nTitle: Listed Two\nAuthors: H. Eight\n" + kRule + "\n";
  const auto out = read_raw(Format::arxiv_mailing, listing);
  BOOST_REQUIRE(out.papers.size() == 2u);
  BOOST_TEST(out.papers[0].submitter == "G. Seven");
  BOOST_TEST(out.papers[0].abstract.empty());
  BOOST_TEST(out.papers[1].arxiv_id == "cs/9901002");
  BOOST_TEST(out.rejected.empty());
}

BOOST_AUTO_TEST_CASE(record_without_title_is_rejected_with_its_line) {
  const std::string input = "\\\\\narXiv:2401.00009\nAuthors: X\n\\\\\n  text\n\\\\ ( u , 1kb)\n";
  const Corpus c = parse(input, ParseOptions{Format::arxiv_mailing, "m"});
  BOOST_TEST(c.stats.rejected == 1u);
  test_support::check_accounting(c);
  BOOST_TEST(c.diagnostics.at(0).line == 2u);
  BOOST_TEST(contains(c.diagnostics.at(0).message, "without a Title"));
}

BOOST_AUTO_TEST_CASE(header_only_is_noted) {
  const auto out = read_raw(Format::arxiv_mailing, "Subject: nothing today\n" + kRule + "\n");
  BOOST_TEST(out.papers.empty());
  BOOST_TEST(out.rejected.empty());
  BOOST_TEST(out.notes.size() == 1u);
}
