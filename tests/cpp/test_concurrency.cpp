// One RuleSet and one Corpus shared by 8 threads give exactly what one thread
// gets (filter, match, decide, the writers), and parsing runs in parallel too.
// Labelled "concurrency": `ctest --preset tsan` runs it under ThreadSanitizer.
#define BOOST_TEST_MODULE concurrency
#include <boost/test/unit_test.hpp>
#include <string>
#include <thread>
#include <vector>

#include "papersieve/parse.hpp"
#include "papersieve/rules.hpp"
#include "papersieve/write.hpp"
#include "reader_harness.hpp"
#include "test_support.hpp"

using namespace papersieve;

namespace {

constexpr int kThreads = 8;

std::string page_text() {
  static const char* const kTopics[] = {"text-to-image diffusion",        "prompt tuning",
                                        "retrieval augmented generation", "a survey of robots",
                                        "DPO for language models",        "Schrödinger bridges"};
  std::string text = "Subscribe";
  for (int i = 0; i < 300; ++i) {
    const std::string topic = kTopics[i % 6];
    text += "Paper " + std::to_string(i) + " on " + topic + "\nWe study " + topic +
            " with method " + std::to_string(i * 7) + ". Code: https://github.com/x/p" +
            std::to_string(i) + ".\n";
  }
  return text;
}

const RuleSet& rules() {
  static const RuleSet r = RuleSet::from_json(R"j({"rules": [
      {"name": "t2i", "query": "\"text to image\" OR t2i OR \"diffusion model*\"", "weight": 2,
       "tags": ["vision"]},
      {"name": "prompting", "keywords": ["prompt tuning", "prompt optimi*"], "weight": 3},
      {"name": "dpo", "regex": ["\\bDPO\\b", "(?i)schr.dinger"]},
      {"name": "code", "query": "link:github", "weight": 0.5},
      {"name": "surveys", "query": "title:(survey OR review)", "exclude": true}],
     "min_score": 1})j");
  return r;
}

// Everything a thread can observe of one filtering, as one string.
std::string observe(const RuleSet& r, const Corpus& corpus) {
  const Results results = r.filter(corpus);
  DigestInfo info;
  info.generated = "2026-12-07T05:00:00Z";  // the digest names its time: fixed, to compare
  std::string out = hits_to_jsonl(corpus, results) + hits_to_markdown(corpus, results, info);
  for (const auto& paper : corpus.papers) {
    const auto d = r.decide(paper);
    out += d.selected ? '+' : '-';
    out += std::to_string(d.score);
    if (const auto hit = r.match(paper)) out += std::to_string(hit->spans.size());
  }
  return out;
}

template <typename F>
std::vector<std::string> in_threads(F f) {
  std::vector<std::string> got(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) threads.emplace_back([&, t] { got[t] = f(t); });
  for (auto& th : threads) th.join();
  return got;
}

}  // namespace

BOOST_AUTO_TEST_CASE(one_rule_set_and_one_corpus_from_8_threads) {
  const Corpus corpus = parse(page_text(), ParseOptions{Format::hf_text, "page"});
  BOOST_REQUIRE(corpus.papers.size() == 300u);
  const std::string expected = observe(rules(), corpus);
  BOOST_REQUIRE(rules().filter(corpus).hits.size() > 100u);
  const auto got = in_threads([&](int) {
    std::string last;
    for (int round = 0; round < 3; ++round) last = observe(rules(), corpus);
    return last;
  });
  for (int t = 0; t < kThreads; ++t) BOOST_TEST(got[t] == expected, "thread " << t);
}

BOOST_AUTO_TEST_CASE(copies_of_a_rule_set_used_while_others_are_made) {
  const Corpus corpus = parse(page_text(), ParseOptions{Format::hf_text, "page"});
  const std::string expected = observe(rules(), corpus);
  const auto got = in_threads([&](int t) {
    RuleSet copy = rules();  // copies share the compiled rules
    if (t % 2) copy = RuleSet::from_query("diffusion");
    return observe(copy, corpus);
  });
  const std::string diffusion = observe(RuleSet::from_query("diffusion"), corpus);
  for (int t = 0; t < kThreads; ++t)
    BOOST_TEST(got[t] == (t % 2 ? diffusion : expected), "thread " << t);
}

BOOST_AUTO_TEST_CASE(parsing_from_8_threads) {
  const std::string text = page_text();
  const std::string jsonl = papers_to_jsonl(parse(text, ParseOptions{Format::hf_text, "p"}).papers);
  const auto one = [&](int t) {
    const Corpus c = parse(t % 2 ? jsonl : text, ParseOptions{Format::automatic, "p"});
    return papers_to_jsonl(c.papers) + std::to_string(c.stats.records);
  };
  const std::string even = one(0), odd = one(1);
  const auto got = in_threads(one);
  for (int t = 0; t < kThreads; ++t) BOOST_TEST(got[t] == (t % 2 ? odd : even), "thread " << t);
}
