#define BOOST_TEST_MODULE compressed_input
#include <bzlib.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <fstream>
#include <utility>

#include "papersieve/error.hpp"
#include "papersieve/filter_file.hpp"
#include "papersieve/parse.hpp"
#include "papersieve/stream.hpp"
#include "reader_harness.hpp"
#include "test_support.hpp"

using namespace papersieve;
using test_support::contains;

namespace {

std::string gzip(const std::string& text) {
  z_stream z{};
  BOOST_REQUIRE(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(deflateBound(&z, text.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  BOOST_REQUIRE(deflate(&z, Z_FINISH) == Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string zstd(const std::string& text) {
  std::string out(ZSTD_compressBound(text.size()), '\0');
  const std::size_t n = ZSTD_compress(out.data(), out.size(), text.data(), text.size(), 3);
  BOOST_REQUIRE(!ZSTD_isError(n));
  out.resize(n);
  return out;
}

std::string bzip2(const std::string& text) {
  std::string out(text.size() + text.size() / 100 + 600, '\0');
  auto size = static_cast<unsigned>(out.size());
  BOOST_REQUIRE(BZ2_bzBuffToBuffCompress(out.data(), &size, const_cast<char*>(text.data()),
                                         static_cast<unsigned>(text.size()), 9, 0, 0) == BZ_OK);
  out.resize(size);
  return out;
}

struct TempFile {
  explicit TempFile(const std::string& bytes)
      : path(std::string("psv_compressed_") +
             std::to_string(reinterpret_cast<std::uintptr_t>(this))) {
    std::ofstream(path, std::ios::binary) << bytes;
  }
  ~TempFile() { std::remove(path.c_str()); }
  std::string path;
};

std::vector<std::string> titles(const Corpus& c) {
  std::vector<std::string> out;
  for (const auto& p : c.papers) out.push_back(p.title);
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(gzip_zstd_and_bzip2_files_read_like_the_plain_file) {
  const std::string plain = test_support::test_data("arxiv_rss_cs.CL.xml");
  const Corpus expected = parse(plain);
  BOOST_REQUIRE(expected.papers.size() == 4u);
  for (const std::string& packed : {gzip(plain), zstd(plain), bzip2(plain)}) {
    const TempFile file(packed);
    const Corpus c = parse_file(file.path);
    BOOST_TEST(c.format == Format::arxiv_rss);  // detected on the decoded bytes
    BOOST_TEST(titles(c) == titles(expected));
    BOOST_TEST(c.papers[2].source.byte_offset == expected.papers[2].source.byte_offset);
    const Corpus in_memory = parse(packed);
    BOOST_TEST(titles(in_memory) == titles(expected));
  }
}

BOOST_AUTO_TEST_CASE(concatenated_gzip_members_are_one_input) {
  const std::string plain = test_support::test_data("pubmed_update_sample.xml");
  const std::size_t cut = plain.find("<PubmedArticle>", 300);
  const TempFile file(gzip(plain.substr(0, cut)) + gzip(plain.substr(cut)));
  const Corpus c = parse_file(file.path);
  BOOST_TEST(c.format == Format::pubmed);
  BOOST_TEST(c.papers.size() == 2u);
}

BOOST_AUTO_TEST_CASE(large_input_streams_in_small_decoded_chunks) {
  std::string big = "<PubmedArticleSet>";
  for (int i = 0; i < 20000; ++i)
    big += "<PubmedArticle><MedlineCitation><PMID>" + std::to_string(i + 1) +
           "</PMID><Article><ArticleTitle>Article " + std::to_string(i) +
           "</ArticleTitle></Article></MedlineCitation></PubmedArticle>";
  big += "</PubmedArticleSet>";
  const TempFile file(gzip(big));
  PaperStream stream(file.path);
  std::size_t papers = 0, batches = 0;
  while (auto batch = stream.next(1000)) {
    papers += batch->papers.size();
    ++batches;
  }
  BOOST_TEST(papers == 20000u);
  BOOST_TEST(batches >= 20u);
  BOOST_TEST(stream.format() == Format::pubmed);
}

BOOST_AUTO_TEST_CASE(truncated_and_corrupt_data_are_clear_errors) {
  const std::string packed = gzip(test_support::test_data("journal_atom.xml"));
  const TempFile truncated(packed.substr(0, packed.size() / 2));
  try {
    parse_file(truncated.path);
    BOOST_FAIL("a truncated gzip file was read without an error");
  } catch (const Error& e) {
    BOOST_TEST(e.status() == Status::parse);
    BOOST_TEST(contains(e.what(), "gzip data ends early"), e.what());
  }
  std::string broken = packed;
  for (std::size_t i = 12; i < 40 && i < broken.size(); ++i) broken[i] = '\xFF';
  const TempFile corrupt(broken);
  BOOST_CHECK_THROW(parse_file(corrupt.path), Error);
  BOOST_CHECK_THROW(parse(broken), Error);
}

BOOST_AUTO_TEST_CASE(text_that_merely_starts_like_a_magic_number_is_read_as_text) {
  // "BZh" without a block-size digit is no bzip2 stream
  const Corpus c = parse("BZh is a title\nAn abstract that reads as prose.\n",
                         ParseOptions{Format::hf_text, "t"});
  BOOST_TEST(c.papers.size() == 1u);
}

// The file pipeline reads a JSON-lines file in stretches of several MiB: straight from the
// file when it is plain, through the decoder when it is compressed. Both give what the plain
// file gives, lines that straddle decoded chunks and stretches included.
BOOST_AUTO_TEST_CASE(compressed_json_lines_filter_like_the_plain_file) {
  std::string plain;
  for (int i = 1; i <= 12000; ++i) {
    const std::string n = std::to_string(i);
    plain += "{\"id\": \"2401." + std::string(5 - std::min<std::size_t>(5, n.size()), '0') + n +
             "\", \"title\": \"" + (i % 7 == 0 ? "Graphene lattices " : "Quiet fields ") + n +
             "\", \"abstract\": \"" + std::string(700 + i % 300, 'a') + " graphene " + n +
             "\", \"categories\": \"cond-mat\"}\n";
  }
  const RuleSet rules = RuleSet::from_query("title:graphene");
  const auto run = [&](const std::string& path) {
    FileFilterOptions options;
    options.parse.threads = 2;
    options.parse.source_name = "snapshot";
    options.parse.format = Format::arxiv_jsonl;  // the format the pipeline reads by line
    std::string out;
    const FileFilterSummary s =
        filter_file(path, rules, options, [&](std::string_view b) { out.append(b); });
    BOOST_TEST(s.stats.records == 12000u);
    BOOST_TEST(s.format == Format::arxiv_jsonl);
    return std::make_pair(out, scan_file(path, options.parse).stats.papers);
  };
  const TempFile plain_file(plain);
  const auto expected = run(plain_file.path);
  BOOST_TEST(std::count(expected.first.begin(), expected.first.end(), '\n') == 12000 / 7);
  BOOST_TEST(expected.second == 12000u);
  for (const std::string& packed : {gzip(plain), zstd(plain)}) {
    const TempFile file(packed);
    BOOST_TEST((run(file.path) == expected));
  }
}

// Stretch k holds the lines that start in bytes [k * 4 MiB, (k + 1) * 4 MiB), read plain or
// decoded: a duplicate in its own paper's stretch is folded into it, one in a later stretch
// is dropped. Every other line repeats the line before it (as version 2), so the pairs that
// straddle a stretch's start are exactly the ones dropped, for any number of threads.
BOOST_AUTO_TEST_CASE(plain_and_compressed_lines_are_cut_at_the_same_line_ends) {
  constexpr std::uint64_t kStretch = std::uint64_t{4} << 20;
  std::string plain;
  std::size_t straddling = 0;
  for (int i = 0; plain.size() < 3 * kStretch; ++i) {
    const std::string n = std::to_string(100000 + i).substr(1);
    const std::string line = "{\"id\": \"2401." + n + "\", \"title\": \"Graphene " + n +
                             "\", \"abstract\": \"" + std::string(60 + i % 97, 'a') +
                             "\", \"versions\": [{\"version\": \"v";
    const std::uint64_t first = plain.size();
    plain += line + "1\"}]}\n";
    straddling += first / kStretch != plain.size() / kStretch;
    plain += line + "2\"}]}\n";
  }
  BOOST_REQUIRE_GE(straddling, 1u);
  const RuleSet rules = RuleSet::from_query("title:graphene");
  const auto run = [&](const std::string& path, std::size_t threads) {
    FileFilterOptions options;
    options.parse.threads = threads;
    options.parse.source_name = "snapshot";
    options.parse.format = Format::arxiv_jsonl;  // the format the pipeline reads by line
    options.filter.sort = SortOrder::input;
    std::string out;
    std::size_t dropped = 0, folded = 0;
    filter_file(
        path, rules, options, [&](std::string_view b) { out.append(b); },
        [&](std::vector<Diagnostic>&& ds, const ParseStats&, std::uint64_t) {
          for (const Diagnostic& d : ds) {
            out += std::to_string(d.line) + " " + std::to_string(d.byte_offset) + " " + d.message +
                   "\n";
            dropped += contains(d.message, "dropped");
            folded += contains(d.message, "folded");
          }
        });
    BOOST_TEST(dropped == straddling);
    BOOST_TEST(folded > 1000u);
    return out;
  };
  const TempFile plain_file(plain);
  const std::string expected = run(plain_file.path, 1);
  BOOST_TEST((run(plain_file.path, 2) == expected));
  const TempFile packed(gzip(plain));
  BOOST_TEST((run(packed.path, 1) == expected));
  BOOST_TEST((run(packed.path, 2) == expected));
}
