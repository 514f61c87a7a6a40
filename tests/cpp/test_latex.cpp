#define BOOST_TEST_MODULE latex
#include <boost/test/unit_test.hpp>
#include <string>

#include "papersieve/normalize.hpp"

using namespace papersieve;

namespace {

std::string tex(const std::string& text) { return clean_latex(text); }

}  // namespace

BOOST_AUTO_TEST_CASE(tex_quotes_become_typographic) {
  BOOST_TEST(tex("the ``soft prompts'' here") == "the \u201Csoft prompts\u201D here");
  BOOST_TEST(tex("the ``fiber bundle null.'' Failing") ==
             "the \u201Cfiber bundle null.\u201D Failing");
  BOOST_TEST(tex("a `single' quote") == "a \u2018single\u2019 quote");
  // The apostrophe inside a `quote' is not its end: that one ends a word.
  BOOST_TEST(tex("`it's fine' now") == "\u2018it's fine\u2019 now");
}

BOOST_AUTO_TEST_CASE(apostrophes_and_code_backticks_stay) {
  BOOST_TEST(tex("the model's output") == "the model's output");
  BOOST_TEST(tex("call `f` here") == "call `f` here");
  BOOST_TEST(tex("a lone ` backtick") == "a lone ` backtick");
}

BOOST_AUTO_TEST_CASE(escaped_specials_become_the_character) {
  BOOST_TEST(tex("up to 26.35\\% fewer") == "up to 26.35% fewer");
  BOOST_TEST(tex("R\\&D, the \\#1 spot, snake\\_case, \\$5, \\{x\\}") ==
             "R&D, the #1 spot, snake_case, $5, {x}");
  BOOST_TEST(tex("an average 10.6\\%-29.3\\% gain") == "an average 10.6%-29.3% gain");
}

BOOST_AUTO_TEST_CASE(dashes_become_en_and_em_dashes) {
  BOOST_TEST(tex("nature--such as") == "nature\u2013such as");
  BOOST_TEST(tex("pages 10--20") == "pages 10\u201320");
  BOOST_TEST(tex("a task --- which") == "a task \u2014 which");
  BOOST_TEST(tex("pre-trained") == "pre-trained");
  BOOST_TEST(tex("a rule ---- here") == "a rule ---- here");
}

BOOST_AUTO_TEST_CASE(dashes_in_urls_and_math_stay) {
  BOOST_TEST(tex("see https://a--b.org/x--y -- done") == "see https://a--b.org/x--y \u2013 done");
  BOOST_TEST(tex("see www.a--b.org -- done") == "see www.a--b.org \u2013 done");
  BOOST_TEST(tex("\\url{https://a--b.org} -- x") == "https://a--b.org \u2013 x");
  BOOST_TEST(tex("$a--b$ -- c") == "$a--b$ \u2013 c");
}

BOOST_AUTO_TEST_CASE(accents_in_every_form_compose) {
  BOOST_TEST(tex("Bal\\'azs") == "Bal\u00E1zs");
  BOOST_TEST(tex("\\'{a} {\\'a} \\'a") == "\u00E1 \u00E1 \u00E1");
  BOOST_TEST(tex("Schr\\\"odinger, Schr\\\"{o}dinger, M{\\\"u}ller") ==
             "Schr\u00F6dinger, Schr\u00F6dinger, M\u00FCller");
  BOOST_TEST(tex("\\^o \\`e \\~n \\=a \\.z") == "\u00F4 \u00E8 \u00F1 \u0101 \u017C");
  BOOST_TEST(tex("\\u{g} \\v{c} \\H{o} \\c{c} \\k{a} \\r{a}") ==
             "\u011F \u010D \u0151 \u00E7 \u0105 \u00E5");
  BOOST_TEST(tex("Fran\\c cois") ==
             "Fran\u00E7ois");  // a control word takes its letter after a space
  BOOST_TEST(tex("Garc\\'{\\i}a, na\\\"\\i ve") == "Garc\u00EDa, na\u00EFve");
  BOOST_TEST(tex("\\'{\\^e}") == "\u1EBF");  // accents stack: ế
}

BOOST_AUTO_TEST_CASE(letter_macros_become_letters) {
  BOOST_TEST(tex("Stra\\ss e") == "Stra\u00DFe");  // TeX swallows the space after \ss
  BOOST_TEST(tex("Bj{\\o}rn \\O{} \\ae{} \\AE{} \\oe{} \\OE{} \\aa{} \\AA{} \\l{} \\L{}") ==
             "Bj\u00F8rn \u00D8 \u00E6 \u00C6 \u0153 \u0152 \u00E5 \u00C5 \u0142 \u0141");
  BOOST_TEST(tex("\\AA ngstr\\\"om") == "\u00C5ngstr\u00F6m");
  BOOST_TEST(tex("a, b, \\ldots and \\LaTeX{} text") == "a, b, \u2026 and LaTeX text");
}

BOOST_AUTO_TEST_CASE(formatting_commands_unwrap_with_nesting) {
  BOOST_TEST(tex("\\emph{very} good") == "very good");
  BOOST_TEST(tex("\\textbf{bold \\emph{and {BERT}} text}") == "bold and BERT text");
  BOOST_TEST(tex("\\textbf{keeps {x} inside}") == "keeps {x} inside");  // {x} is no case guard
  BOOST_TEST(tex("\\textit{a} \\texttt{b} \\textsc{c} \\textrm{d} \\mathrm{e}") == "a b c d e");
  BOOST_TEST(tex("{\\em emphasized} {\\bf bold} {\\it italic}") == "emphasized bold italic");
  BOOST_TEST(tex("\\emph{x -- y}") == "x \u2013 y");  // the argument is cleaned too
}

BOOST_AUTO_TEST_CASE(capitalization_braces_unwrap_but_sets_and_placeholders_stay) {
  BOOST_TEST(tex("{BERT} and {GPT}-4 via {{T5}}") == "BERT and GPT-4 via T5");
  BOOST_TEST(tex("labels in {0,1}") == "labels in {0,1}");
  BOOST_TEST(tex("Answer: {answer}") == "Answer: {answer}");
  BOOST_TEST(tex("a {} b") == "a {} b");
}

BOOST_AUTO_TEST_CASE(ties_become_spaces_but_approximations_stay) {
  BOOST_TEST(tex("Fig.~1 and et~al.") == "Fig. 1 and et al.");
  BOOST_TEST(tex("about ~10x faster") == "about ~10x faster");
  BOOST_TEST(tex("10~20 frames") == "10~20 frames");
}

BOOST_AUTO_TEST_CASE(math_is_kept_verbatim) {
  BOOST_TEST(tex("error $\\epsilon = 10\\%$ and $a--b$ here") ==
             "error $\\epsilon = 10\\%$ and $a--b$ here");
  BOOST_TEST(tex("$$\\mathrm{x}--y$$ -- z") == "$$\\mathrm{x}--y$$ \u2013 z");
  BOOST_TEST(tex("\\(a--b\\) and \\[c~d\\]") == "\\(a--b\\) and \\[c~d\\]");
  BOOST_TEST(tex("$x~y$ and ``$q$''") == "$x~y$ and \u201C$q$\u201D");
  // Dollars that are money open no math: the -- between them is prose.
  BOOST_TEST(tex("$5 -- $10") == "$5 \u2013 $10");
}

BOOST_AUTO_TEST_CASE(unknown_macros_are_kept_and_counted) {
  MacroCounts unknown;
  BOOST_TEST(clean_latex("\\sysname beats \\sysname{} as in \\cite{a--b}", &unknown) ==
             "\\sysname beats \\sysname{} as in \\cite{a--b}");
  BOOST_TEST(unknown["\\sysname"] == 2u);
  BOOST_TEST(unknown["\\cite"] == 1u);
  BOOST_TEST(clean_latex("$\\alpha$ and \\% are known", &unknown) == "$\\alpha$ and % are known");
  BOOST_TEST(unknown.count("\\alpha") == 0u);           // math is not looked into
  BOOST_TEST(clean_latex("\\sysname") == "\\sysname");  // counting is optional
}

BOOST_AUTO_TEST_CASE(malformed_tex_is_kept_as_it_was) {
  BOOST_TEST(tex("trailing \\") == "trailing \\");
  BOOST_TEST(tex("ends with \\'") == "ends with \\'");
  BOOST_TEST(tex("\\\"{} and \\'{ab} and \\'1 and \\c") == "\\\"{} and \\'{ab} and \\'1 and \\c");
  BOOST_TEST(tex("{unclosed \\emph{x") == "{unclosed \\emph{x");
  BOOST_TEST(tex("}} stray") == "}} stray");
  BOOST_TEST(tex("$unclosed math") == "$unclosed math");
  BOOST_TEST(tex("\\(unclosed") == "\\(unclosed");
  BOOST_TEST(tex("bad \xFF byte -- ok") == "bad \xFF byte \u2013 ok");  // bytes pass through
}

BOOST_AUTO_TEST_CASE(hostile_nesting_and_repetition_stay_fast_and_safe) {
  const std::string deep = std::string(100000, '{') + "x" + std::string(100000, '}');
  BOOST_TEST(tex(deep).size() == deep.size());  // too deep: kept as it was
  const std::string open = std::string(200000, '{');
  BOOST_TEST(tex(open) == open);
  std::string dollars;
  for (int i = 0; i < 50000; ++i) dollars += "$a ";
  BOOST_TEST(tex(dollars) == dollars);
  std::string parens;
  for (int i = 0; i < 50000; ++i) parens += "\\(a ";
  BOOST_TEST(tex(parens) == parens);
  const std::string quotes(100000, '`');
  BOOST_TEST(tex(quotes).size() == 50000u * 3u);  // each `` is a three-byte “
}

BOOST_AUTO_TEST_CASE(plain_prose_has_no_markup) {
  const std::string prose =
      "We propose a pre-trained model's prompt: it beats baselines by 3% (p < 0.05).";
  BOOST_TEST(!has_latex_markup(prose));
  BOOST_TEST(tex(prose) == prose);
  BOOST_TEST(has_latex_markup("a \\% b"));
  BOOST_TEST(has_latex_markup("a -- b"));
  BOOST_TEST(has_latex_markup("a ``b''"));
  BOOST_TEST(has_latex_markup("Fig.~1"));
  BOOST_TEST(has_latex_markup("{BERT}"));
}
