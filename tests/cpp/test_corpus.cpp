#define BOOST_TEST_MODULE corpus
#include <boost/test/unit_test.hpp>
#include <cstdio>

#include "papersieve/error.hpp"
#include "papersieve/parse.hpp"
#include "test_support.hpp"

using namespace papersieve;

namespace {
const std::string kAbstract =
    "An abstract that reads as prose. It has two sentences and ends with a stop.";
}

BOOST_AUTO_TEST_CASE(same_title_folds_into_the_first_paper) {
  const Corpus c = parse("SubscribeA  Title\n" + kAbstract + "\nOther\n" + kAbstract +
                         "\na title\n" + kAbstract + " More text.\n42\n");
  BOOST_TEST(c.stats.records == 3u);
  BOOST_TEST(c.stats.papers == 2u);
  BOOST_TEST(c.stats.duplicates == 1u);
  BOOST_REQUIRE(c.papers.size() == 2u);
  // The richer abstract and the upvotes of the duplicate are kept.
  BOOST_TEST(c.papers[0].abstract == kAbstract + " More text.");
  BOOST_TEST(c.papers[0].upvotes.value_or(-1) == 42);
  BOOST_TEST(c.papers[0].title == "A Title");
}

BOOST_AUTO_TEST_CASE(same_arxiv_id_folds) {
  const Corpus c =
      parse("SubscribeOne\n" + kAbstract + "\nhttps://arxiv.org/abs/2401.00001v1\nOne (revised)\n" +
            kAbstract + "\nhttps://arxiv.org/abs/2401.00001v3\n");
  BOOST_TEST(c.stats.papers == 1u);
  BOOST_TEST(c.stats.duplicates == 1u);
  BOOST_TEST(c.papers[0].version == 3);
  BOOST_TEST(c.papers[0].links.size() == 2u);
}

BOOST_AUTO_TEST_CASE(parse_file_reads_in_chunks_like_parse_in_memory) {
  // Over 1 MiB so that lines cross chunk boundaries.
  std::string page = "Get trending papers in your email inbox!\n";
  for (int i = 0; page.size() < (3u << 20); ++i)
    page += (i == 0 ? "Subscribe" : "") + std::string("Paper number ") + std::to_string(i) + "\n" +
            kAbstract + " " + std::string(static_cast<std::size_t>(i % 977), 'z') + ".\n";
  const std::string path = "test_corpus_big.txt";
  {
    std::ofstream out(path, std::ios::binary);
    out << page;
  }
  const Corpus from_file = parse_file(path);
  const Corpus in_memory = parse(page);
  std::remove(path.c_str());
  BOOST_TEST(from_file.stats.papers > 1000u);
  BOOST_TEST(from_file.stats.papers == in_memory.stats.papers);
  BOOST_TEST(from_file.stats.rejected == 0u);
  for (std::size_t i = 0; i < in_memory.papers.size(); ++i) {
    BOOST_TEST(from_file.papers[i].abstract == in_memory.papers[i].abstract);
    BOOST_TEST(from_file.papers[i].source.byte_offset == in_memory.papers[i].source.byte_offset);
  }
  BOOST_TEST(from_file.papers[0].source.name == path);
}

BOOST_AUTO_TEST_CASE(missing_file_is_an_io_error) {
  BOOST_CHECK_THROW(parse_file("/nonexistent/dir/page.txt"), IoError);
  try {
    parse_file("/nonexistent/dir/page.txt");
  } catch (const Error& e) {
    BOOST_TEST(e.status() == Status::io);
    BOOST_TEST(std::string(e.what()).find("/nonexistent/dir/page.txt") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(bundled_sample_parses_cleanly) {
  const Corpus c = parse_file(std::string(PSV_EXAMPLES_DATA_DIR) + "/hf_page_sample.txt");
  BOOST_TEST(c.papers.size() == 10u);
  BOOST_TEST(c.stats.rejected == 0u);
  BOOST_TEST(c.papers[0].title ==
             "LanternDiff: Sparse Denoising Schedules for Text-to-Image Diffusion Models");
}
