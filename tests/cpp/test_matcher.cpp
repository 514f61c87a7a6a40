// Matcher: which rules match a paper and where (docs/rules.md semantics).
#define BOOST_TEST_MODULE matcher
#include <algorithm>
#include <thread>

#include "papersieve/parse.hpp"
#include "rules/match/matcher.hpp"
#include "test_support.hpp"

namespace papersieve {
inline std::ostream& operator<<(std::ostream& os, MatchField f) {
  return os << static_cast<int>(f);
}
}  // namespace papersieve

using namespace papersieve;
using namespace papersieve::rules;

namespace {

// ---- building queries by hand ----

NodePtr term(TermKind kind, std::string text, MatchField field = MatchField::text) {
  auto node = std::make_unique<Node>();
  node->term.kind = kind;
  node->term.field = field;
  node->term.text = std::move(text);
  node->term.column = 1;
  return node;
}
NodePtr word(std::string text, MatchField field = MatchField::text) {
  return term(TermKind::word, std::move(text), field);
}
NodePtr prefix(std::string stem, MatchField field = MatchField::text) {
  return term(TermKind::prefix, std::move(stem), field);
}
NodePtr exact(std::string text) { return term(TermKind::exact, std::move(text)); }
NodePtr phrase(std::vector<std::string> words, bool last_prefix = false,
               MatchField field = MatchField::text) {
  auto node = term(TermKind::phrase, "", field);
  node->term.words = std::move(words);
  node->term.last_word_prefix = last_prefix;
  return node;
}
NodePtr regex(std::string pattern, const std::string& flags = "",
              MatchField field = MatchField::text, std::uint32_t column = 1) {
  auto node = term(TermKind::regex, std::move(pattern), field);
  node->term.case_insensitive = flags.find('i') != std::string::npos;
  node->term.multi_line = flags.find('m') != std::string::npos;
  node->term.dot_all = flags.find('s') != std::string::npos;
  node->term.column = column;
  return node;
}
NodePtr group(Node::Kind kind, std::vector<NodePtr> children) {
  auto node = std::make_unique<Node>();
  node->kind = kind;
  node->children = std::move(children);
  return node;
}
template <class... N>
NodePtr all(N... n) {
  std::vector<NodePtr> c;
  (c.push_back(std::move(n)), ...);
  return group(Node::Kind::all_of, std::move(c));
}
template <class... N>
NodePtr any(N... n) {
  std::vector<NodePtr> c;
  (c.push_back(std::move(n)), ...);
  return group(Node::Kind::any_of, std::move(c));
}
NodePtr negate(NodePtr child) {
  std::vector<NodePtr> c;
  c.push_back(std::move(child));
  return group(Node::Kind::negation, std::move(c));
}
NodePtr ref(std::string name) {
  auto node = std::make_unique<Node>();
  node->kind = Node::Kind::rule_ref;
  node->rule_name = std::move(name);
  node->column = 3;
  return node;
}

Paper paper(std::string title, std::string abstract = "") {
  Paper p;
  p.id = "2406.01234";
  p.title = std::move(title);
  p.abstract = std::move(abstract);
  p.authors = {"Erwin Schrödinger", "Ada Lovelace"};
  p.categories = {"cs.CL", "cs.LG"};
  p.links = {{"https://github.com/acme/clip-tools", LinkKind::code}};
  return p;
}

// match() for a one-rule query; checks that spans() (the reference path) agrees.
bool matches(const NodePtr& query, const Paper& p) {
  const Matcher m({{"q", query.get()}});
  const bool fast = m.match(p)[0];
  const bool reference = !m.spans(p, 0).empty();
  BOOST_TEST(fast == reference);
  return fast;
}

std::string spanned(const Paper& p, const Span& s) {
  return displayed_field(p, s.field).substr(s.start, s.end - s.start);
}

std::vector<std::string> spanned_texts(const NodePtr& query, const Paper& p) {
  const Matcher m({{"q", query.get()}});
  std::vector<std::string> out;
  for (const Span& s : m.spans(p, 0)) out.push_back(spanned(p, s));
  return out;
}

std::string error_of(const NodePtr& query, const MatcherLimits& limits = {}) {
  try {
    Matcher m({{"t2i", query.get()}}, limits);
  } catch (const RuleError& e) {
    return e.what();
  }
  return "";
}

using Texts = std::vector<std::string>;

}  // namespace

BOOST_AUTO_TEST_CASE(words_are_whole_words_case_and_accent_insensitive) {
  BOOST_TEST(matches(word("schrodinger"), paper("Beyond the Schrödinger Bridge")));
  BOOST_TEST(matches(word("SCHRÖDINGER"), paper("schrodinger bridges")));
  BOOST_TEST(matches(word("diffusion"), paper("Latent Diffusion Models")));
  BOOST_TEST(!matches(word("diffusion"), paper("On diffusions and flows")));
  BOOST_TEST(!matches(word("diffusion"), paper("Nondiffusion")));
  BOOST_TEST(matches(prefix("diffusion"), paper("On diffusions and flows")));
  BOOST_TEST(matches(prefix("diffusion"), paper("Diffusion")));
  BOOST_TEST(!matches(prefix("diffusion"), paper("A diffuse prior")));
}

BOOST_AUTO_TEST_CASE(phrases_cross_spaces_dashes_and_underscores_only) {
  const auto q = phrase({"text", "to", "image"});
  BOOST_TEST(matches(q, paper("Text-to-Image Generation")));
  BOOST_TEST(matches(q, paper("x", "we map text_to image and back")));
  BOOST_TEST(matches(q, paper("Text\xE2\x80\x93to\xE2\x80\x94Image")));  // en and em dash
  BOOST_TEST(!matches(q, paper("text, to image")));
  BOOST_TEST(!matches(q, paper("text to images")));
  BOOST_TEST(!matches(q, paper("Text to", "image")));  // never across title and abstract
  BOOST_TEST(matches(phrase({"diffusion", "model"}, true), paper("Diffusion Models Beat GANs")));
  BOOST_TEST(matches(word("text-to-image"), paper("text to image")));  // hyphenated word
}

BOOST_AUTO_TEST_CASE(exact_terms_are_case_and_accent_sensitive_whole_words) {
  BOOST_TEST(matches(exact("CLIP"), paper("Fine-tuning CLIP")));
  BOOST_TEST(!matches(exact("CLIP"), paper("Every clip counts")));
  BOOST_TEST(!matches(exact("CLIP"), paper("CLIPScore")));
  BOOST_TEST(matches(exact("Schrödinger"), paper("Schrödinger bridge")));
  BOOST_TEST(!matches(exact("Schrödinger"), paper("Schrodinger bridge")));
}

BOOST_AUTO_TEST_CASE(keywords_with_symbols) {
  BOOST_TEST(matches(word("C++"), paper("Fast C++ kernels")));
  BOOST_TEST(matches(word("c++"), paper("C++17 parsers")));
  BOOST_TEST(!matches(word("C++"), paper("The C language")));
  BOOST_TEST(matches(word("C#"), paper("Porting C# code")));
  BOOST_TEST(matches(word(".NET"), paper("Apps on .NET and Java")));
  BOOST_TEST(!matches(word(".NET"), paper("A neural net")));
  BOOST_TEST(matches(word("GPT-4o"), paper("Evaluating GPT-4o on math")));
  BOOST_TEST(!matches(word("GPT-4o"), paper("Evaluating GPT-4 on math")));
  BOOST_TEST(matches(word("node.js"), paper("Node.js servers")));
  BOOST_TEST(!matches(word("node.js"), paper("node js servers")));
}

BOOST_AUTO_TEST_CASE(cjk_text_falls_back_to_substring_matching) {
  BOOST_TEST(matches(word("学习"), paper("深度学习方法")));
  BOOST_TEST(!matches(word("学习"), paper("深度学方习法")));
  BOOST_TEST(matches(word("GPT"), paper("基于GPT模型")));
  BOOST_TEST((spanned_texts(word("学习"), paper("深度学习方法")) == Texts{"学习"}));
}

BOOST_AUTO_TEST_CASE(regexes_run_over_displayed_text_with_flags) {
  BOOST_TEST(matches(regex("optimi[sz]ation"), paper("Bayesian optimisation")));
  BOOST_TEST(!matches(regex("optimi[sz]ation"), paper("Bayesian Optimisation")));
  BOOST_TEST(matches(regex("optimi[sz]ation", "i"), paper("Bayesian Optimisation")));
  BOOST_TEST(!matches(regex("^B", "", MatchField::abstract), paper("t", "A\nB")));
  BOOST_TEST(matches(regex("^B", "m", MatchField::abstract), paper("t", "A\nB")));
  BOOST_TEST(!matches(regex("A.B", "", MatchField::abstract), paper("t", "A\nB")));
  BOOST_TEST(matches(regex("A.B", "s", MatchField::abstract), paper("t", "A\nB")));
  BOOST_TEST(matches(regex("Schr.dinger"), paper("Schrödinger")));  // UTF-8: . is ö
  BOOST_TEST(
      (spanned_texts(regex("\\bDPO\\b"), paper("DPO and IPO", "so DPO")) == Texts{"DPO", "DPO"}));
}

BOOST_AUTO_TEST_CASE(fields) {
  const Paper p = paper("A title", "An abstract about Transformers");
  BOOST_TEST(matches(word("transformers"), p));
  BOOST_TEST(!matches(word("transformers", MatchField::title), p));
  BOOST_TEST(matches(word("transformers", MatchField::abstract), p));
  BOOST_TEST(!matches(word("title", MatchField::abstract), p));
  BOOST_TEST(matches(phrase({"erwin", "schrodinger"}, false, MatchField::authors), p));
  BOOST_TEST(!matches(word("lovelace"), p));  // text is title + abstract only
  BOOST_TEST(matches(word("2406.01234", MatchField::id), p));
  BOOST_TEST(matches(word("2406", MatchField::id), p));  // id parts are words
  BOOST_TEST(matches(word("cs.CL", MatchField::category), p));
  BOOST_TEST(!matches(word("cs.CV", MatchField::category), p));
  BOOST_TEST(matches(word("github", MatchField::link), p));
  BOOST_TEST(matches(word("github.com", MatchField::link), p));
  BOOST_TEST(!matches(word("gitlab.com", MatchField::link), p));
  BOOST_TEST(matches(regex("github\\.com/acme", "", MatchField::link), p));
}

BOOST_AUTO_TEST_CASE(boolean_logic) {
  const Paper p = paper("Diffusion models for text to image", "A survey.");
  BOOST_TEST(matches(all(word("diffusion"), word("image")), p));
  BOOST_TEST(!matches(all(word("diffusion"), word("audio")), p));
  BOOST_TEST(matches(any(word("audio"), word("image")), p));
  BOOST_TEST(!matches(any(word("audio"), word("speech")), p));
  const Matcher m({{"q", negate(word("survey")).get()}});
  BOOST_TEST(!m.match(p)[0]);
  BOOST_TEST(m.match(paper("Diffusion"))[0]);  // true with no term hit at all
  const auto q = all(phrase({"text", "to", "image"}), negate(word("survey")));
  BOOST_TEST(!Matcher({{"q", q.get()}}).match(p)[0]);
  const auto q2 = any(all(word("audio"), regex("x")), all(word("diffusion"), negate(regex("GAN"))));
  BOOST_TEST(matches(q2, p));
}

BOOST_AUTO_TEST_CASE(rule_references_evaluate_the_named_rule) {
  const auto t2i = phrase({"text", "to", "image"});
  const auto surveys = word("survey", MatchField::abstract);
  const auto picked = all(ref("t2i"), negate(ref("surveys")));
  const Matcher m({{"t2i", t2i.get()}, {"surveys", surveys.get()}, {"picked", picked.get()}});
  BOOST_TEST((m.match(paper("Text to image")) == std::vector<bool>{true, false, true}));
  BOOST_TEST((m.match(paper("Text to image", "A survey")) == std::vector<bool>{true, true, false}));
  const auto spans = m.spans(paper("Text to image", "A survey of t2i"), 2);
  BOOST_TEST(spans.empty());
  const auto spans2 = m.spans(paper("Text to image"), 2);
  BOOST_TEST(spans2.size() == 1u);
}

// Scoring reads the true rules from this list: a rule true by default (a negation nobody
// touched), an evaluated one, a referenced one must all be in it, once, ascending.
BOOST_AUTO_TEST_CASE(true_rules_lists_exactly_the_matched_rules) {
  const auto no_survey = negate(word("survey"));
  const auto diffusion = word("diffusion");
  const auto gan = regex("GAN");
  const auto picked = all(ref("diffusion"), ref("no_survey"));
  const auto not_gan = negate(regex("GAN"));
  const auto either = any(negate(word("audio")), word("image"));
  const Matcher m({{"no_survey", no_survey.get()},
                   {"diffusion", diffusion.get()},
                   {"gan", gan.get()},
                   {"picked", picked.get()},
                   {"not_gan", not_gan.get()},
                   {"either", either.get()}});
  MatchState scratch;  // reused: the list must not keep an earlier paper's rules
  std::vector<bool> matched;
  const std::vector<std::pair<Paper, std::vector<std::uint32_t>>> cases = {
      {paper("Diffusion models", "A survey."), {1, 4, 5}},
      {paper("Diffusion GAN models"), {0, 1, 2, 3, 5}},
      {paper("Audio survey"), {4}},
      {paper("Audio image GAN"), {0, 2, 5}},
      {paper(""), {0, 4, 5}},
  };
  for (const auto& [p, expected] : cases) {
    m.match(p, scratch, matched);
    BOOST_TEST(scratch.true_rules() == expected, p.title);
    std::vector<std::uint32_t> from_matched;
    for (std::uint32_t r = 0; r < matched.size(); ++r)
      if (matched[r]) from_matched.push_back(r);
    BOOST_TEST(scratch.true_rules() == from_matched, p.title);
  }
}

BOOST_AUTO_TEST_CASE(unknown_references_and_cycles_are_errors) {
  const auto a = ref("nope");
  BOOST_TEST(error_of(a) == "rule \"t2i\": query column 3: unknown rule \"@nope\"");
  const auto x = all(word("x"), ref("y"));
  const auto y = ref("x");
  try {
    Matcher m({{"x", x.get()}, {"y", y.get()}});
    BOOST_FAIL("a cycle compiled");
  } catch (const RuleError& e) {
    BOOST_TEST(std::string(e.what()).find("cycle") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(spans_cover_exactly_the_matched_displayed_text) {
  const Paper p = paper("Schrödinger Bridges for Text-to-Image Diffusion",
                        "We study text to image diffusion. Schrodinger too.");
  const auto q = any(word("schrodinger"), phrase({"text", "to", "image"}), negate(word("x")));
  const Matcher m({{"q", q.get()}});
  const auto spans = m.spans(p, 0);
  Texts texts;
  for (const Span& s : spans) texts.push_back(spanned(p, s));
  BOOST_TEST(texts == (Texts{"Schrödinger", "Text-to-Image", "text to image", "Schrodinger"}),
             boost::test_tools::per_element());
  BOOST_TEST(spans[0].field == MatchField::title);
  BOOST_TEST(spans[0].start == 0u);
  BOOST_TEST(spans[0].end == 12u);  // ö is two bytes
  BOOST_TEST(spans[2].field == MatchField::abstract);
  BOOST_TEST((spanned_texts(word("C++"), paper("in C++ code")) == Texts{"C++"}));
  BOOST_TEST((spanned_texts(word(".NET"), paper("on .NET")) == Texts{".NET"}));
}

BOOST_AUTO_TEST_CASE(overlapping_spans_are_merged_and_negated_terms_give_none) {
  const auto q =
      all(phrase({"text", "to", "image"}), phrase({"image", "model"}), negate(word("audio")));
  BOOST_TEST((spanned_texts(q, paper("text to image model")) == Texts{"text to image model"}));
  const auto q2 = all(word("image"), negate(negate(word("model"))));
  BOOST_TEST((spanned_texts(q2, paper("image model")) == Texts{"image"}));
  BOOST_TEST(spanned_texts(word("audio"), paper("image model")).empty());
}

BOOST_AUTO_TEST_CASE(invalid_regexes_name_the_rule_and_column) {
  const auto bad = any(word("x"), regex("(unclosed", "", MatchField::text, 14));
  BOOST_TEST(error_of(bad) == "rule \"t2i\": query column 14: invalid regex: missing ): (unclosed");
  const auto empty = word("--");
  BOOST_TEST(error_of(empty).find("no letter or digit") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(regex_memory_exhaustion_is_an_error_or_still_correct) {
  // Too big to compile within the budget: an error, not a rule that never matches.
  const auto huge = regex("(\\pL\\pN|\\pN\\pL){1000}");
  MatcherLimits small;
  small.regex_max_mem = 1 << 20;
  BOOST_TEST(error_of(huge, small).find("memory limit") != std::string::npos);
  // Small program, exploding DFA: RE2 falls back to the NFA, the match is still found.
  const auto dfa = regex("(a|b)*a(a|b){20}c");
  MatcherLimits tiny;
  tiny.regex_max_mem = 300 << 10;
  std::string text;
  for (int i = 0; i < 4000; ++i) text += (i * 7919 % 3 == 0) ? 'a' : 'b';
  text += "a" + std::string(20, 'b') + "c";
  const Matcher m({{"q", dfa.get()}}, tiny);
  BOOST_TEST(m.match(paper("t", text))[0]);
  BOOST_TEST(!m.match(paper("t", text.substr(0, 4000)))[0]);
}

BOOST_AUTO_TEST_CASE(limits_are_errors) {
  MatcherLimits limits;
  limits.max_term_bytes = 8;
  BOOST_TEST(error_of(word("abcdefghijk"), limits).find("longer than 8 bytes") !=
             std::string::npos);
  limits = {};
  limits.max_depth = 2;
  BOOST_TEST(error_of(negate(negate(negate(negate(word("x"))))), limits).find("nested") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(one_matcher_shared_by_four_threads) {
  const auto r1 = any(word("diffusion"), phrase({"text", "to", "image"}));
  const auto r2 = all(prefix("prompt"), negate(regex("survey", "i")));
  const Matcher m({{"a", r1.get()}, {"b", r2.get()}});
  std::vector<Paper> papers;
  for (int i = 0; i < 200; ++i)
    papers.push_back(paper(i % 3 ? "Prompting diffusion" : "A Survey of prompts",
                           i % 2 ? "text-to-image" : "nothing"));
  std::vector<std::vector<bool>> expected;
  for (const Paper& p : papers) expected.push_back(m.match(p));
  std::vector<int> wrong(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      MatchState scratch;
      std::vector<bool> got;
      for (int round = 0; round < 20; ++round)
        for (std::size_t i = 0; i < papers.size(); ++i) {
          m.match(papers[i], scratch, got);
          wrong[t] += got != expected[i];
        }
    });
  for (auto& th : threads) th.join();
  BOOST_TEST((wrong == std::vector<int>{0, 0, 0, 0}));
}

BOOST_AUTO_TEST_CASE(real_dump_prompt_tuning) {
  const std::string path = test_support::shared_data("000_fd6c685c865a6cdc.txt");
  if (path.empty()) return;
  const Corpus corpus = parse_file(path);
  const auto q = phrase({"prompt", "tuning"});
  const Matcher m({{"q", q.get()}});
  std::vector<std::string> in;
  MatchState scratch;
  std::vector<bool> got;
  for (const Paper& p : corpus.papers) {
    m.match(p, scratch, got);
    BOOST_TEST(got[0] == !m.spans(p, 0).empty(), p.title);
    if (got[0]) in.push_back(p.title);
  }
  auto has = [&](const std::string& title) {
    return std::find(in.begin(), in.end(), title) != in.end();
  };
  BOOST_TEST(has("Dual Modality Prompt Tuning for Vision-Language Pre-Trained Model"));
  BOOST_TEST(has("XPrompt: Exploring the Extreme of Prompt Tuning"));
  BOOST_TEST(has("The Power of Scale for Parameter-Efficient Prompt Tuning"));
  // "Deep prompt-tuning" in the abstract only.
  BOOST_TEST(
      has("Effectively Prompting Small-sized Language Models for Cross-lingual Tasks via "
          "Winning Tickets"));
  BOOST_TEST(!has("Mixture of Prompt Learning for Vision Language Models"));
  BOOST_TEST(!has("DualPrompt: Complementary Prompting for Rehearsal-free Continual Learning"));
  BOOST_TEST_MESSAGE(in.size() << " of " << corpus.papers.size() << " papers say prompt tuning");
}
