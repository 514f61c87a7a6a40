// Rules at and past their limits (docs/rules.md "Limits", docs/reliability.md):
// what compiles must compile in reasonable time and match; what is too big
// must say so clearly. Timings are printed (--log_level=message).
#define BOOST_TEST_MODULE rule_limits
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <string>

#include "papersieve/error.hpp"
#include "papersieve/parse.hpp"
#include "papersieve/rules.hpp"
#include "reader_harness.hpp"
#include "test_support.hpp"

using namespace papersieve;

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

Corpus one_paper(const std::string& title, const std::string& abstract) {
  return parse("[{\"title\":\"" + title + "\",\"abstract\":\"" + abstract + "\"}]",
               ParseOptions{Format::json, "limits"});
}

std::string rule_file(const std::string& rule_body) {
  return "{\"rules\":[{\"name\":\"r\"," + rule_body + "}]}";
}

// The problems check_json reports, one string each.
std::vector<std::string> problems(const std::string& json) {
  std::vector<std::string> out;
  for (const auto& p : RuleSet::check_json(json)) out.push_back(p.to_string());
  return out;
}

std::string rule_error(const std::string& query) {
  try {
    RuleSet::from_query(query);
  } catch (const RuleError& e) {
    return e.what();
  }
  return "(compiled)";
}

}  // namespace

BOOST_AUTO_TEST_CASE(one_hundred_thousand_keywords_compile_and_match) {
  std::string list;
  for (int i = 0; i < 100000; ++i) list += (i ? ",\"kw" : "\"kw") + std::to_string(i) + "x\"";
  const auto started = std::chrono::steady_clock::now();
  const auto rules = RuleSet::from_json(rule_file("\"keywords\":[" + list + "]"));
  const double compile = seconds_since(started);
  BOOST_TEST_MESSAGE("100,000 keywords: compiled in " << compile << " s");
  BOOST_TEST(compile < 60.0);  // a debug build on a slow machine; release takes well under 1 s
  const auto hit = one_paper("Nothing", "Only kw99999x, the last one.");
  const auto miss = one_paper("Nothing", "Only kw100000x, one past the last.");
  BOOST_TEST(rules.filter(hit).hits.size() == 1u);
  BOOST_TEST(rules.filter(miss).hits.empty());
  const auto spans = rules.filter(hit).hits.at(0).spans;
  BOOST_REQUIRE(spans.size() == 1u);
  BOOST_TEST(spans[0].start == 5u);
  BOOST_TEST(spans[0].end == 13u);
  // One more is over the documented limit: a problem naming it, not a truncation.
  const auto over = problems(rule_file("\"keywords\":[" + list + ",\"one-more\"]"));
  BOOST_REQUIRE(over.size() == 1u);
  BOOST_TEST(over[0] == "rule \"r\": keywords: has 100001 items; the limit is 100000");
}

BOOST_AUTO_TEST_CASE(a_regex_of_100_kb) {
  std::string regex;
  while (regex.size() < 100 * 1024) regex += "(?:alpha|beta)";
  // In a rule file: over the 4 KiB pattern limit.
  const auto found = problems(rule_file("\"regex\":[\"" + regex + "\"]"));
  BOOST_REQUIRE(found.size() == 1u);
  BOOST_TEST(found[0] == "rule \"r\": regex[0]: is " + std::to_string(regex.size()) +
                             " bytes long; the limit is 4096");
  // In a query: over the 64 KiB query limit, at the first codepoint past it.
  BOOST_TEST(rule_error("/" + regex + "/") ==
             "rule \"query\": query column 65537: query longer than 65536 bytes");
  // Within the query limit but over the matcher's 4 KiB term limit.
  const std::string mid = regex.substr(0, 8 * 1024 - 2);
  const std::string message = rule_error("/" + mid.substr(0, mid.rfind(')') + 1) + "/");
  BOOST_TEST(test_support::contains(message, "term longer than 4096 bytes"), message);
}

BOOST_AUTO_TEST_CASE(a_regex_that_needs_too_much_memory) {
  // Small text, huge automaton: RE2's memory budget (8 MiB) refuses it clearly.
  const std::string json = rule_file("\"regex\":[\"((((a{100}){100}){100}){100})\"]");
  const auto found = problems(json);
  BOOST_REQUIRE(found.size() == 1u);
  BOOST_TEST(test_support::contains(found[0], "invalid repetition size: {100}"), found[0]);
  const auto big = problems(rule_file("\"regex\":[\"\\\\pL{1000}[a-z]{1000}\"]"));
  BOOST_REQUIRE(big.size() == 1u);
  BOOST_TEST(test_support::contains(big[0], "memory limit of 8388608 bytes"), big[0]);
}

// RE2 is linear: (a+)+$ on 1 MB of "a" (matching), and on 1 MB of "a" then "!"
// (the input that makes backtracking engines run for ages), both fast.
BOOST_AUTO_TEST_CASE(catastrophic_backtracking_is_linear) {
  const std::string as(1u << 20, 'a');
  for (const std::string& source :
       {std::string("{\"rules\":[{\"name\":\"r\",\"regex\":[\"(a+)+$\"]}]}"),
        std::string("/(a+)+$/")}) {
    const auto rules = source[0] == '{' ? RuleSet::from_json(source) : RuleSet::from_query(source);
    const auto started = std::chrono::steady_clock::now();
    const auto matching = rules.filter(one_paper("T", as));
    const auto failing = rules.filter(one_paper("T", as + "!"));
    const double seconds = seconds_since(started);
    BOOST_TEST_MESSAGE("(a+)+$ over 2 x 1 MB (" << source << "): " << seconds << " s");
    BOOST_TEST(seconds < 10.0);
    BOOST_REQUIRE(matching.hits.size() == 1u);
    BOOST_TEST(failing.hits.empty());
    BOOST_REQUIRE(matching.hits[0].spans.size() == 1u);
    BOOST_TEST(matching.hits[0].spans[0].start == 0u);
    BOOST_TEST(matching.hits[0].spans[0].end == 1u << 20);
  }
}

BOOST_AUTO_TEST_CASE(a_query_nested_10000_deep) {
  constexpr int kDepth = 10000;
  std::string parens(kDepth, '('), nots, minus(kDepth, '-'), fields;
  parens += "a" + std::string(kDepth, ')');
  for (int i = 0; i < kDepth; ++i) nots += "NOT ";
  nots += "a";
  minus += "a";
  // 10,000 levels of title:( would be over 64 KiB; 5,000 (each two levels) are not.
  for (int i = 0; i < kDepth / 2; ++i) fields += "title:(";
  fields += "a" + std::string(kDepth / 2, ')');
  BOOST_TEST(rule_error(parens) ==
             "rule \"query\": query column 101: query nested deeper than 100 levels");
  BOOST_TEST(rule_error(nots) ==
             "rule \"query\": query column 401: query nested deeper than 100 levels");
  BOOST_TEST(test_support::contains(rule_error(minus), "query nested deeper than 100 levels"));
  BOOST_TEST(rule_error(fields) ==
             "rule \"query\": query column 351: query nested deeper than 100 levels");
  // 100 levels is the documented maximum: it compiles.
  BOOST_TEST(rule_error(std::string(100, '(') + "a" + std::string(100, ')')) == "(compiled)");
  // The same in a rule file: a problem with its column.
  const auto found = problems(rule_file("\"query\":\"" + parens + "\""));
  BOOST_REQUIRE(found.size() == 1u);
  BOOST_TEST(found[0] == "rule \"r\": query column 101: query nested deeper than 100 levels");
  // A rule file nested 100,000 deep is a JSON problem, not a stack overflow.
  const auto deep = problems(std::string(100000, '[') + std::string(100000, ']'));
  BOOST_REQUIRE(!deep.empty());
}
