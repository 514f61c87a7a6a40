#define BOOST_TEST_MODULE query_parser
#include <boost/test/unit_test.hpp>
#include <string>

#include "rules/query/characters.hpp"
#include "rules/query/parser.hpp"
#include "test_support.hpp"

using namespace papersieve;
using namespace papersieve::rules;

namespace {

std::string tree(std::string_view query) { return to_debug_string(*parse_query(query)); }

// "column: message" of the error the query raises, or "no error".
std::string error(std::string_view query) {
  try {
    parse_query(query);
  } catch (const QueryError& e) {
    return std::to_string(e.column()) + ": " + e.message();
  }
  return "no error";
}

// The column alone, for checks on where an error points.
std::uint32_t error_column(std::string_view query) {
  try {
    parse_query(query);
  } catch (const QueryError& e) {
    return e.column();
  }
  return 0;
}

}  // namespace

BOOST_AUTO_TEST_CASE(terms) {
  BOOST_TEST(tree("diffusion") == "word:diffusion");
  BOOST_TEST(tree("prompt*") == "prefix:prompt*");
  BOOST_TEST(tree("\"text to image\"") == "phrase:\"text to image\"");
  BOOST_TEST(tree("\"diffusion model*\"") == "phrase:\"diffusion model*\"");
  BOOST_TEST(tree("=CLIP") == "exact:CLIP");
  BOOST_TEST(tree("/optimi[sz]ation/i") == "regex:/optimi[sz]ation/i");
  BOOST_TEST(tree("/a.b/ms") == "regex:/a.b/ms");
  BOOST_TEST(tree("@surveys") == "@surveys");
  BOOST_TEST(tree("@my_rule-2.x") == "@my_rule-2.x");
}

BOOST_AUTO_TEST_CASE(term_details) {
  const NodePtr phrase = parse_query("  \"diffusion  model*\"");
  BOOST_TEST(phrase->term.column == 3u);
  BOOST_TEST(phrase->term.text == "diffusion model");
  BOOST_TEST(phrase->term.words.size() == 2u);
  BOOST_TEST(phrase->term.words[1] == "model");
  BOOST_TEST(phrase->term.last_word_prefix);
  const NodePtr regex = parse_query("/a\\/b\\d/i");
  BOOST_TEST(regex->term.text == "a/b\\d");  // \/ is a slash; other escapes are RE2's
  BOOST_TEST(regex->term.case_insensitive);
  BOOST_TEST(!regex->term.multi_line);
  BOOST_TEST(!parse_query("/x/")->term.case_insensitive);  // case-sensitive by default
  BOOST_TEST(tree("/a\\\\/") == "regex:/a\\\\/");          // \\ does not escape the slash
  BOOST_TEST(parse_query("Schrödinger")->term.text == "Schrödinger");  // kept as written
}

BOOST_AUTO_TEST_CASE(single_phrase_words_and_separators) {
  BOOST_TEST(tree("\"diffusion\"") == "word:diffusion");
  BOOST_TEST(tree("\"prompt*\"") == "prefix:prompt*");
  BOOST_TEST(tree("\"text-to_image\"") == "phrase:\"text to image\"");
  BOOST_TEST(tree("text–to—image") == "phrase:\"text to image\"");    // en and em dashes
  BOOST_TEST(tree("\"NOT a OR (b)\"") == "phrase:\"NOT a OR (b)\"");  // quoted is literal
}

BOOST_AUTO_TEST_CASE(symbols_and_hyphens) {
  BOOST_TEST(tree("C++") == "word:C++");
  BOOST_TEST(tree(".NET") == "word:.NET");
  BOOST_TEST(tree("GPT-4o") == "phrase:\"GPT 4o\"");
  BOOST_TEST(tree("text-to-image") == "phrase:\"text to image\"");
  BOOST_TEST(tree("-a") == "NOT(word:a)");
  BOOST_TEST(tree("x -a") == "AND(word:x, NOT(word:a))");
  BOOST_TEST(tree("x-a") == "phrase:\"x a\"");
  BOOST_TEST(tree("GPT-4o*") == "phrase:\"GPT 4o*\"");
  BOOST_TEST(tree("a/b") == "word:a/b");
  BOOST_TEST(tree("=GPT-4o") == "exact:GPT-4o");
  BOOST_TEST(tree("-\"a b\" -(c)") == "AND(NOT(phrase:\"a b\"), NOT(word:c))");
  BOOST_TEST(tree("--a") == "NOT(NOT(word:a))");
  BOOST_TEST(tree("-title:a -=CLIP -/x/ -@r") ==
             "AND(NOT(title:word:a), NOT(exact:CLIP), NOT(regex:/x/), NOT(@r))");
}

BOOST_AUTO_TEST_CASE(boolean_operators_and_precedence) {
  BOOST_TEST(tree("a b") == "AND(word:a, word:b)");
  BOOST_TEST(tree("a AND b") == "AND(word:a, word:b)");
  BOOST_TEST(tree("a OR b c") == "OR(word:a, AND(word:b, word:c))");
  BOOST_TEST(tree("a b OR c") == "OR(AND(word:a, word:b), word:c)");
  BOOST_TEST(tree("(a OR b) c") == "AND(OR(word:a, word:b), word:c)");
  BOOST_TEST(tree("NOT a b") == "AND(NOT(word:a), word:b)");
  BOOST_TEST(tree("NOT (a OR b)") == "NOT(OR(word:a, word:b))");
  BOOST_TEST(tree("a and b or c") == "AND(word:a, word:and, word:b, word:or, word:c)");
  BOOST_TEST(tree("NOT(a)OR(b)") == "OR(NOT(word:a), word:b)");
}

BOOST_AUTO_TEST_CASE(flattening) {
  BOOST_TEST(tree("a (b c) d") == "AND(word:a, word:b, word:c, word:d)");
  BOOST_TEST(tree("a OR (b OR (c OR d))") == "OR(word:a, word:b, word:c, word:d)");
  BOOST_TEST(tree("((a))") == "word:a");
  BOOST_TEST(tree("a OR (b c)") == "OR(word:a, AND(word:b, word:c))");
}

BOOST_AUTO_TEST_CASE(fields_scope_and_override) {
  BOOST_TEST(tree("title:diffusion") == "title:word:diffusion");
  BOOST_TEST(tree("title:(survey OR review)") == "OR(title:word:survey, title:word:review)");
  BOOST_TEST(tree("abstract:\"x y\"") == "abstract:phrase:\"x y\"");
  BOOST_TEST(tree("title:(a abstract:b)") == "AND(title:word:a, abstract:word:b)");
  BOOST_TEST(tree("title:a b") == "AND(title:word:a, word:b)");
  BOOST_TEST(tree("authors:Hinton id:2301.00001 category:cs.CL link:github.com text:x") ==
             "AND(authors:word:Hinton, id:word:2301.00001, category:word:cs.CL, "
             "link:word:github.com, word:x)");
  BOOST_TEST(tree("title:/re/i") == "title:regex:/re/i");
  BOOST_TEST(tree("title:=CLIP") == "title:exact:CLIP");
  BOOST_TEST(tree("title:-a") == "NOT(title:word:a)");
  BOOST_TEST(tree("TITLE:a") == "title:word:a");
  BOOST_TEST(tree("link:https://github.com/x") == "link:word:https://github.com/x");
  BOOST_TEST(tree("https://github.com") == "word:https://github.com");  // a URL, not a field
  BOOST_TEST(tree("title:AND") == "title:word:AND");  // a field's operand is a term
  BOOST_TEST(tree("title:(a @r)") == "AND(title:word:a, @r)");
}

BOOST_AUTO_TEST_CASE(default_fields) {
  BOOST_TEST(to_debug_string(*parse_query("a title:b", {MatchField::abstract})) ==
             "AND(abstract:word:a, title:word:b)");
  BOOST_TEST(to_debug_string(*parse_query("a OR b", {MatchField::title, MatchField::abstract})) ==
             "OR(title:word:a, abstract:word:a, title:word:b, abstract:word:b)");
  BOOST_TEST(to_debug_string(*parse_query("a b", {MatchField::title, MatchField::authors})) ==
             "AND(OR(title:word:a, authors:word:a), OR(title:word:b, authors:word:b))");
}

BOOST_AUTO_TEST_CASE(columns) {
  const NodePtr root = parse_query("a OR (b -c)");
  BOOST_TEST(root->column == 1u);
  BOOST_TEST(root->children[1]->column == 7u);               // AND(b, -c) starts at b
  BOOST_TEST(root->children[1]->children[1]->column == 9u);  // the '-'
  BOOST_TEST(root->children[1]->children[1]->children[0]->term.column == 10u);
  BOOST_TEST(parse_query("title:xyz")->term.column == 7u);
  BOOST_TEST(parse_query("é @r")->children[1]->column == 3u);
}

BOOST_AUTO_TEST_CASE(errors_with_columns) {
  BOOST_TEST(error("") == "1: empty query");
  BOOST_TEST(error("   ") == "1: empty query");
  BOOST_TEST(error("(a OR b") == "1: unbalanced \"(\"");
  BOOST_TEST(error("a (b (c)") == "3: unbalanced \"(\"");
  BOOST_TEST(error("a)") == "2: unbalanced \")\"");
  BOOST_TEST(error("\"text to") == "1: unterminated phrase: no closing '\"'");
  BOOST_TEST(error("x /abc") == "3: unterminated regex: no closing '/'");
  BOOST_TEST(error("a \"\"") == "3: empty phrase \"\"");
  BOOST_TEST(error("a \" - \"") == "3: empty phrase \"\"");
  BOOST_TEST(error("a OR") == "3: \"OR\" needs a term after it");
  BOOST_TEST(error("AND b") == "1: \"AND\" needs a term before it");
  BOOST_TEST(error("a OR OR b") == "6: \"OR\" needs a term before it");
  BOOST_TEST(error("NOT") == "1: \"NOT\" needs a term after it");
  BOOST_TEST(error("(a AND)") == "4: \"AND\" needs a term after it");
  BOOST_TEST(error("a - b") == "3: lone \"-\": write -word or -(...) to exclude");
  BOOST_TEST(error("a -") == "3: lone \"-\": write -word or -(...) to exclude");
  BOOST_TEST(error("a * b") == "3: lone \"*\": write prefix* instead");
  BOOST_TEST(error("*ab") == "1: \"*\" can only end the last word (prompt*, \"diffusion model*\")");
  BOOST_TEST(error_column("a pro*mpt") == 6u);
  BOOST_TEST(error_column("\"a* b\"") == 3u);
  BOOST_TEST(error_column("prompt**") == 7u);
  BOOST_TEST(error("a ()") == "3: empty group \"()\"");
  BOOST_TEST(error("titel:x").rfind("1: unknown field \"titel\" (did you mean \"title\"? fields: "
                                    "title abstract text authors id category link; conditions: "
                                    "published updated upvotes announce source)",
                                    0) == 0);
  BOOST_TEST(error("a foo:x") ==
             "3: unknown field \"foo\" (fields: title abstract text authors id category link; "
             "conditions: published updated upvotes announce source)");
  BOOST_TEST(error("title: x") == "1: \"title:\" needs a term or group right after it");
  BOOST_TEST(error("(title:)") == "2: \"title:\" needs a term or group right after it");
  BOOST_TEST(error("/a/x") == "4: bad regex flag \"x\" (flags: i m s)");
  BOOST_TEST(error("/a/iq") == "5: bad regex flag \"q\" (flags: i m s)");
  BOOST_TEST(error("a //") == "3: empty regex \"//\"");
  BOOST_TEST(error("a =") == "3: \"=\" needs a word after it");
  BOOST_TEST(error("=\"a b\"") == "1: \"=\" needs a word after it");
  BOOST_TEST(error("=a*") == "3: an exact term (=word) cannot contain \"*\"");
  BOOST_TEST(error("a @") == "3: \"@\" needs a rule name after it");
  BOOST_TEST(error("@a+b") == "3: invalid character \"+\" in a rule name (letters, digits, _ - .)");
  BOOST_TEST(error("a _") == "3: no word in \"_\"");
}

BOOST_AUTO_TEST_CASE(errors_are_rule_errors) {
  try {
    parse_query("(a");
    BOOST_FAIL("no exception");
  } catch (const Error& e) {
    BOOST_TEST(e.status() == Status::rule);
    BOOST_TEST(std::string(e.what()) == "column 1: unbalanced \"(\"");
  }
}

BOOST_AUTO_TEST_CASE(unicode_columns_count_codepoints) {
  BOOST_TEST(error("Schrödinger (") == "13: unbalanced \"(\"");
  BOOST_TEST(error("扩散模型 OR") == "6: \"OR\" needs a term after it");
  BOOST_TEST(error("\"naïve\" /é/z") == "12: bad regex flag \"z\" (flags: i m s)");
  BOOST_TEST(error("😀 /é/é") == "6: bad regex flag \"é\" (flags: i m s)");
  BOOST_TEST(tree("扩散模型") == "word:扩散模型");
  BOOST_TEST(tree("a\u3000b") == "AND(word:a, word:b)");  // ideographic space separates
  BOOST_TEST(error("ab \xff") == "4: invalid UTF-8");
}

BOOST_AUTO_TEST_CASE(depth_limit) {
  const std::string ok = std::string(kMaxQueryDepth, '(') + "a" + std::string(kMaxQueryDepth, ')');
  BOOST_TEST(tree(ok) == "word:a");
  const std::string deep =
      std::string(kMaxQueryDepth + 1, '(') + "a" + std::string(kMaxQueryDepth + 1, ')');
  BOOST_TEST(error(deep) == "101: query nested deeper than 100 levels");
  BOOST_TEST(error_column(std::string(60000, '(')) == 101u);
  std::string nots;
  for (int i = 0; i < 200; ++i) nots += "NOT ";
  BOOST_TEST(error_column(nots + "a") == 401u);
  BOOST_TEST(error_column(std::string(200, '-') + "a") == 101u);
}

BOOST_AUTO_TEST_CASE(length_limit_before_anything_else) {
  // A million '(' is refused by length, without recursion.
  BOOST_TEST(error(std::string(1'000'000, '(')) == "65537: query longer than 65536 bytes");
  std::string long_query;
  while (long_query.size() < kMaxQueryBytes) long_query += "word ";
  long_query.resize(kMaxQueryBytes);
  BOOST_TEST(error_column(long_query) == 0u);
}

// Spans' codepoint offsets come from codepoints_between: it counts eight bytes a step, and
// must count what a byte loop counts for any range, valid UTF-8 or not, in or past the text.
BOOST_AUTO_TEST_CASE(codepoints_between_counts_like_a_byte_loop) {
  const std::vector<std::string> pieces = {"a",    " ",    "é",        "€",    "😀",
                                           "\x80", "\xC3", "\xBF\xBF", "word "};
  test_support::Lcg random{7};
  for (int round = 0; round < 2000; ++round) {
    const std::string text = test_support::random_pieces(pieces, 40, random);
    const std::size_t from = random.next() % (text.size() + 4);
    const std::size_t to = random.next() % (text.size() + 4);
    std::uint32_t expected = 0;
    for (std::size_t i = from; i < to && i < text.size(); ++i)
      expected += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    BOOST_TEST_REQUIRE(codepoints_between(text, from, to) == expected);
  }
  BOOST_TEST(codepoints_between("naïve 😀 model", 0, 17) == 13u);
}
