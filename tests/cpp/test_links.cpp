#define BOOST_TEST_MODULE links
#include <boost/test/unit_test.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "papersieve/normalize.hpp"
#include "test_support.hpp"

using namespace papersieve;

namespace papersieve {
inline std::ostream& operator<<(std::ostream& os, LinkKind kind) {
  return os << link_kind_name(kind);
}
}  // namespace papersieve

namespace {

std::vector<std::string> urls_in(const std::string& text) {
  std::vector<std::string> urls;
  for (const auto& link : extract_links(text)) urls.push_back(link.url);
  return urls;
}

using Urls = std::vector<std::string>;

bool ends_with_unbalanced_paren(const std::string& url) {
  if (url.empty() || url.back() != ')') return false;
  std::ptrdiff_t depth = 0;
  for (char c : url) depth += c == '(' ? 1 : c == ')' ? -1 : 0;
  return depth < 0;
}

}  // namespace

BOOST_AUTO_TEST_CASE(real_page_urls_are_trimmed_and_classified) {
  const std::string path = test_support::shared_data("000_fd6c685c865a6cdc.txt");
  if (path.empty()) return;
  std::istringstream page(test_support::read_file(path));
  std::set<std::string> distinct;
  std::size_t found = 0;
  bool dpt = false;
  for (std::string line; std::getline(page, line);) {
    for (const auto& link : extract_links(line)) {
      ++found;
      distinct.insert(link.url);
      const char last = link.url.back();
      BOOST_TEST((last != '.' && last != ',' && last != ';' && last != ':'), link.url);
      BOOST_TEST(!ends_with_unbalanced_paren(link.url), link.url);
      if (link.url == "https://github.com/fanrena/DPT") dpt = link.kind == LinkKind::code;
    }
  }
  BOOST_TEST(found == 49u);  // one URL is given by two abstracts
  BOOST_TEST(distinct.size() == 48u);
  BOOST_TEST(dpt);
}

BOOST_AUTO_TEST_CASE(sentence_punctuation_is_trimmed) {
  BOOST_TEST(urls_in("Code: https://github.com/fanrena/DPT.") ==
             Urls{"https://github.com/fanrena/DPT"});
  BOOST_TEST(urls_in("at https://a.org/x, https://b.org/y; https://c.org/z: and "
                     "https://d.org/w! or https://e.org/v?") ==
             (Urls{"https://a.org/x", "https://b.org/y", "https://c.org/z", "https://d.org/w",
                   "https://e.org/v"}));
  BOOST_TEST(urls_in("see https://a.org/q?x=1&y=2#top.") == Urls{"https://a.org/q?x=1&y=2#top"});
  BOOST_TEST(urls_in("https://t2i-corebench.github.io/.") ==
             Urls{"https://t2i-corebench.github.io/"});
}

BOOST_AUTO_TEST_CASE(brackets_are_trimmed_only_when_they_close_nothing_inside) {
  BOOST_TEST(urls_in("(code: https://github.com/a/b).") == Urls{"https://github.com/a/b"});
  BOOST_TEST(urls_in("[https://a.org/x]") == Urls{"https://a.org/x"});
  BOOST_TEST(urls_in("see https://en.wikipedia.org/wiki/Foo_(bar).") ==
             Urls{"https://en.wikipedia.org/wiki/Foo_(bar)"});
  BOOST_TEST(urls_in("(see https://en.wikipedia.org/wiki/Foo_(bar))") ==
             Urls{"https://en.wikipedia.org/wiki/Foo_(bar)"});
}

BOOST_AUTO_TEST_CASE(quotes_around_urls_are_not_part_of_them) {
  BOOST_TEST(urls_in("\"https://a.org/x\"") == Urls{"https://a.org/x"});
  BOOST_TEST(urls_in("'https://a.org/x'.") == Urls{"https://a.org/x"});
  BOOST_TEST(urls_in("\u201Chttps://a.org/x\u201D") == Urls{"https://a.org/x"});
  BOOST_TEST(urls_in("\u2018https://a.org/x\u2019,") == Urls{"https://a.org/x"});
  BOOST_TEST(urls_in("<https://a.org/x>") == Urls{"https://a.org/x"});
}

BOOST_AUTO_TEST_CASE(urls_start_at_a_word_start) {
  BOOST_TEST(urls_in("Code:https://github.com/a/b") == Urls{"https://github.com/a/b"});
  BOOST_TEST(urls_in("xhttps://a.org").empty());
  BOOST_TEST(urls_in("https:// nothing").empty());
  BOOST_TEST(urls_in("HTTPS://A.org/X") == Urls{"HTTPS://A.org/X"});
}

BOOST_AUTO_TEST_CASE(www_urls_are_found_and_made_absolute) {
  BOOST_TEST(urls_in("see www.example.org/demo.") == Urls{"https://www.example.org/demo"});
  BOOST_TEST(urls_in("https://www.example.org") == Urls{"https://www.example.org"});
  BOOST_TEST(urls_in("mail me at x@www.example.org").empty());
  BOOST_TEST(urls_in("the www.nothing host").empty());
  BOOST_TEST(urls_in("ends in www.example.").empty());  // no domain once the period goes
}

BOOST_AUTO_TEST_CASE(duplicates_are_listed_once) {
  BOOST_TEST(urls_in("https://a.org/x and again https://a.org/x.") == Urls{"https://a.org/x"});
}

BOOST_AUTO_TEST_CASE(code_hosts) {
  BOOST_TEST(classify_link("https://github.com/fanrena/DPT") == LinkKind::code);
  BOOST_TEST(classify_link("https://www.github.com/a/b") == LinkKind::code);
  BOOST_TEST(classify_link("https://gitlab.com/a/b") == LinkKind::code);
  BOOST_TEST(classify_link("https://bitbucket.org/a/b") == LinkKind::code);
  BOOST_TEST(classify_link("https://huggingface.co/spaces/a/demo") == LinkKind::code);
}

BOOST_AUTO_TEST_CASE(data_hosts) {
  BOOST_TEST(classify_link("https://zenodo.org/records/14876029") == LinkKind::data);
  BOOST_TEST(classify_link("https://huggingface.co/datasets/a/b") == LinkKind::data);
  BOOST_TEST(classify_link("https://www.kaggle.com/datasets/a/b") == LinkKind::data);
  BOOST_TEST(classify_link("https://figshare.com/articles/x/1") == LinkKind::data);
  BOOST_TEST(classify_link("https://springernature.figshare.com/x") == LinkKind::data);
}

BOOST_AUTO_TEST_CASE(paper_hosts) {
  BOOST_TEST(classify_link("https://arxiv.org/abs/2406.01234") == LinkKind::paper);
  BOOST_TEST(classify_link("https://export.arxiv.org/abs/2406.01234") == LinkKind::paper);
  BOOST_TEST(classify_link("https://doi.org/10.1000/182") == LinkKind::paper);
  BOOST_TEST(classify_link("http://dx.doi.org/10.1000/182") == LinkKind::paper);
  BOOST_TEST(classify_link("https://openreview.net/forum?id=x") == LinkKind::paper);
  BOOST_TEST(classify_link("https://aclanthology.org/2023.acl-long.1") == LinkKind::paper);
  BOOST_TEST(classify_link("https://huggingface.co/papers/2406.01234") == LinkKind::paper);
}

BOOST_AUTO_TEST_CASE(everything_else_is_a_project) {
  BOOST_TEST(classify_link("https://briannlongzhao.github.io/DreamDistribution") ==
             LinkKind::project);  // a GitHub page, not code
  BOOST_TEST(classify_link("https://kaggle.com/competitions/x") == LinkKind::project);
  BOOST_TEST(classify_link("https://huggingface.co/google/model") == LinkKind::project);
  BOOST_TEST(classify_link("https://notgithub.com/a/b") == LinkKind::project);
  BOOST_TEST(classify_link("https://user@GitHub.com:443/a/b") == LinkKind::code);
}

BOOST_AUTO_TEST_CASE(arxiv_ids_from_urls) {
  auto ref = arxiv_ref_from_url("https://arxiv.org/abs/2406.01234v2");
  BOOST_REQUIRE(ref.has_value());
  BOOST_TEST(ref->id == "2406.01234");
  BOOST_TEST(ref->version == 2);
  ref = arxiv_ref_from_url("https://arxiv.org/pdf/2406.01234.pdf");
  BOOST_REQUIRE(ref.has_value());
  BOOST_TEST(ref->id == "2406.01234");
  BOOST_TEST(ref->version == 0);
  ref = arxiv_ref_from_url("https://arxiv.org/abs/hep-th/9901001v1");
  BOOST_REQUIRE(ref.has_value());
  BOOST_TEST(ref->id == "hep-th/9901001");
  BOOST_TEST(ref->version == 1);
  ref = arxiv_ref_from_url("https://arxiv.org/html/0704.0001");
  BOOST_REQUIRE(ref.has_value());
  BOOST_TEST(ref->id == "0704.0001");
  ref = arxiv_ref_from_url("https://huggingface.co/papers/2406.01234");
  BOOST_REQUIRE(ref.has_value());
  BOOST_TEST(ref->id == "2406.01234");
}

BOOST_AUTO_TEST_CASE(urls_that_name_no_arxiv_paper) {
  BOOST_TEST(!arxiv_ref_from_url("https://github.com/a/2406.01234"));
  BOOST_TEST(!arxiv_ref_from_url("https://notarxiv.org/abs/2406.01234"));
  BOOST_TEST(!arxiv_ref_from_url("https://arxiv.org/abs/2406.012345"));  // too many digits
  BOOST_TEST(!arxiv_ref_from_url("https://arxiv.org/list/cs.CL/recent"));
  // A version too long to be one is no version, and no crash.
  const auto odd = arxiv_ref_from_url("https://arxiv.org/abs/2406.01234v99999999999");
  BOOST_REQUIRE(odd.has_value());
  BOOST_TEST(odd->version == 0);
}

BOOST_AUTO_TEST_CASE(hostile_text_stays_linear) {
  std::string hostile;
  for (int i = 0; i < 50000; ++i) hostile += "https://-www.a:";
  BOOST_TEST(extract_links(hostile).empty());
  const std::string parens = "https://a.org/" + std::string(200000, ')');
  BOOST_TEST(urls_in(parens) == Urls{"https://a.org/"});
}

BOOST_AUTO_TEST_CASE(url_length_at_is_the_shared_definition) {
  const std::string text = "at https://a.org/x). Then";
  BOOST_TEST(url_length_at(text, 3) == std::string("https://a.org/x").size());
  BOOST_TEST(url_length_at(text, 0) == 0u);
  BOOST_TEST(url_length_at(text, 100) == 0u);
}
