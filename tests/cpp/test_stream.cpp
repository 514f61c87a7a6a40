#define BOOST_TEST_MODULE stream
#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <random>
#include <unordered_map>

#include "papersieve/error.hpp"
#include "papersieve/stream.hpp"
#include "parse/key_index.hpp"
#include "parse/seen_keys.hpp"
#include "test_support.hpp"

using namespace papersieve;

namespace {

const std::string kAbstract =
    "An abstract that reads as prose. It has two sentences and ends with a stop.";

// A page of `n` papers where every 7th repeats the title of one 5 to 300 papers back,
// and every 50th line is an abstract without title (rejected).
std::string page_with_duplicates(int n) {
  std::string page = "Subscribe";
  for (int i = 0; i < n; ++i) {
    const int title = (i % 7 == 6 && i > 300) ? i - 5 - (i * 37) % 295 : i;
    page += "Paper number " + std::to_string(title) + "\n" + kAbstract + "\n";
    if (i % 50 == 49) page += std::string(500, 'r') + ".\n";
  }
  return page;
}

struct TempFile {
  explicit TempFile(const std::string& content)
      : path("test_stream_" + std::to_string(++n) + ".txt") {
    std::ofstream(path, std::ios::binary) << content;
  }
  ~TempFile() { std::remove(path.c_str()); }
  static inline int n = 0;
  std::string path;
};

}  // namespace

BOOST_AUTO_TEST_CASE(batches_add_up_to_the_whole_file) {
  const TempFile file(page_with_duplicates(20000));
  const Corpus whole = parse_file(file.path);
  BOOST_TEST(whole.stats.duplicates > 1000u);
  BOOST_TEST(whole.stats.rejected == 400u);

  for (std::size_t batch_size : {1u, 97u, 5000u, 1000000u}) {
    PaperStream stream(file.path);
    std::vector<std::string> ids;
    ParseStats sum;
    while (auto batch = stream.next(batch_size)) {
      BOOST_TEST(batch->papers.size() <= batch_size);
      const auto& s = batch->stats;
      BOOST_TEST(s.records == s.papers + s.duplicates + s.rejected);
      BOOST_TEST(s.papers == batch->papers.size());
      for (const auto& p : batch->papers) ids.push_back(p.id);
      sum.records += s.records;
      sum.papers += s.papers;
      sum.duplicates += s.duplicates;
      sum.rejected += s.rejected;
    }
    BOOST_TEST(ids.size() == whole.papers.size());
    for (std::size_t i = 0; i < ids.size() && i < whole.papers.size(); ++i)
      BOOST_TEST(ids[i] == whole.papers[i].id);
    BOOST_TEST(sum.records == whole.stats.records);
    BOOST_TEST(sum.duplicates == whole.stats.duplicates);
    BOOST_TEST(sum.rejected == whole.stats.rejected);
    BOOST_TEST(stream.totals().papers == sum.papers);
    BOOST_TEST(!stream.next(batch_size).has_value());  // stays at the end
  }
}

// Small batches leave papers pending; a larger one then takes what is left, whatever the
// builder has already handed out of the same read.
BOOST_AUTO_TEST_CASE(batches_of_changing_sizes_add_up_to_the_whole_file) {
  const TempFile file(page_with_duplicates(20000));
  const Corpus whole = parse_file(file.path);
  const std::size_t sizes[] = {10, 1000000, 3, 700, 1, 20000, 50};
  PaperStream stream(file.path);
  std::vector<std::string> ids;
  for (std::size_t call = 0;; ++call) {
    const std::size_t size = sizes[call % std::size(sizes)];
    auto batch = stream.next(size);
    if (!batch) break;
    BOOST_TEST(batch->papers.size() <= size);
    for (const auto& p : batch->papers) ids.push_back(p.id);
  }
  BOOST_REQUIRE(ids.size() == whole.papers.size());
  for (std::size_t i = 0; i < ids.size(); ++i) BOOST_TEST(ids[i] == whole.papers[i].id);
}

BOOST_AUTO_TEST_CASE(a_file_of_rejects_still_reports_them) {
  const TempFile file("Subscribe" + std::string(600, 'x') + "\n" + std::string(700, 'y') + "\n");
  PaperStream stream(file.path, ParseOptions{Format::hf_text, "rejects"});
  auto batch = stream.next(10);
  BOOST_REQUIRE(batch.has_value());
  BOOST_TEST(batch->papers.empty());
  BOOST_TEST(batch->stats.rejected == 2u);
  // The two rejections, then what the input looks like (docs/formats.md, "Detection").
  BOOST_REQUIRE(batch->diagnostics.size() == 3u);
  BOOST_TEST(batch->diagnostics[2].message ==
             "every record was rejected as hf-text; no reader recognizes this input");
  BOOST_TEST(!stream.next(10).has_value());
}

BOOST_AUTO_TEST_CASE(empty_file_has_no_batches) {
  const TempFile file("");
  PaperStream stream(file.path);
  BOOST_TEST(stream.format() == Format::jsonl);  // blank input: no records in any format
  BOOST_TEST(!stream.next(10).has_value());
}

BOOST_AUTO_TEST_CASE(bad_arguments_are_errors) {
  BOOST_CHECK_THROW(PaperStream("/nonexistent/file.txt"), IoError);
  const TempFile file("T\n" + kAbstract + "\n");
  BOOST_CHECK_THROW(PaperStream{file.path}, ParseError);  // no reader recognizes it
  PaperStream stream(file.path, ParseOptions{Format::hf_text, "t"});
  BOOST_CHECK_THROW(stream.next(0), Error);
}

BOOST_AUTO_TEST_CASE(seen_keys_across_merges) {
  detail::SeenKeys seen;
  std::mt19937_64 rng(7);
  std::vector<std::uint64_t> keys(200000);
  for (auto& k : keys) k = rng();
  for (std::size_t i = 0; i < keys.size(); i += 2) seen.insert(keys[i]);
  seen.insert(keys[0]);  // no double counting
  BOOST_TEST(seen.size() == keys.size() / 2);
  std::size_t wrong = 0;
  for (std::size_t i = 0; i < keys.size(); ++i) wrong += seen.contains(keys[i]) != (i % 2 == 0);
  BOOST_TEST(wrong == 0u);
}

// Random inserts and erases against std::unordered_map, the table kept near its fullest so that
// erasing shifts probe runs.
BOOST_AUTO_TEST_CASE(key_index_agrees_with_a_map) {
  detail::KeyIndex index;
  std::unordered_map<std::uint64_t, std::size_t> model;
  std::mt19937_64 rng(11);
  std::size_t wrong = 0;
  for (std::size_t step = 0; step < 300000; ++step) {
    const std::uint64_t key = 2 + rng() % 5000;  // (0 is stored as 1: the two are one key)
    const std::size_t number = step;
    switch (rng() % 3) {
      case 0:
      case 1: {
        const bool added = index.emplace(key, number);
        wrong += added != model.emplace(key, number).second;
        break;
      }
      default: index.erase(key); model.erase(key);
    }
    const auto found = index.find(key);
    const auto it = model.find(key);
    wrong += found.has_value() != (it != model.end()) || (found && *found != it->second);
  }
  for (std::uint64_t key = 2; key < 5002; ++key) {
    const auto found = index.find(key);
    const auto it = model.find(key);
    wrong += found.has_value() != (it != model.end()) || (found && *found != it->second);
  }
  BOOST_TEST(wrong == 0u);
}
