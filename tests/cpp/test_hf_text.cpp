#define BOOST_TEST_MODULE hf_text
#include <boost/test/unit_test.hpp>

#include "papersieve/parse.hpp"
#include "test_support.hpp"

using namespace papersieve;

namespace {

Corpus hf(const std::string& text) { return parse(text, ParseOptions{Format::hf_text, "page"}); }

const std::string kAbstract1 =
    "We propose a method that works. It is evaluated on three benchmarks and beats baselines.";
const std::string kAbstract2 =
    "A second abstract, long enough to read as prose. It also ends with a full stop.";

std::size_t count_errors(const Corpus& c) {
  std::size_t n = 0;
  for (const auto& d : c.diagnostics) n += d.severity == Severity::error;
  return n;
}

void check_accounting(const Corpus& c) {
  BOOST_TEST(c.stats.records == c.stats.papers + c.stats.duplicates + c.stats.rejected);
  BOOST_TEST(c.stats.papers == c.papers.size());
  BOOST_TEST(count_errors(c) == c.stats.rejected);
}

}  // namespace

BOOST_AUTO_TEST_CASE(real_page_has_192_papers_and_no_header_in_titles) {
  const std::string path = test_support::shared_data("000_fd6c685c865a6cdc.txt");
  if (path.empty()) return;
  const Corpus c = parse_file(path);
  BOOST_TEST(c.format == Format::hf_text);
  BOOST_TEST(c.papers.size() == 192u);
  BOOST_TEST(c.stats.rejected == 0u);
  check_accounting(c);
  BOOST_TEST(c.papers[0].title == "Dual Caption Preference Optimization for Diffusion Models");
  BOOST_TEST(c.papers[0].source.line == 3u);
  BOOST_TEST(c.papers[1].source.line == 5u);
  BOOST_TEST(c.papers[3].short_name == "DualPrompt");
  for (const auto& p : c.papers) {
    BOOST_TEST(p.title.find("Subscribe") == std::string::npos);
    BOOST_TEST(p.title.find("Get trending") == std::string::npos);
    BOOST_TEST(p.abstract.size() > p.title.size());
    BOOST_TEST(p.id.rfind("psv-", 0) == 0u);
  }
}

BOOST_AUTO_TEST_CASE(glued_subscribe_is_removed_only_from_the_first_title) {
  const Corpus c = hf("Get trending papers in your email inbox!\nSubscribeFirst Title\n" +
                      kAbstract1 + "\nSubscribers Matter: A Title\n" + kAbstract2 + "\n");
  BOOST_REQUIRE(c.papers.size() == 2u);
  BOOST_TEST(c.papers[0].title == "First Title");
  BOOST_TEST(c.papers[1].title == "Subscribers Matter: A Title");
  check_accounting(c);
}

BOOST_AUTO_TEST_CASE(page_without_header_loses_nothing) {
  const Corpus c = hf("Only Title\n" + kAbstract1 + "\nSecond Title\n" + kAbstract2);
  BOOST_REQUIRE(c.papers.size() == 2u);
  BOOST_TEST(c.papers[0].title == "Only Title");
  BOOST_TEST(c.papers[1].abstract == kAbstract2);
}

BOOST_AUTO_TEST_CASE(unknown_header_lines_before_subscribe_are_dropped) {
  const Corpus c = hf("Hugging Face\nModels\nDatasets\nDaily Papers\nSubscribe\nReal Title\n" +
                      kAbstract1 + "\n");
  BOOST_REQUIRE(c.papers.size() == 1u);
  BOOST_TEST(c.papers[0].title == "Real Title");
  BOOST_TEST(c.papers[0].source.line == 6u);
}

BOOST_AUTO_TEST_CASE(crlf_bom_and_blank_lines) {
  const Corpus c = hf("\xEF\xBB\xBFSubscribeA Title\r\n\r\n" + kAbstract1 + "\r\n\r\nB Title\r\n" +
                      kAbstract2 + "\r\n");
  BOOST_REQUIRE(c.papers.size() == 2u);
  BOOST_TEST(c.papers[0].title == "A Title");
  BOOST_TEST(c.papers[0].abstract == kAbstract1);
  BOOST_TEST(c.papers[1].source.line == 5u);
  // BOM, "SubscribeA Title\r\n", "\r\n", abstract "\r\n", "\r\n"
  BOOST_TEST(c.papers[1].source.byte_offset == 3u + 18u + 2u + kAbstract1.size() + 2u + 2u);
}

BOOST_AUTO_TEST_CASE(trailing_metadata_fills_the_paper_before_it) {
  const Corpus c = hf("SubscribeA Title\n" + kAbstract1 +
                      "\nSubmitted by alice\n42\n5 authors · Published on Jun 21, 2024\n"
                      "https://huggingface.co/papers/2406.01234\nB Title\n" +
                      kAbstract2 + "\n7\n");
  BOOST_REQUIRE(c.papers.size() == 2u);
  const Paper& a = c.papers[0];
  BOOST_TEST(a.submitter == "alice");
  BOOST_TEST(a.upvotes.value_or(-1) == 42);
  BOOST_TEST(a.published == "2024-06-21");
  BOOST_TEST(a.arxiv_id == "2406.01234");
  BOOST_TEST(a.id == "2406.01234");
  BOOST_REQUIRE(a.links.size() == 1u);
  BOOST_TEST(a.links[0].url == "https://huggingface.co/papers/2406.01234");
  BOOST_TEST(c.papers[1].upvotes.value_or(-1) == 7);
  BOOST_TEST(!c.papers[1].arxiv_id.size());
  check_accounting(c);
}

BOOST_AUTO_TEST_CASE(leading_metadata_fills_the_paper_after_it) {
  const Corpus c = hf("Submitted by\nbob\n12\nA Title\n" + kAbstract1 +
                      "\n2024-05-02\n3\nB Title\n" + kAbstract2 + "\n");
  BOOST_REQUIRE(c.papers.size() == 2u);
  BOOST_TEST(c.papers[0].submitter == "bob");
  BOOST_TEST(c.papers[0].upvotes.value_or(-1) == 12);
  BOOST_TEST(c.papers[0].published.empty());
  BOOST_TEST(c.papers[1].published == "2024-05-02");
  BOOST_TEST(c.papers[1].upvotes.value_or(-1) == 3);
}

BOOST_AUTO_TEST_CASE(abstract_without_title_is_rejected_with_its_line) {
  const std::string long_line(600, 'x');
  const Corpus c =
      hf("SubscribeA Title\n" + kAbstract1 + "\n" + long_line + "\nB Title\n" + kAbstract2 + "\n");
  BOOST_TEST(c.papers.size() == 2u);
  BOOST_TEST(c.stats.rejected == 1u);
  check_accounting(c);
  bool found = false;
  for (const auto& d : c.diagnostics) {
    if (d.severity != Severity::error) continue;
    found = true;
    BOOST_TEST(d.line == 3u);
    BOOST_TEST(d.byte_offset == 17u + kAbstract1.size() + 1u);
    BOOST_TEST(d.source_name == "page");
    BOOST_TEST(d.format == "hf-text");
    BOOST_TEST(d.to_string().find("page:3: error:") == 0u);
  }
  BOOST_TEST(found);
}

BOOST_AUTO_TEST_CASE(title_without_abstract_is_kept_and_reported) {
  const Corpus c = hf("SubscribeLonely Title\nNext Title\n" + kAbstract1 + "\n");
  BOOST_REQUIRE(c.papers.size() == 2u);
  BOOST_TEST(c.papers[0].title == "Lonely Title");
  BOOST_TEST(c.papers[0].abstract.empty());
  BOOST_TEST(c.papers[1].abstract == kAbstract1);
  BOOST_REQUIRE(c.diagnostics.size() == 1u);
  BOOST_TEST(c.diagnostics[0].severity == Severity::warning);
  BOOST_TEST(c.diagnostics[0].line == 1u);
  check_accounting(c);
}

BOOST_AUTO_TEST_CASE(empty_and_blank_inputs_have_no_records) {
  for (const std::string input : {"", "\n\n", "\xEF\xBB\xBF", "   \r\n"}) {
    const Corpus c = hf(input);
    BOOST_TEST(c.stats.records == 0u);
    BOOST_TEST(c.diagnostics.empty());
  }
}

BOOST_AUTO_TEST_CASE(binary_garbage_is_accounted_for) {
  std::string garbage;
  for (int i = 0; i < 5000; ++i) garbage.push_back(static_cast<char>((i * 7919) % 256));
  const Corpus c = hf(garbage);
  check_accounting(c);
  for (const auto& p : c.papers) BOOST_TEST(p.title.find('\xFF') == std::string::npos);
}
