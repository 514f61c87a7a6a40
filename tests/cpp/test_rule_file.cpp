#define BOOST_TEST_MODULE rule_file
#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "rules/query/parser.hpp"
#include "rules/rule_file/rule_file.hpp"
#include "test_support.hpp"

using namespace papersieve;
using namespace papersieve::rules;

namespace {

struct ReadFile {
  RuleFile file;
  std::vector<std::string> problems;  // RuleProblem::to_string of each
};

ReadFile read_file(std::string_view json) {
  std::vector<RuleProblem> problems;
  ReadFile out{read_rule_file(json, problems), {}};
  for (const auto& p : problems) out.problems.push_back(p.to_string());
  return out;
}

std::string tree(const RuleDef& rule) { return rule.root ? to_debug_string(*rule.root) : "null"; }

// The only problem of a file whose rules list is `rules_json`.
std::string only_problem(const std::string& rules_json) {
  const ReadFile c = read_file("{\"rules\": " + rules_json + "}");
  BOOST_TEST(c.problems.size() == 1u);
  return c.problems.empty() ? "" : c.problems.front();
}

}  // namespace

BOOST_AUTO_TEST_CASE(design_example_reads) {
  const ReadFile c = read_file(R"J({"rules": [
  {"name": "t2i", "query": "\"text to image\" OR t2i OR \"diffusion model*\"", "weight": 2, "tags": ["vision"]},
  {"name": "prompting", "keywords": ["prompt tuning", "prompt optimi*"], "fields": ["title"], "weight": 3},
  {"name": "dpo", "regex": ["\\bDPO\\b"]},
  {"name": "surveys", "query": "title:(survey OR review)", "exclude": true}],
 "min_score": 1, "top": 50})J");
  BOOST_TEST(c.problems.empty());
  BOOST_REQUIRE(c.file.rules.size() == 4u);
  const auto& r = c.file.rules;
  BOOST_TEST(r[0].name == "t2i");
  BOOST_TEST(tree(r[0]) == "OR(phrase:\"text to image\", word:t2i, phrase:\"diffusion model*\")");
  BOOST_TEST(r[0].weight == 2.0);
  BOOST_TEST(r[0].tags == std::vector<std::string>{"vision"});
  BOOST_TEST(tree(r[1]) == "OR(title:phrase:\"prompt tuning\", title:phrase:\"prompt optimi*\")");
  BOOST_TEST(tree(r[2]) == "regex:/\\bDPO\\b/");
  BOOST_TEST(!r[2].root->term.case_insensitive);
  BOOST_TEST(tree(r[3]) == "OR(title:word:survey, title:word:review)");
  BOOST_TEST(r[3].exclude);
  BOOST_TEST(!r[3].require);
  BOOST_TEST(r[3].weight == 1.0);
  BOOST_TEST(c.file.min_score == 1.0);
  BOOST_TEST(c.file.top.value_or(0) == 50u);
}

BOOST_AUTO_TEST_CASE(defaults) {
  const ReadFile c = read_file(R"({"rules": [{"name": "a", "keywords": ["x"]}]})");
  BOOST_TEST(c.problems.empty());
  BOOST_TEST(c.file.min_score == kAnyPositiveScore);
  BOOST_TEST(c.file.min_score > 0.0);
  BOOST_TEST(!c.file.top.has_value());
  BOOST_TEST(c.file.rules[0].weight == 1.0);
  BOOST_TEST(!c.file.rules[0].exclude);
}

BOOST_AUTO_TEST_CASE(keywords_regex_and_query_combine_as_any_of) {
  const ReadFile c = read_file(R"({"rules": [{"name": "a", "query": "x y",
    "keywords": ["C++", ".NET", "GPT-4o", "text_to image", "=CLIP", "optimi*"],
    "regex": ["(?i)dpo"], "weight": -0.5, "require": true}]})");
  BOOST_TEST(c.problems.empty());
  BOOST_TEST(tree(c.file.rules[0]) ==
             "OR(AND(word:x, word:y), word:C++, word:.NET, phrase:\"GPT 4o\", "
             "phrase:\"text to image\", exact:CLIP, prefix:optimi*, regex:/(?i)dpo/)");
  BOOST_TEST(c.file.rules[0].weight == -0.5);
  BOOST_TEST(c.file.rules[0].require);
}

BOOST_AUTO_TEST_CASE(keywords_are_literal) {
  const ReadFile c =
      read_file(R"({"rules": [{"name": "a", "keywords": ["NOT (x) OR", "@b", "title:y"]}]})");
  BOOST_TEST(c.problems.empty());
  BOOST_TEST(tree(c.file.rules[0]) == "OR(phrase:\"NOT (x) OR\", word:@b, word:title:y)");
}

BOOST_AUTO_TEST_CASE(fields_apply_to_keywords_regex_and_unfielded_query_terms) {
  const ReadFile c = read_file(R"({"rules": [{"name": "a", "fields": ["title", "abstract"],
    "query": "x authors:y", "keywords": ["k"], "regex": ["r"]}]})");
  BOOST_TEST(c.problems.empty());
  BOOST_TEST(tree(c.file.rules[0]) ==
             "OR(AND(OR(title:word:x, abstract:word:x), authors:word:y), title:word:k, "
             "abstract:word:k, title:regex:/r/, abstract:regex:/r/)");
}

BOOST_AUTO_TEST_CASE(rule_from_a_query) {
  std::vector<RuleProblem> problems;
  const RuleDef rule = rule_from_query("\"text to image\" -survey", "query", problems);
  BOOST_TEST(problems.empty());
  BOOST_TEST(rule.name == "query");
  BOOST_TEST(rule.weight == 1.0);
  BOOST_TEST(tree(rule) == "AND(phrase:\"text to image\", NOT(word:survey))");
  BOOST_TEST(rule.weight >= kAnyPositiveScore);  // a query alone selects what it matches

  const RuleDef bad = rule_from_query("a (b", "query", problems);
  BOOST_TEST(!bad.root);
  BOOST_REQUIRE(problems.size() == 1u);
  BOOST_TEST(problems[0].to_string() == "rule \"query\": query column 3: unbalanced \"(\"");
}

BOOST_AUTO_TEST_CASE(query_problems_name_rule_part_and_column) {
  BOOST_TEST(only_problem(R"([{"name": "t2i", "query": "\"text to image\" (t2i"}])") ==
             "rule \"t2i\": query column 17: unbalanced \"(\"");
  BOOST_TEST(only_problem(R"([{"name": "u", "query": "Schrödinger OR"}])") ==
             "rule \"u\": query column 13: \"OR\" needs a term after it");
  BOOST_TEST(only_problem(R"([{"name": "k", "keywords": ["ok", "bad *x"]}])") ==
             "rule \"k\": keywords[1] column 5: \"*\" can only end the last word (prompt*, "
             "\"diffusion model*\")");
  BOOST_TEST(only_problem(R"([{"name": "k", "keywords": [" - "]}])") ==
             "rule \"k\": keywords[0] column 1: empty keyword");
  BOOST_TEST(only_problem(R"([{"name": "k", "keywords": ["="]}])") ==
             "rule \"k\": keywords[0] column 1: \"=\" needs a word after it");
  BOOST_TEST(
      only_problem(R"([{"name": "k", "keywords": ["=a b"]}])") ==
      "rule \"k\": keywords[0] column 3: an exact keyword (=Word) is one word without \"*\"");
  BOOST_TEST(only_problem(R"([{"name": "r", "regex": [""]}])") ==
             "rule \"r\": regex[0]: empty pattern");
}

BOOST_AUTO_TEST_CASE(types_are_checked) {
  BOOST_TEST(only_problem(R"([{"name": "w", "query": "a", "weight": "2"}])") ==
             "rule \"w\": weight: must be a finite number, found a string");
  BOOST_TEST(only_problem(R"([{"name": "w", "query": 3}])") ==
             "rule \"w\": query: must be a string, found a number");
  BOOST_TEST(only_problem(R"([{"name": "w", "keywords": "a"}])") ==
             "rule \"w\": keywords: must be an array of strings, found a string");
  BOOST_TEST(only_problem(R"([{"name": "w", "keywords": ["a", 1]}])") ==
             "rule \"w\": keywords[1]: must be a string, found a number");
  BOOST_TEST(only_problem(R"([{"name": "w", "query": "a", "exclude": "yes"}])") ==
             "rule \"w\": exclude: must be true or false, found a string");
  BOOST_TEST(only_problem(R"([{"name": "w", "query": "a", "tags": [null]}])") ==
             "rule \"w\": tags[0]: must be a string, found null");
  BOOST_TEST(only_problem(R"([{"name": "w", "query": "a", "weight": 1e10}])") ==
             "rule \"w\": weight: must be a finite number between -1e9 and 1e9");
  BOOST_TEST(only_problem(R"(["a"])") == "rules[0]: must be an object, found a string");
  BOOST_TEST(only_problem(R"([{"name": 5, "query": "a"}])") ==
             "rules[0]: name: must be a string, found a number");
  BOOST_TEST(only_problem(R"([{"query": "a"}])") ==
             "rules[0]: name: missing: every rule needs a name");
  BOOST_TEST(only_problem(R"([{"name": "", "query": "a"}])") ==
             "rules[0]: name: must not be empty");
  BOOST_TEST(only_problem(R"([{"name": "a b", "query": "a"}])") ==
             "rules[0]: name column 2: invalid character \" \" (names use letters, digits, _ - .)");
  BOOST_TEST(
      only_problem(R"([{"name": "w", "fields": ["titel"], "query": "a"}])") ==
      "rule \"w\": fields[0]: unknown field \"titel\" (did you mean \"title\"? fields: title "
      "abstract text authors id category link)");
  BOOST_TEST(only_problem(R"([{"name": "w", "fields": [], "query": "a"}])") ==
             "rule \"w\": fields: must not be empty");
  BOOST_TEST(only_problem(R"([{"name": "w", "keywords": []}])") ==
             "rule \"w\": keywords: must not be empty");
  BOOST_TEST(only_problem(R"([{"name": "w"}])") ==
             "rule \"w\": needs a \"query\", \"keywords\" or \"regex\"");
  BOOST_TEST(only_problem(R"([{"name": "w", "query": "a", "exclude": true, "require": true}])") ==
             "rule \"w\": a rule cannot be both \"exclude\" and \"require\"");
}

BOOST_AUTO_TEST_CASE(unknown_and_duplicate_keys) {
  BOOST_TEST(only_problem(R"([{"name": "w", "keyword": ["a"], "query": "b"}])") ==
             "rule \"w\": unknown key \"keyword\" (did you mean \"keywords\"?)");
  BOOST_TEST(only_problem(R"([{"name": "w", "query": "b", "weigth": 2}])") ==
             "rule \"w\": unknown key \"weigth\" (did you mean \"weight\"?)");
  BOOST_TEST(only_problem(R"([{"name": "w", "query": "b", "colour": 2}])") ==
             "rule \"w\": unknown key \"colour\"");
  BOOST_TEST(only_problem(R"([{"name": "w", "query": "b", "query": "c"}])") ==
             "rule \"w\": duplicate key \"query\"");
  const ReadFile c = read_file(R"({"rule": [], "rules": [], "min_scor": 1})");
  BOOST_TEST(c.problems ==
             (std::vector<std::string>{"unknown key \"rule\" (did you mean \"rules\"?)",
                                       "unknown key \"min_scor\" (did you mean \"min_score\"?)"}));
}

BOOST_AUTO_TEST_CASE(top_level_problems) {
  BOOST_TEST(read_file("[]").problems ==
             std::vector<std::string>{
                 "a rule file must be a JSON object {\"rules\": [...]}, found an array"});
  BOOST_TEST(read_file("{}").problems ==
             std::vector<std::string>{"missing \"rules\": a rule file needs a list of rules"});
  BOOST_TEST(read_file(R"({"rules": {}})").problems ==
             std::vector<std::string>{"rules: must be an array of rules, found an object"});
  BOOST_TEST(read_file(R"({"rules": [], "top": 0})").problems ==
             std::vector<std::string>{"top: must be a positive integer"});
  BOOST_TEST(read_file(R"({"rules": [], "top": 2.5})").problems ==
             std::vector<std::string>{"top: must be a positive integer"});
  BOOST_TEST(read_file(R"({"rules": [], "top": "5"})").problems ==
             std::vector<std::string>{"top: must be a positive integer, found a string"});
  BOOST_TEST(read_file(R"({"rules": [], "min_score": true})").problems ==
             std::vector<std::string>{"min_score: must be a number, found a boolean"});
  const ReadFile zero = read_file(R"({"rules": [], "min_score": 0})");
  BOOST_TEST(zero.problems.empty());
  BOOST_TEST(zero.file.min_score == 0.0);
}

BOOST_AUTO_TEST_CASE(json_syntax_errors_have_line_and_column) {
  BOOST_TEST(
      read_file("{\"rules\": [\n  {\"name\": \"a\"}\n  {\"name\": \"b\"}]}").problems ==
      std::vector<std::string>{"line 3 column 3: Missing a comma or ']' after an array element."});
  BOOST_TEST(
      read_file("{\"rules\": [\"é\" x]}").problems ==
      std::vector<std::string>{"line 1 column 16: Missing a comma or ']' after an array element."});
  BOOST_TEST(read_file("").problems ==
             std::vector<std::string>{"line 1 column 1: The document is empty."});
  BOOST_TEST(read_file(std::string("{\"rules\": []}\0x", 15)).problems ==
             std::vector<std::string>{"line 1 column 14: NUL byte (a rule file is text)"});
  BOOST_TEST(read_file("{\"rules\": [\"\xff\"]}").problems.size() == 1u);
}

BOOST_AUTO_TEST_CASE(all_problems_at_once) {
  const ReadFile c = read_file(R"({"rules": [
    {"name": "a", "query": "x OR"},
    {"name": "b", "keyword": ["y"], "weight": "heavy"},
    {"name": "a", "query": "z"},
    {"name": "c", "query": "@nope OR (w"},
    {"name": "d", "query": "ok"}],
  "top": -1})");
  BOOST_TEST(c.problems == (std::vector<std::string>{
                               "rule \"a\": query column 3: \"OR\" needs a term after it",
                               "rule \"b\": unknown key \"keyword\" (did you mean \"keywords\"?)",
                               "rule \"b\": needs a \"query\", \"keywords\" or \"regex\"",
                               "rule \"b\": weight: must be a finite number, found a string",
                               "rule \"a\": name: duplicate: rules[0] has the same name",
                               "rule \"c\": query column 10: unbalanced \"(\"",
                               "top: must be a positive integer"}));
}

BOOST_AUTO_TEST_CASE(references) {
  const ReadFile ok = read_file(R"({"rules": [
    {"name": "base", "keywords": ["x"]}, {"name": "more", "query": "@base y"}]})");
  BOOST_TEST(ok.problems.empty());
  BOOST_TEST(tree(ok.file.rules[1]) == "AND(@base, word:y)");

  BOOST_TEST(
      only_problem(R"([{"name": "base", "query": "a"}, {"name": "m", "query": "b OR @bsae"}])") ==
      "rule \"m\": query column 6: unknown rule \"@bsae\" (did you mean \"@base\"?)");
  BOOST_TEST(only_problem(R"([{"name": "m", "query": "@m"}])") ==
             "rule \"m\": query column 1: @m makes a cycle: m -> m");
  BOOST_TEST(only_problem(R"([{"name": "a", "query": "x @b"}, {"name": "b", "query": "@c"},
                              {"name": "c", "query": "y OR @a"}])") ==
             "rule \"c\": query column 6: @a makes a cycle: a -> b -> c -> a");
  // Two rules referring to one: shared, not a cycle.
  BOOST_TEST(read_file(R"({"rules": [{"name": "a", "query": "@c @b"}, {"name": "b", "query": "@c"},
                                 {"name": "c", "query": "z"}]})")
                 .problems.empty());
}

BOOST_AUTO_TEST_CASE(long_reference_chain_is_walked_without_recursion) {
  std::string json = "{\"rules\": [";
  const int n = 50'000;
  for (int i = 0; i < n; ++i) {
    json += "{\"name\": \"r" + std::to_string(i) + "\", \"query\": \"@r" +
            std::to_string((i + 1) % n) + "\"},";
  }
  json.back() = ']';
  json += "}";
  const ReadFile c = read_file(json);
  BOOST_REQUIRE(c.problems.size() == 1u);
  BOOST_TEST(c.problems[0].rfind("rule \"r49999\": query column 1: @r0 makes a cycle: r0 -> r1 -> ",
                                 0) == 0);
}

BOOST_AUTO_TEST_CASE(limits) {
  const std::string long_keyword(kMaxPatternBytes + 1, 'a');
  BOOST_TEST(only_problem(R"([{"name": "k", "keywords": [")" + long_keyword + "\"]}]") ==
             "rule \"k\": keywords[0]: is 4097 bytes long; the limit is 4096");
  std::string many = "[";
  for (std::size_t i = 0; i <= kMaxPatternsPerRule; ++i) many += "\"k\",";
  many.back() = ']';
  BOOST_TEST(only_problem(R"([{"name": "k", "keywords": )" + many + "}]") ==
             "rule \"k\": keywords: has 100001 items; the limit is 100000");
  std::vector<RuleProblem> problems;
  read_rule_file(std::string(kMaxRuleFileBytes + 1, ' '), problems);
  BOOST_REQUIRE(problems.size() == 1u);
  BOOST_TEST(problems[0].to_string() == "rule file is 67108865 bytes long; the limit is 67108864");
}

BOOST_AUTO_TEST_CASE(problem_text_forms) {
  BOOST_TEST((RuleProblem{"t2i", "query", 14, "unbalanced \"(\""}.to_string()) ==
             "rule \"t2i\": query column 14: unbalanced \"(\"");
  BOOST_TEST((RuleProblem{"t2i", "weight", 0, "must be a finite number"}.to_string()) ==
             "rule \"t2i\": weight: must be a finite number");
  BOOST_TEST((RuleProblem{"", "", 0, "line 3 column 7: Missing a comma"}.to_string()) ==
             "line 3 column 7: Missing a comma");
}

BOOST_AUTO_TEST_CASE(field_names_round_trip) {
  for (auto field : {MatchField::title, MatchField::abstract, MatchField::text, MatchField::authors,
                     MatchField::id, MatchField::category, MatchField::link})
    BOOST_TEST((match_field_from_name(match_field_name(field)) == field));
  BOOST_TEST(!match_field_from_name("Title").has_value());
  BOOST_TEST(!match_field_from_name("categories").has_value());
}
