// Threads change nothing but speed: parse, parse_file, PaperStream and
// RuleSet::filter give identical results for threads 1, 2, 3 and 8, on real
// dumps, on inputs larger than one read chunk, and on a generated corpus full
// of duplicates, rejects and unknown TeX macros.
#define BOOST_TEST_MODULE threads
#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "papersieve/parse.hpp"
#include "papersieve/rules.hpp"
#include "papersieve/stream.hpp"
#include "papersieve/write.hpp"
#include "parallel.hpp"
#include "test_support.hpp"

using namespace papersieve;

namespace {

const std::vector<std::size_t> kThreads = {2, 3, 8};

// Everything a corpus says, as one string: papers (with their sources),
// diagnostics in order, stats and unknown macros.
std::string dump(const Corpus& c) {
  std::string out = std::string(format_name(c.format)) + "\n";
  for (const auto& p : c.papers) {
    out += paper_to_json(p) + " @" + p.source.name + ":" + std::to_string(p.source.line) + ":" +
           std::to_string(p.source.byte_offset) + "\n";
  }
  for (const auto& d : c.diagnostics) out += d.to_string() + "\n";
  out += stats_to_json(c.stats) + "\n";
  for (const auto& [macro, count] : c.unknown_macros)
    out += macro + "=" + std::to_string(count) + "\n";
  return out;
}

std::string dump(const Results& r) {
  std::string out = "considered " + std::to_string(r.considered) + "\n";
  for (const auto& h : r.hits) {
    out += std::to_string(h.index) + " " + std::to_string(h.score) + " |";
    for (const auto& rule : h.rules) out += " " + rule;
    out += " |";
    for (const auto& tag : h.tags) out += " " + tag;
    out += " |";
    for (const auto& s : h.spans)
      out += " " + std::to_string(static_cast<int>(s.field)) + ":" + std::to_string(s.start) + "-" +
             std::to_string(s.end);
    out += "\n";
  }
  return out;
}

struct TempFile {
  explicit TempFile(const std::string& content)
      : path("test_threads_" + std::to_string(++n) + ".tmp") {
    std::ofstream(path, std::ios::binary) << content;
  }
  ~TempFile() { std::remove(path.c_str()); }
  static inline int n = 0;
  std::string path;
};

// arxiv-jsonl, ~`n` records of ~700 bytes: every 9th repeats an earlier id (some
// from far back, beyond a batch), every 13th has only a title in common with an
// earlier one, every 31st line is broken JSON (rejected), TeX accents, unknown
// macros, URLs and non-ASCII text throughout.
std::string generated_arxiv(int n) {
  std::string out;
  for (int i = 0; i < n; ++i) {
    if (i % 31 == 30) {
      out += "{\"id\": \"broken " + std::to_string(i) + "\", \"title\": \n";
      continue;
    }
    int id = i;
    if (i % 9 == 8 && i > 100) id = i - 1 - (i * 7919) % (i < 3000 ? i - 1 : 3000);
    std::string arxiv =
        std::to_string(1000 + id / 10000) + "." + std::to_string(10000 + id % 10000);
    std::string title = "Paper " + std::to_string(id) + " on \\\\sysname{} and Schr\\\\\\\"odinger";
    if (i % 13 == 12 && i > 50) {
      title = "Paper " + std::to_string(i - 40) + " on \\\\sysname{} and Schr\\\\\\\"odinger";
      arxiv = "9" + arxiv.substr(1);
    }
    out += "{\"id\":\"" + arxiv + "\",\"submitter\":\"Ana B\\u00e9\",\"authors\":\"A. Author" +
           std::to_string(i % 17) + ", B. Co\\\\'e\",\"title\":\"" + title +
           "\",\"categories\":\"cs.LG cs.CL\",\"abstract\":\"  We study diffusion models" +
           " and \\\\macro" + std::to_string(i % 5) +
           " text-to-image generation.\\nCode at https://github.com/x/y" + std::to_string(i) +
           ". " + std::string(400 + (i * 37) % 300, 'a') +
           " word \\u00e9t\\u00e9.\",\"versions\":[{\"version\":\"v" + std::to_string(1 + i % 3) +
           "\"}]}\n";
  }
  return out;
}

// A Hugging Face page of `n` papers with duplicates and rejected lines (as test_stream).
std::string generated_page(int n) {
  std::string page = "Subscribe";
  for (int i = 0; i < n; ++i) {
    const int title = (i % 7 == 6 && i > 300) ? i - 5 - (i * 37) % 295 : i;
    page += "Paper number " + std::to_string(title) +
            "\nAn abstract about text-to-image diffusion models and \\sysname{} with prose "
            "that ends with a stop. Caf\xc3\xa9 na\xc3\xafve " +
            std::string(static_cast<std::size_t>(50 + i % 200), 'b') + ".\n";
    if (i % 50 == 49) page += std::string(500, 'r') + ".\n";
  }
  return page;
}

void check_parse_equal(const std::string& data, const std::string& what) {
  BOOST_TEST_MESSAGE(what << ": " << data.size() << " bytes");
  ParseOptions one;
  one.threads = 1;
  const std::string expected = dump(parse(data, one));
  const TempFile file(data);
  one.source_name = "<memory>";
  const std::string expected_file = dump(parse_file(file.path, one));
  for (std::size_t threads : kThreads) {
    ParseOptions options;
    options.threads = threads;
    BOOST_TEST(dump(parse(data, options)) == expected, what << " parse, threads " << threads);
    BOOST_TEST(dump(parse_file(file.path, options)) == expected_file,
               what << " parse_file, threads " << threads);
  }
}

// Every batch (papers, diagnostics, stats, macros) and the totals.
std::string dump_stream(const std::string& path, std::size_t threads, std::size_t batch) {
  ParseOptions options;
  options.threads = threads;
  PaperStream stream(path, options);
  std::string out;
  while (auto b = stream.next(batch)) out += "-- batch\n" + dump(*b);
  const ParseStats& t = stream.totals();
  return out + stats_to_json(t);
}

void check_stream_equal(const std::string& data, const std::string& what,
                        const std::vector<std::size_t>& batches = {1, 97, 5000}) {
  const TempFile file(data);
  for (std::size_t batch : batches) {
    const std::string expected = dump_stream(file.path, 1, batch);
    for (std::size_t threads : kThreads) {
      BOOST_TEST(dump_stream(file.path, threads, batch) == expected,
                 what << " stream, batch " << batch << ", threads " << threads);
    }
  }
}

void check_filter_equal(const Corpus& corpus, const RuleSet& rules, const std::string& what) {
  for (std::optional<std::size_t> top :
       {std::optional<std::size_t>{}, std::optional<std::size_t>{7}}) {
    const std::string expected = dump(rules.filter(corpus, top, 1));
    for (std::size_t threads : kThreads)
      BOOST_TEST(dump(rules.filter(corpus, top, threads)) == expected,
                 what << " filter, threads " << threads);
  }
}

// clang-format off
const char* const kRules =
    "{\"min_score\": 1, \"rules\": ["
    "{\"name\": \"diffusion\", \"query\": \"diffusion OR \\\"text to image\\\"\", \"weight\": 2, \"tags\": [\"gen\"]},"
    "{\"name\": \"code\", \"query\": \"link:github\", \"weight\": 1, \"tags\": [\"code\"]},"
    "{\"name\": \"numbered\", \"query\": \"/Paper [0-9]*7\\\\b/\", \"weight\": 1.5},"
    "{\"name\": \"noise\", \"query\": \"abstract:(prompt* OR quantum OR LHC)\", \"weight\": 0.5},"
    "{\"name\": \"veto\", \"query\": \"title:\\\"number 13\\\"\", \"exclude\": true}]}";
// clang-format on

}  // namespace

BOOST_AUTO_TEST_CASE(chunks_cover_the_range_in_order) {
  for (std::size_t n : {0u, 1u, 63u, 64u, 1000u, 1001u}) {
    for (std::size_t threads : {1u, 2u, 3u, 8u}) {
      std::vector<int> seen(n, 0);
      std::vector<std::size_t> last_end(threads + 1, 0);
      detail::for_chunks(n, threads, 16, [&](std::size_t, std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) ++seen[i];
      });
      for (std::size_t i = 0; i < n; ++i) BOOST_TEST(seen[i] == 1);
      std::vector<int> claimed(n, 0);
      bool led = false;
      detail::with_lead(
          n, threads, 4, [&] { led = true; }, [&](std::size_t i) { ++claimed[i]; });
      BOOST_TEST(led);
      for (std::size_t i = 0; i < n; ++i) BOOST_TEST(claimed[i] == 1);
    }
  }
  BOOST_CHECK_THROW(detail::for_chunks(1000, 4, 1,
                                       [](std::size_t c, std::size_t, std::size_t) {
                                         if (c == 2) throw std::runtime_error("chunk 2");
                                       }),
                    std::runtime_error);
}

BOOST_AUTO_TEST_CASE(real_hf_page) {
  const std::string path = test_support::shared_data("000_fd6c685c865a6cdc.txt");
  if (path.empty()) return;
  const std::string data = test_support::read_file(path);
  check_parse_equal(data, "hf page");
  // Eight copies: beyond a read chunk, every paper after the first copy a duplicate.
  std::string copies;
  for (int i = 0; i < 8; ++i) copies += data;
  check_parse_equal(copies, "hf page x8");
  check_stream_equal(copies, "hf page x8");
  const Corpus corpus = parse(data);
  check_filter_equal(corpus, RuleSet::from_json(kRules), "hf page");
  check_filter_equal(corpus, RuleSet::from_query("diffusion -survey"), "hf page query");
}

BOOST_AUTO_TEST_CASE(arxiv_sample) {
  const std::string path = test_support::shared_data("arxiv_oai_snapshot_first100.jsonl");
  if (path.empty()) return;
  const std::string data = test_support::read_file(path);
  check_parse_equal(data, "arxiv sample");
  std::string copies;
  for (int i = 0; i < 12; ++i) copies += data;
  check_parse_equal(copies, "arxiv sample x12");
  check_stream_equal(copies, "arxiv sample x12");
  check_filter_equal(parse(data), RuleSet::from_json(kRules), "arxiv sample");
}

BOOST_AUTO_TEST_CASE(generated_arxiv_with_duplicates_and_rejects) {
  const std::string data = generated_arxiv(4000);  // ~3.4 MB: several read chunks
  ParseOptions one;
  one.threads = 1;
  const Corpus corpus = parse(data, one);
  BOOST_TEST(corpus.stats.duplicates > 300u);
  BOOST_TEST(corpus.stats.rejected > 100u);
  BOOST_TEST(!corpus.unknown_macros.empty());
  check_parse_equal(data, "generated arxiv");
  check_stream_equal(data, "generated arxiv", {97, 5000});
  check_filter_equal(corpus, RuleSet::from_json(kRules), "generated arxiv");
}

BOOST_AUTO_TEST_CASE(generated_page_with_duplicates_and_rejects) {
  const std::string data = generated_page(10000);  // ~2.9 MB
  ParseOptions one;
  one.threads = 1;
  const Corpus corpus = parse(data, one);
  BOOST_TEST(corpus.stats.duplicates > 1000u);
  BOOST_TEST(corpus.stats.rejected == 200u);
  check_parse_equal(data, "generated page");
  check_stream_equal(data, "generated page", {97, 5000});
  check_filter_equal(corpus, RuleSet::from_json(kRules), "generated page");
}

BOOST_AUTO_TEST_CASE(zero_means_every_core_and_tiny_inputs_work) {
  ParseOptions all;  // threads = 0
  BOOST_TEST(all.threads == 0u);
  BOOST_TEST(detail::resolve_threads(0) >= 1u);
  all.format = Format::hf_text;  // plain title/abstract lines: named, not detected
  for (const std::string& data : {std::string(), std::string("Title\nAn abstract.\n")}) {
    ParseOptions one;
    one.format = Format::hf_text;
    one.threads = 1;
    BOOST_TEST(dump(parse(data, all)) == dump(parse(data, one)));
  }
  const Corpus empty;
  BOOST_TEST(RuleSet::from_query("x").filter(empty, std::nullopt, 0).hits.empty());
}
