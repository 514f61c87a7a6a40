// The held hits of a ranked filter (docs/design.md, "The file pipeline"): whatever the memory
// budget (none spilled, a few sorted runs, more runs than one merge reads), the output is that
// of one stable sort of every hit, cut at `top`; runs read back what was written, and a run
// cut short is an error; a temporary directory that cannot hold the file is a clear IoError.
#define BOOST_TEST_MODULE held_hits
#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "papersieve/error.hpp"
#include "pipeline/held_hits.hpp"
#include "pipeline/sorted_run.hpp"
#include "pipeline/spill_file.hpp"

using namespace papersieve;
using detail::HeldHits;
using detail::RankKey;

namespace {

struct Held {
  RankKey key;
  std::string line;
};

// `count` hits in input order with few distinct scores (many ties), partial and missing dates,
// missing upvotes, and lines of varied length that compress as JSON lines do.
std::vector<Held> hits(std::size_t count, std::size_t line_bytes = 300, unsigned seed = 7) {
  std::mt19937 random(seed);
  const char* dates[] = {"2024-03-05", "2024-03", "2023", "", "2024-03-05", "2019-12-31"};
  std::vector<Held> out;
  for (std::size_t n = 0; n < count; ++n) {
    Held hit;
    hit.key.score = static_cast<double>(random() % 5) * 0.5;
    hit.key.input = n;
    const std::string date = dates[random() % 6];
    hit.key.date_size = static_cast<std::uint8_t>(date.size());
    std::copy(date.begin(), date.end(), hit.key.date.begin());
    hit.key.has_upvotes = random() % 4 != 0;
    if (hit.key.has_upvotes) hit.key.upvotes = static_cast<std::int64_t>(random() % 7) - 2;
    hit.line = "{\"n\":" + std::to_string(n) + ",\"text\":\"";
    const std::size_t size = line_bytes / 2 + random() % line_bytes;
    while (hit.line.size() < size) hit.line += "diffusion model number " + std::to_string(random());
    hit.line += "\"}\n";
    out.push_back(std::move(hit));
  }
  return out;
}

// One stable sort of every hit, cut at `top`.
std::string expected(const std::vector<Held>& all, SortOrder order,
                     std::optional<std::size_t> top = std::nullopt) {
  std::vector<const Held*> sorted;
  for (const Held& hit : all) sorted.push_back(&hit);
  std::stable_sort(sorted.begin(), sorted.end(), [order](const Held* a, const Held* b) {
    return detail::ranks_before(order, a->key, b->key);
  });
  if (top && sorted.size() > *top) sorted.resize(*top);
  std::string out;
  for (const Held* hit : sorted) out += hit->line;
  return out;
}

struct Ranked {
  std::string text;
  std::size_t written = 0;
  std::size_t runs = 0;
  std::uint64_t spilled = 0;
};

Ranked ranked(const std::vector<Held>& all, SortOrder order, std::size_t budget,
              std::optional<std::size_t> top = std::nullopt) {
  HeldHits held(order, top, budget);
  for (const Held& hit : all) held.add(hit.key, hit.line);
  Ranked out;
  out.runs = held.runs();
  out.written = held.write_ranked([&](std::string_view bytes) { out.text.append(bytes); });
  out.spilled = held.spilled_bytes();
  return out;
}

std::size_t lines(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

// Sets TMPDIR for the life of the object, then puts back what was there.
struct TmpDir {
  std::optional<std::string> before;
  explicit TmpDir(const char* dir) {
    if (const char* now = std::getenv("TMPDIR")) before = now;
    setenv("TMPDIR", dir, 1);
  }
  ~TmpDir() {
    if (before) {
      setenv("TMPDIR", before->c_str(), 1);
    } else {
      unsetenv("TMPDIR");
    }
  }
};

const SortOrder kOrders[] = {SortOrder::score, SortOrder::published, SortOrder::upvotes,
                             SortOrder::input};

}  // namespace

BOOST_AUTO_TEST_CASE(every_order_is_one_stable_sort_whatever_the_budget) {
  const std::vector<Held> all = hits(3000);
  for (SortOrder order : kOrders) {
    const std::string want = expected(all, order);
    const Ranked in_memory = ranked(all, order, std::size_t{32} << 20);
    BOOST_TEST(in_memory.runs == 0u);
    BOOST_TEST(in_memory.spilled == 0u);
    BOOST_TEST(in_memory.text == want);
    BOOST_TEST(in_memory.written == all.size());
    // About 100 hits a run: a few dozen runs, one merge.
    const Ranked spilled = ranked(all, order, 64 << 10);
    BOOST_TEST(spilled.runs > 10u);
    BOOST_TEST(spilled.runs <= HeldHits::kFanIn);
    BOOST_TEST(spilled.text == want);
    BOOST_TEST(spilled.written == all.size());
  }
}

BOOST_AUTO_TEST_CASE(more_runs_than_one_merge_reads_are_merged_in_passes) {
  const std::vector<Held> all = hits(2000, 200);
  for (SortOrder order : kOrders) {
    // A few hits a run: hundreds of runs, so the oldest are merged first, more than once.
    const Ranked out = ranked(all, order, 1024);
    BOOST_TEST(out.runs > 4 * HeldHits::kFanIn);
    BOOST_TEST(out.text == expected(all, order));
    BOOST_TEST(out.written == all.size());
  }
}

BOOST_AUTO_TEST_CASE(equal_ranks_across_runs_keep_the_input_order) {
  std::vector<Held> all = hits(1500);
  for (Held& hit : all) {
    hit.key.score = 1.0;
    hit.key.upvotes = 3;
    hit.key.has_upvotes = true;
    hit.key.date_size = 4;
    std::copy_n("2024", 4, hit.key.date.begin());
  }
  std::string input_order;
  for (const Held& hit : all) input_order += hit.line;
  for (SortOrder order : kOrders) {
    for (std::size_t budget : {std::size_t{2048}, std::size_t{40} << 10}) {
      const Ranked out = ranked(all, order, budget);
      BOOST_TEST(out.runs > 1u);
      BOOST_TEST(out.text == input_order);
    }
  }
}

BOOST_AUTO_TEST_CASE(top_cuts_runs_and_merge_alike) {
  const std::vector<Held> all = hits(3000);
  for (SortOrder order : {SortOrder::score, SortOrder::published, SortOrder::upvotes}) {
    for (std::size_t top : {std::size_t{1}, std::size_t{7}, std::size_t{500}, std::size_t{5000}}) {
      const std::string want = expected(all, order, top);
      BOOST_TEST(lines(want) == std::min<std::size_t>(top, all.size()));
      for (std::size_t budget : {std::size_t{1024}, std::size_t{64} << 10, std::size_t{32} << 20}) {
        const Ranked out = ranked(all, order, budget, top);
        BOOST_TEST(out.text == want, "top " << top << " budget " << budget);
        BOOST_TEST(out.written == lines(want));
      }
    }
    BOOST_TEST(ranked(all, order, 1024, 0).text.empty());
    BOOST_TEST(ranked(all, order, 1024, 0).spilled == 0u);
  }
}

BOOST_AUTO_TEST_CASE(nothing_held_writes_nothing) {
  for (std::size_t budget : {std::size_t{0}, std::size_t{1024}}) {
    const Ranked out = ranked({}, SortOrder::score, budget);
    BOOST_TEST(out.text.empty());
    BOOST_TEST(out.written == 0u);
    BOOST_TEST(out.runs == 0u);
  }
}

BOOST_AUTO_TEST_CASE(lines_larger_than_the_budget_and_the_read_buffers) {
  // Lines of up to 300 KB, past the budget and the readers' 64 KiB buffers, and one of 1 MiB,
  // past the writer's 256 KiB buffer too.
  std::vector<Held> all = hits(40, 200 << 10, 11);
  all[7].line.insert(1, std::string(1 << 20, ' '));
  const std::vector<Held> small = hits(200, 300, 12);
  for (std::size_t n = 0; n < small.size(); ++n) {
    all.push_back(small[n]);
    all.back().key.input = all.size() - 1;
  }
  for (SortOrder order : kOrders) {
    const Ranked out = ranked(all, order, 4096);
    BOOST_TEST(out.runs > 20u);
    BOOST_TEST(out.text == expected(all, order));
    const Ranked none = ranked(all, order, 0);  // every hit its own run
    BOOST_TEST(none.text == expected(all, order));
  }
}

// The spill file holds each spilled hit's line once, with a key of a few bytes (no copies, no
// padding): the bytes spilled are between those of the lines and lines plus 32 bytes a hit.
BOOST_AUTO_TEST_CASE(a_run_holds_each_line_once) {
  const std::vector<Held> all = hits(3000, 1000);
  detail::SpillFile file;
  detail::RunWriter writer(SortOrder::published, file);
  std::uint64_t line_bytes = 0;
  for (const Held& hit : all) {
    writer.add(hit.key, hit.line);
    line_bytes += hit.line.size();
  }
  const detail::Run run = writer.finish();
  BOOST_TEST(run.hits == all.size());
  BOOST_TEST(run.bytes == file.size());
  BOOST_TEST(run.bytes > line_bytes);
  BOOST_TEST(run.bytes <= line_bytes + 32 * all.size());
}

BOOST_AUTO_TEST_CASE(runs_read_back_what_was_written_empty_ones_too) {
  const std::vector<Held> all = hits(300);
  for (SortOrder order : kOrders) {
    detail::SpillFile file;
    detail::RunWriter writer(order, file);
    const detail::Run empty_first = writer.finish();
    for (std::size_t n = 0; n < 100; ++n) writer.add(all[n].key, all[n].line);
    const detail::Run full = writer.finish();
    const detail::Run empty = writer.finish();
    writer.add(all[100].key, all[100].line);
    const detail::Run one = writer.finish();
    BOOST_TEST(empty_first.hits == 0u);
    BOOST_TEST(full.hits == 100u);
    BOOST_TEST(full.offset == empty_first.offset + empty_first.bytes);
    BOOST_TEST(empty.offset == full.offset + full.bytes);
    BOOST_TEST(file.size() == one.offset + one.bytes);
    for (const detail::Run* run : {&empty_first, &empty}) {
      detail::RunReader reader(order, file, *run);
      BOOST_TEST(!reader.next());
    }
    detail::RunReader reader(order, file, full);
    for (std::size_t n = 0; n < 100; ++n) {
      BOOST_REQUIRE(reader.next());
      BOOST_TEST(reader.line() == all[n].line);
      BOOST_TEST(reader.key().input == all[n].key.input);
      BOOST_TEST(reader.key().score == all[n].key.score);
      if (order == SortOrder::published)
        BOOST_TEST(reader.key().sortable_date() == all[n].key.sortable_date());
      if (order == SortOrder::upvotes) {
        BOOST_TEST(reader.key().has_upvotes == all[n].key.has_upvotes);
        BOOST_TEST(reader.key().upvotes == all[n].key.upvotes);
      }
    }
    BOOST_TEST(!reader.next());
    // A run cut short is an error, not fewer hits: within a hit, and where one hit ends.
    detail::Run cut = full;
    cut.bytes /= 2;
    detail::RunReader short_reader(order, file, cut);
    BOOST_CHECK_THROW(while (short_reader.next()){}, IoError);
    writer.add(all[100].key, all[100].line);
    writer.add(all[100].key, all[100].line);
    detail::Run two = writer.finish();
    two.bytes = one.bytes;  // the first of its two hits: `one` is as long
    detail::RunReader boundary_reader(order, file, two);
    BOOST_CHECK(boundary_reader.next());
    BOOST_CHECK_THROW(boundary_reader.next(), IoError);
  }
}

BOOST_AUTO_TEST_CASE(a_missing_temporary_directory_is_a_clear_error) {
  const std::vector<Held> all = hits(500);
  const TmpDir missing("/nonexistent/papersieve-tmp");
  try {
    ranked(all, SortOrder::score, 4096);
    BOOST_FAIL("no error");
  } catch (const IoError& e) {
    const std::string message = e.what();
    BOOST_TEST(message.find("/nonexistent/papersieve-tmp") != std::string::npos, message);
    BOOST_TEST(message.find("TMPDIR") != std::string::npos, message);
    BOOST_TEST(message.find("No such file or directory") != std::string::npos, message);
  }
  // Nothing spilled: no file needed.
  BOOST_TEST(ranked(all, SortOrder::score, std::size_t{32} << 20).text ==
             expected(all, SortOrder::score));
}

BOOST_AUTO_TEST_CASE(tmpdir_is_where_the_file_goes) {
  // An existing TMPDIR works; an empty one falls back to /tmp.
  const std::vector<Held> all = hits(500);
  for (const char* dir : {"/tmp", ""}) {
    const TmpDir tmp(dir);
    BOOST_TEST(ranked(all, SortOrder::score, 4096).text == expected(all, SortOrder::score));
  }
}
