// Invalid UTF-8 in the fields normalization keeps verbatim (links, categories, `extra`
// keys and values, ids, dates) is repaired like the text fields: every string of a Paper
// is valid UTF-8. Regression test for what fuzz/python/fuzz_python_api.py found: a kv-text
// link and `extra` value holding 0xFC/0xF6 bytes made Paper.links, Paper.extra and
// Corpus.to_jsonl() raise UnicodeDecodeError in Python.
#define BOOST_TEST_MODULE hostile_fields
#include <boost/test/unit_test.hpp>
#include <string>

#include "papersieve/normalize.hpp"
#include "papersieve/parse.hpp"
#include "papersieve/write.hpp"

using namespace papersieve;

namespace {

bool valid_utf8(const std::string& s) { return repair_utf8(s) == s; }

void check_all_valid(const Corpus& corpus) {
  for (const Paper& p : corpus.papers) {
    BOOST_TEST(valid_utf8(p.id));
    BOOST_TEST(valid_utf8(p.arxiv_id));
    BOOST_TEST(valid_utf8(p.title));
    BOOST_TEST(valid_utf8(p.abstract));
    BOOST_TEST(valid_utf8(p.published));
    BOOST_TEST(valid_utf8(p.short_name));
    BOOST_TEST(valid_utf8(p.submitter));
    for (const auto& a : p.authors) BOOST_TEST(valid_utf8(a));
    for (const auto& c : p.categories) BOOST_TEST(valid_utf8(c));
    for (const auto& l : p.links) BOOST_TEST(valid_utf8(l.url));
    for (const auto& [k, v] : p.extra) {
      BOOST_TEST(valid_utf8(k));
      BOOST_TEST(valid_utf8(v));
    }
  }
  BOOST_TEST(valid_utf8(papers_to_jsonl(corpus.papers)));
}

}  // namespace

BOOST_AUTO_TEST_CASE(kv_text_link_and_extra) {
  const std::string input =
      "Title: One\nPDF: https://arxiv.org/pdf/2406.14539/\xfc}\n  more \xfc}\n"
      "Summary: A summary.\nExtra \xf6: tp \xf6\xf6\n";
  const Corpus corpus = parse(input, ParseOptions{Format::kv_text, "kv"});
  BOOST_REQUIRE(corpus.papers.size() == 1u);
  check_all_valid(corpus);
  const Paper& p = corpus.papers[0];
  BOOST_REQUIRE(!p.links.empty());
  BOOST_TEST(p.links[0].url.find("\xEF\xBF\xBD") != std::string::npos);  // U+FFFD
  BOOST_TEST(p.extra.at("pdf") == "more \xEF\xBF\xBD}");  // the wrapped text is no URL
  bool warned = false;
  for (const auto& d : corpus.diagnostics)
    warned = warned || d.message.rfind("invalid UTF-8 in links: 1 byte(s)", 0) == 0;
  BOOST_TEST(warned);
}

BOOST_AUTO_TEST_CASE(arxiv_jsonl_categories_and_extra) {
  const std::string input =
      "{\"id\": \"2406.00001\", \"title\": \"T\", \"abstract\": \"A.\", "
      "\"categories\": \"cs.CL \xff\", \"comments\": \"c \xfe\", \"doi\": \"10.1/\xc3\"}\n";
  const Corpus corpus = parse(input, ParseOptions{Format::arxiv_jsonl, "a"});
  BOOST_REQUIRE(corpus.papers.size() == 1u);
  check_all_valid(corpus);
}
