#define BOOST_TEST_MODULE keyword_overlaps
#include <boost/test/unit_test.hpp>
#include <string>

#include "papersieve/rules.hpp"
#include "test_support.hpp"

using namespace papersieve;

namespace {

Paper paper(std::string title, std::string abstract) {
  Paper p;
  p.id = "p";
  p.title = std::move(title);
  p.abstract = std::move(abstract);
  return p;
}

RuleSet rules(const std::string& rules, bool leftmost_longest) {
  return RuleSet::from_json(
      "{\"rules\": [" + rules + "]" +
      (leftmost_longest ? ", \"keyword_overlaps\": \"leftmost-longest\"}" : "}"));
}

const std::string kVision =
    R"({"name": "cv", "keywords": ["computer vision"], "tags": ["cv"]},
       {"name": "vis", "keywords": ["vision"], "tags": ["vision"]})";

std::string spans(const Hit& hit) {
  std::string out;
  for (const Span& s : hit.spans)
    out += std::string(match_field_name(s.field)) + "[" + std::to_string(s.start) + "," +
           std::to_string(s.end) + ") ";
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_longer_keyword_counts_once) {
  const Paper p = paper("Computer Vision at Scale", "Nothing else.");
  const auto all = rules(kVision, false).match(p);
  BOOST_REQUIRE(all.has_value());
  BOOST_TEST(all->score == 2.0);  // the default: both rules, overlapping
  const auto once = rules(kVision, true).match(p);
  BOOST_REQUIRE(once.has_value());
  BOOST_TEST(once->score == 1.0);
  BOOST_TEST(once->rules == std::vector<std::string>{"cv"});
  BOOST_TEST(once->tags == std::vector<std::string>{"cv"});
  BOOST_TEST(spans(*once) == "title[0,15) ");
}

BOOST_AUTO_TEST_CASE(each_occurrence_competes_on_its_own) {
  const Paper p = paper("Vision Transformers", "Computer vision, again.");
  const auto hit = rules(kVision, true).match(p);
  BOOST_REQUIRE(hit.has_value());
  BOOST_TEST(hit->score == 2.0);  // vision alone in the title, computer vision in the abstract
  BOOST_TEST(spans(*hit) == "title[0,6) abstract[0,15) ");
}

BOOST_AUTO_TEST_CASE(leftmost_then_longest) {
  const std::string r = R"({"name": "dl", "keywords": ["deep learning"]},
      {"name": "lr", "keywords": ["learning rate"]},
      {"name": "n", "keywords": ["neural"]},
      {"name": "nn", "keywords": ["neural network"]})";
  const auto hit = rules(r, true).match(paper("Deep learning rate for neural networks", "x"));
  BOOST_REQUIRE(hit.has_value());
  // "deep learning" starts first, so "learning rate" loses; "neural network*" is a word
  // "networks" here: only "neural" occurs.
  BOOST_TEST(hit->rules == (std::vector<std::string>{"dl", "n"}));
  const auto longest = rules(r, true).match(paper("A neural network", "x"));
  BOOST_REQUIRE(longest.has_value());
  BOOST_TEST(longest->rules == std::vector<std::string>{"nn"});
  BOOST_TEST(spans(*longest) == "title[2,16) ");
}

BOOST_AUTO_TEST_CASE(exclude_rules_compete_too_and_conditions_stay) {
  const std::string r = R"({"name": "cv", "keywords": ["computer vision"]},
      {"name": "no-vision", "keywords": ["vision"], "exclude": true},
      {"name": "any", "query": "-robots", "weight": 0.5})";
  const Paper p = paper("Computer Vision", "x");
  BOOST_TEST(!rules(r, false).match(p).has_value());  // excluded by "vision"
  const auto hit = rules(r, true).match(p);
  BOOST_REQUIRE(hit.has_value());
  BOOST_TEST(hit->score == 1.5);  // the spanless NOT rule keeps its match
}

BOOST_AUTO_TEST_CASE(filter_and_decide_agree) {
  Corpus corpus;
  corpus.papers = {paper("Computer Vision at Scale", "x"), paper("Vision only", "x")};
  const RuleSet r = rules(kVision, true);
  const Results results = r.filter(corpus, std::nullopt, 1);
  BOOST_REQUIRE(results.hits.size() == 2u);
  BOOST_TEST(results.hits[0].rules == std::vector<std::string>{"cv"});
  BOOST_TEST(results.hits[1].rules == std::vector<std::string>{"vis"});
  BOOST_TEST(r.filter(corpus, 1, 1).hits[0].rules == std::vector<std::string>{"cv"});
  BOOST_TEST(r.decide(corpus.papers[0]).matched == std::vector<std::string>{"cv"});
}

BOOST_AUTO_TEST_CASE(bad_option_value_is_a_problem) {
  const auto problems = RuleSet::check_json(
      R"({"rules": [{"name": "a", "query": "a"}], "keyword_overlaps": "longest"})");
  BOOST_REQUIRE(problems.size() == 1u);
  BOOST_TEST(problems[0].to_string() ==
             "keyword_overlaps: must be \"all\" (the default) or \"leftmost-longest\"");
}
