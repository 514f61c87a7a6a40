#define BOOST_TEST_MODULE rule_set
#include <rapidjson/document.h>

#include <algorithm>
#include <boost/test/unit_test.hpp>

#include "papersieve/error.hpp"
#include "papersieve/parse.hpp"
#include "papersieve/rules.hpp"
#include "papersieve/write.hpp"
#include "test_support.hpp"

using namespace papersieve;

namespace {

Corpus page(const std::vector<std::pair<std::string, std::string>>& papers) {
  std::string text = "Subscribe";
  for (const auto& [title, abstract] : papers) text += title + "\n" + abstract + "\n";
  return parse(text, ParseOptions{Format::hf_text, "page"});
}

std::vector<std::string> titles(const Corpus& corpus, const Results& results) {
  std::vector<std::string> out;
  for (const auto& hit : results.hits) out.push_back(corpus.papers[hit.index].title);
  return out;
}

bool has(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

const Corpus kCorpus = page({
    {"Diffusion Models for Text-to-Image Synthesis", "We study text to image diffusion. It works."},
    {"A Survey of Diffusion Models", "We review diffusion models for text-to-image tasks."},
    {"Prompt Tuning at Scale", "Soft prompt tuning for language models. It scales."},
    {"Robots That Plan", "Household robots plan with memory. Nothing about images."},
});

}  // namespace

BOOST_AUTO_TEST_CASE(scores_sum_weights_and_order_is_score_then_input) {
  const auto rules = RuleSet::from_json(R"j({"rules": [
      {"name": "t2i", "query": "\"text to image\"", "weight": 2, "tags": ["vision"]},
      {"name": "diffusion", "keywords": ["diffusion"], "weight": 1},
      {"name": "prompts", "keywords": ["prompt tuning"], "weight": 4, "tags": ["nlp"]}]})j");
  const Results results = rules.filter(kCorpus);
  BOOST_TEST(results.considered == 4u);
  const std::vector<std::string> expected = {"Prompt Tuning at Scale",
                                             "Diffusion Models for Text-to-Image Synthesis",
                                             "A Survey of Diffusion Models"};
  BOOST_TEST(titles(kCorpus, results) == expected, boost::test_tools::per_element());
  BOOST_TEST(results.hits[0].score == 4.0);
  BOOST_TEST(results.hits[1].score == 3.0);
  BOOST_TEST(results.hits[1].rules == (std::vector<std::string>{"t2i", "diffusion"}),
             boost::test_tools::per_element());
  BOOST_TEST(results.hits[1].tags == std::vector<std::string>{"vision"},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(exclude_vetoes_require_is_mandatory_min_score_and_top) {
  const auto rules = RuleSet::from_json(R"j({"rules": [
      {"name": "diffusion", "keywords": ["diffusion"], "weight": 2},
      {"name": "images", "keywords": ["image*"], "weight": 1},
      {"name": "surveys", "query": "title:(survey OR review)", "exclude": true}],
      "min_score": 3
})j");
  const auto selected = titles(kCorpus, rules.filter(kCorpus));
  BOOST_TEST(selected == std::vector<std::string>{"Diffusion Models for Text-to-Image Synthesis"},
             boost::test_tools::per_element());

  const auto required = RuleSet::from_json(R"j({"rules": [
      {"name": "any", "query": "models OR robots"},
      {"name": "must", "query": "language", "require": true}]})j");
  BOOST_TEST(titles(kCorpus, required.filter(kCorpus)) ==
                 std::vector<std::string>{"Prompt Tuning at Scale"},
             boost::test_tools::per_element());
  BOOST_TEST(RuleSet::from_query("models").filter(kCorpus, 1).hits.size() == 1u);
  BOOST_TEST(RuleSet::from_json(R"j({"rules": [{"name": "m", "query": "models"}], "top": 2})j")
                 .filter(kCorpus)
                 .hits.size() == 2u);
}

BOOST_AUTO_TEST_CASE(spans_cover_exactly_the_matched_text) {
  const auto results = RuleSet::from_query("\"text to image\" OR =Soft").filter(kCorpus);
  BOOST_REQUIRE(!results.hits.empty());
  for (const auto& hit : results.hits) {
    BOOST_TEST(!hit.spans.empty());
    for (const auto& span : hit.spans) {
      const std::string text = displayed_field(kCorpus.papers[hit.index], span.field);
      const std::string matched = text.substr(span.start, span.end - span.start);
      BOOST_TEST((matched == "Soft" || matched == "text to image" || matched == "Text-to-Image" ||
                  matched == "text-to-image"),
                 "unexpected span text: " << matched);
    }
  }
}

BOOST_AUTO_TEST_CASE(errors_name_rule_part_and_column_and_check_lists_them_all) {
  try {
    RuleSet::from_query("diffusion (text");
    BOOST_FAIL("no exception");
  } catch (const RuleError& e) {
    BOOST_TEST(std::string(e.what()).find("column 11") != std::string::npos, e.what());
  }
  const auto problems = RuleSet::check_json(R"j({"rules": [
      {"name": "a", "query": "(x"},
      {"name": "b", "keyword": ["y"]},
      {"name": "c", "regex": ["(unclosed"]}]})j");
  std::string all;
  for (const auto& p : problems) all += p.to_string() + "\n";
  BOOST_TEST(problems.size() >= 3u, all);
  BOOST_TEST(all.find("rule \"a\": query column 1") != std::string::npos, all);
  BOOST_TEST(all.find("\"keywords\"") != std::string::npos, all);
  BOOST_TEST(all.find("rule \"c\"") != std::string::npos, all);
  BOOST_TEST(RuleSet::check_json(R"j({"rules": [{"name": "ok", "query": "x"}]})j").empty());
  BOOST_CHECK_THROW(RuleSet::from_query("a @nowhere"), RuleError);
  BOOST_CHECK_THROW(RuleSet::from_file("/nonexistent/rules.json"), IoError);
}

BOOST_AUTO_TEST_CASE(results_writers) {
  const auto results = RuleSet::from_json(R"j({"rules": [
      {"name": "t2i", "query": "\"text to image\"", "tags": ["vision"]}]})j")
                           .filter(kCorpus);
  const std::string jsonl = hits_to_jsonl(kCorpus, results);
  const std::string first = jsonl.substr(0, jsonl.find('\n'));
  rapidjson::Document d;
  d.Parse(first.c_str(), first.size());
  BOOST_REQUIRE(!d.HasParseError());
  BOOST_TEST(std::string(d["title"].GetString()) == "Diffusion Models for Text-to-Image Synthesis");
  BOOST_TEST(d["score"].GetDouble() == 1.0);
  BOOST_TEST(std::string(d["rules"][0].GetString()) == "t2i");
  BOOST_TEST(std::string(d["spans"][0]["field"].GetString()) == "title");
  const std::string md = hits_to_markdown(kCorpus, results, "Daily");
  BOOST_TEST(md.find("# Daily") == 0u);
  BOOST_TEST(md.find("\n## ") == std::string::npos, md);  // one group: no heading
  BOOST_TEST(md.find("tags: vision") != std::string::npos, md);
  BOOST_TEST(md.find("**Text-to-Image**") != std::string::npos, md);
}

BOOST_AUTO_TEST_CASE(real_page_queries_pick_what_a_reader_would) {
  const std::string path = test_support::shared_data("000_fd6c685c865a6cdc.txt");
  if (path.empty()) return;
  const Corpus corpus = parse_file(path);
  const auto prompt_tuning =
      titles(corpus, RuleSet::from_query("\"prompt tuning\"").filter(corpus));
  BOOST_TEST(
      has(prompt_tuning, "Dual Modality Prompt Tuning for Vision-Language Pre-Trained Model"));
  BOOST_TEST(has(prompt_tuning, "XPrompt: Exploring the Extreme of Prompt Tuning"));
  BOOST_TEST(!has(prompt_tuning, "Mixture of Prompt Learning for Vision Language Models"));
  BOOST_TEST(!has(prompt_tuning, "Dual Caption Preference Optimization for Diffusion Models"));

  const auto t2i = titles(corpus, RuleSet::from_query("\"text to image\"").filter(corpus));
  const auto t2i_no_survey =
      titles(corpus, RuleSet::from_query("\"text to image\" -survey").filter(corpus));
  const std::string survey =
      "A Systematic Survey of Prompt Engineering on Vision-Language Foundation Models";
  BOOST_TEST(has(t2i, survey));
  BOOST_TEST(!has(t2i_no_survey, survey));
  BOOST_TEST(has(t2i_no_survey, "Grounded Text-to-Image Synthesis with Attention Refocusing"));
  BOOST_TEST(has(t2i_no_survey, "Dual Caption Preference Optimization for Diffusion Models"));
  BOOST_TEST(
      !has(t2i_no_survey, "Planning Like Human: A Dual-process Framework for Dialogue Planning"));
}
