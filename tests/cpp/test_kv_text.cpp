#define BOOST_TEST_MODULE kv_text
#include <boost/test/unit_test.hpp>

#include "papersieve/parse.hpp"
#include "reader_harness.hpp"
#include "test_support.hpp"

using namespace papersieve;
using test_support::contains;
using test_support::read_raw;

namespace {

const char* const kSample = "hf_daily_title_pdf_summary_2024-06-21.txt";

const std::string kBlocks =
    "\xEF\xBB\xBFTitle: A Title That Wraps\r\n"
    "  Onto Two Lines\r\n"
    "authors: A. One and B. Two\r\n"
    "PDF: https://arxiv.org/pdf/2406.14539v2\r\n"
    "Date: Jun 21, 2024\r\n"
    "Upvotes: 42\r\n"
    "Code Repo: https://github.com/x/y\r\n"
    "Summary: First line of the summary\r\n"
    "second line, unindented.\r\n"
    "---\r\n"
    "TITLE: Second\r\n"
    "Link: https://example.org/paper\r\n"
    "Abstract: Text.\r\n"
    "-----\r\n"
    "\r\n";

}  // namespace

BOOST_AUTO_TEST_CASE(sample_gives_50_papers) {
  const std::string path = test_support::shared_data(kSample);
  if (path.empty()) return;
  const Corpus c = parse_file(path);
  BOOST_TEST(c.format == Format::kv_text);  // detected
  BOOST_TEST(c.papers.size() == 50u);
  BOOST_TEST(c.stats.rejected == 0u);
  test_support::check_accounting(c);
  for (const auto& p : c.papers) {
    BOOST_TEST(!p.arxiv_id.empty());
    BOOST_TEST(!p.abstract.empty());
    BOOST_TEST(p.links.at(0).url == "https://arxiv.org/pdf/" + p.arxiv_id);
  }
  BOOST_TEST(c.papers[0].arxiv_id == "2406.14539");
}

BOOST_AUTO_TEST_CASE(keys_wraps_links_and_extra) {
  const auto out = read_raw(Format::kv_text, kBlocks);
  BOOST_REQUIRE(out.papers.size() == 2u);
  BOOST_TEST(out.rejected.empty());
  const Paper& p = out.papers[0];
  BOOST_TEST(p.title == "A Title That Wraps\nOnto Two Lines");
  BOOST_TEST(p.authors == (std::vector<std::string>{"A. One", "B. Two"}));
  BOOST_TEST(p.arxiv_id == "2406.14539");
  BOOST_TEST(p.version == 2);
  BOOST_TEST(p.published == "2024-06-21");
  BOOST_TEST(p.abstract == "First line of the summary\nsecond line, unindented.");
  BOOST_TEST(p.extra.at("upvotes") == "42");
  BOOST_TEST(p.extra.at("code_repo") == "https://github.com/x/y");
  BOOST_TEST(p.source.line == 1u);
  const Paper& second = out.papers[1];
  BOOST_TEST(second.title == "Second");  // keys are case-insensitive
  BOOST_TEST(second.abstract == "Text.");
  BOOST_TEST(second.links.at(0).url == "https://example.org/paper");
  BOOST_TEST(second.source.line == 11u);
}

BOOST_AUTO_TEST_CASE(any_chunking_gives_the_same_records) {
  const auto whole = read_raw(Format::kv_text, kBlocks);
  for (std::size_t chunk : {1u, 3u, 50u}) {
    const auto split = read_raw(Format::kv_text, kBlocks, chunk);
    BOOST_REQUIRE(split.papers.size() == whole.papers.size());
    for (std::size_t i = 0; i < split.papers.size(); ++i) {
      BOOST_TEST(split.papers[i].title == whole.papers[i].title);
      BOOST_TEST(split.papers[i].source.byte_offset == whole.papers[i].source.byte_offset);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_second_title_starts_a_record_without_separator) {
  const auto out =
      read_raw(Format::kv_text, "Title: One\nSummary: a.\n\nTitle: Two\nSummary: b.\n");
  BOOST_REQUIRE(out.papers.size() == 2u);
  BOOST_TEST(out.papers[1].title == "Two");
  BOOST_TEST(out.papers[1].source.line == 4u);
}

BOOST_AUTO_TEST_CASE(block_without_title_is_rejected_with_its_line) {
  const Corpus c = parse("Title: Fine\n---\nSummary: orphan\n---\njust text\n",
                         ParseOptions{Format::kv_text, "kv"});
  BOOST_TEST(c.papers.size() == 1u);
  BOOST_TEST(c.stats.rejected == 2u);
  test_support::check_accounting(c);
  BOOST_TEST(c.diagnostics.at(0).line == 3u);
  BOOST_TEST(contains(c.diagnostics.at(0).message, "without a Title"));
  BOOST_TEST(contains(c.diagnostics.at(1).message, "without any"));
}

BOOST_AUTO_TEST_CASE(urls_are_values_not_keys) {
  const auto out = read_raw(Format::kv_text, "Title: T\nSummary: see\nhttps://x.org/a: b\n");
  BOOST_REQUIRE(out.papers.size() == 1u);
  BOOST_TEST(out.papers[0].abstract == "see\nhttps://x.org/a: b");
  BOOST_TEST(out.papers[0].extra.empty());
}

// A URL holds no whitespace: a wrapped link value gives one link per URL in it, and its other
// text goes to extra with a note, never into a link.
BOOST_AUTO_TEST_CASE(wrapped_link_values_give_only_urls_as_links) {
  const auto out = read_raw(Format::kv_text,
                            "Title: T\n"
                            "PDF: https://arxiv.org/pdf/2401.00001v3\n"
                            "  (mirror) https://example.org/t.pdf\n"
                            "URL: available on request\n"
                            "Summary: S\n");
  BOOST_REQUIRE(out.papers.size() == 1u);
  const Paper& p = out.papers[0];
  BOOST_REQUIRE(p.links.size() == 2u);
  BOOST_TEST(p.links[0].url == "https://arxiv.org/pdf/2401.00001v3");
  BOOST_TEST(p.links[1].url == "https://example.org/t.pdf");
  BOOST_TEST(p.arxiv_id == "2401.00001");
  BOOST_TEST(p.extra.at("pdf") == "(mirror)");
  BOOST_TEST(p.extra.at("url") == "available on request");
  BOOST_REQUIRE(out.notes.size() == 2u);
  BOOST_TEST(contains(out.notes[0].message, "pdf value has text that is no URL"));
  BOOST_TEST(contains(out.notes[1].message, "\"available on request\""));
}
