// Randomized differential test of the fast matcher (bitmask tokenizer, Bloom prefilter, regex
// gates) against the reference scan of Matcher::spans, on texts mixing ASCII, dashes,
// underscores, accents, CJK, symbols and code points that case-fold to ASCII.
#define BOOST_TEST_MODULE matcher_random
#include <random>
#include <string>
#include <vector>

#include "rules/match/matcher.hpp"
#include "test_support.hpp"

using namespace papersieve;
using namespace papersieve::rules;

namespace {

const std::vector<std::string> kPieces = {
    "model", "Model", "MODEL", "models", "diffusion", "Diffusion", "café", "CAFÉ", "cafe", "naïve",
    "naive", "Schrödinger", "schrodinger", "text", "to", "image", "Text-to-Image", "text_to_image",
    "text—to—image", "C++", "c++", ".NET", "node.js", "GPT-4o", "gpt4o", "DPO", "dpo", "RLHF-2",
    "x", "a1", "123", "机器", "学习", "機械学習", "日本語",
    "\xE2\x84\xAA"
    "elvin",
    "kelvin",
    "\xC5\xBF"
    "trong",
    "strong", "optimization", "optimisation", "Optimi", "straße", "STRASSE", "ﬁne", "fine", "über",
    "uber", "ÜBER", "aaaaaaaaaaaaaaaaaaaaaaa", "aaaaaaaaaaaaaaaa", "prompt", "prompting",
    "promptly", "e.g.", "(x)", "—", "’s", "'s", "\xFF", "ὀδυσσεύς", "ΟΔΥΣΣΕΥΣ", "İstanbul",
    "istanbul",
    // for the regexes (and their windows)
    "DPO", "GPT-4o", "gpt4", "ViT-22", "\u212Aelvin", "ſtrong", "node.js", "prompting",
    "optimization", "7B"};
const std::vector<std::string> kSeparators = {" ",  " ", " ", "  ", "-",  "_",   ", ", ". ",
                                              "\n", "—", "/", "",   "\t", " – ", "(",  ")"};
const std::vector<std::string> kRegexes = {R"(\bDPO\b)",
                                           R"(optimi[sz]ation)",
                                           R"((?i)\bgpt-?4o?\b)",
                                           R"(\b[A-Z]{2,}-\d+\b)",
                                           R"((?i)kelvin)",
                                           R"((?i)strong)",
                                           R"((?i)istanbul)",
                                           R"((?i)über|uber)",
                                           R"(text.to.image)",
                                           R"((?i)schr(ö|o)dinger)",
                                           R"((?i)\w*prompt\w*)",
                                           R"(\bnode\.js\b)",
                                           R"((?i)\bmodels?\b)",
                                           R"([^ -]+ion\b)",
                                           R"(\b\d+(?:\.\d+)?[BM]\b)",
                                           R"((?i)\bvit-\d+)"};

std::string random_text(std::mt19937_64& rng, std::size_t words) {
  std::uniform_int_distribution<std::size_t> piece(0, kPieces.size() - 1),
      sep(0, kSeparators.size() - 1);
  std::string s;
  for (std::size_t i = 0; i < words; ++i) {
    if (i > 0) s += kSeparators[sep(rng)];
    s += kPieces[piece(rng)];
  }
  return s;
}

NodePtr random_term(std::mt19937_64& rng) {
  auto node = std::make_unique<Node>();
  node->term.column = 1;
  std::uniform_int_distribution<int> kind(0, 9);
  std::uniform_int_distribution<std::size_t> any_piece(0, kPieces.size() - 1);
  auto pick = [&]() -> const std::string& {  // a piece with something to match on
    for (;;) {
      const std::string& w = kPieces[any_piece(rng)];
      if (w != "—" && w != "\xFF") return w;
    }
  };
  const std::string& w = pick();
  switch (kind(rng)) {
    case 0:
    case 1:
    case 2: node->term.kind = TermKind::word, node->term.text = w; break;
    case 3:
      node->term.kind = TermKind::prefix;
      node->term.text = w.substr(0, std::max<std::size_t>(1, w.size() / 2));
      break;
    case 4: node->term.kind = TermKind::exact, node->term.text = w; break;
    case 5:
    case 6: {
      node->term.kind = TermKind::phrase;
      node->term.words = {w, pick()};
      if (kind(rng) < 3) node->term.words.push_back(pick());
      node->term.last_word_prefix = kind(rng) == 0;
      node->term.text = node->term.words[0];
      break;
    }
    default: {
      node->term.kind = TermKind::regex;
      node->term.text =
          kRegexes[std::uniform_int_distribution<std::size_t>(0, kRegexes.size() - 1)(rng)];
      node->term.case_insensitive = kind(rng) < 3;
      if (kind(rng) == 0) node->term.field = MatchField::title;
      return node;
    }
  }
  // Words and phrases in one field now and then: match() records each field's tokens apart.
  constexpr MatchField kFields[] = {MatchField::title, MatchField::abstract, MatchField::authors};
  if (kind(rng) < 3) node->term.field = kFields[std::uniform_int_distribution<int>(0, 2)(rng)];
  return node;
}

// A paper of random text: 0-12 title words, 0-`abstract_words` abstract words, 0-`authors`
// authors.
Paper random_paper(std::mt19937_64& rng, std::size_t abstract_words, int authors) {
  Paper p;
  p.id = "x";
  p.title = random_text(rng, std::uniform_int_distribution<std::size_t>(0, 12)(rng));
  p.abstract = random_text(rng, std::uniform_int_distribution<std::size_t>(0, abstract_words)(rng));
  for (int a = std::uniform_int_distribution<int>(0, authors)(rng); a > 0; --a)
    p.authors.push_back(random_text(rng, 2));
  return p;
}

// The matcher of `roots`, or null when a term has nothing to match (e.g. "—" alone).
std::unique_ptr<Matcher> matcher_of(const std::vector<RuleRoot>& roots) {
  try {
    return std::make_unique<Matcher>(roots);
  } catch (const RuleError&) {
    return nullptr;
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(fast_match_agrees_with_the_reference_scan) {
  std::mt19937_64 rng(2024);
  std::size_t checked = 0, matched_rules = 0, bounded_spans = 0;
  for (int round = 0; round < 60; ++round) {
    // 1-40 rules, each any-of (or all-of) 1-12 random terms.
    std::vector<NodePtr> trees;
    std::vector<RuleRoot> roots;
    const std::size_t rules = std::uniform_int_distribution<std::size_t>(1, 40)(rng);
    for (std::size_t r = 0; r < rules; ++r) {
      auto tree = std::make_unique<Node>();
      tree->kind = r % 4 == 3 ? Node::Kind::all_of : Node::Kind::any_of;
      const std::size_t terms =
          std::uniform_int_distribution<std::size_t>(1, r % 4 == 3 ? 2 : 12)(rng);
      for (std::size_t t = 0; t < terms; ++t) tree->children.push_back(random_term(rng));
      if (r % 5 == 4) {  // a term as the root, and an AND with a NOT and a nested OR
        tree = random_term(rng);
      } else if (r % 7 == 6) {
        auto negated = std::make_unique<Node>();
        negated->kind = Node::Kind::negation;
        negated->children.push_back(random_term(rng));
        auto both = std::make_unique<Node>();
        both->kind = Node::Kind::all_of;
        both->children.push_back(std::move(tree));
        both->children.push_back(std::move(negated));
        both->children.push_back(random_term(rng));
        tree = std::move(both);
      }
      roots.push_back({"r" + std::to_string(r), tree.get()});
      trees.push_back(std::move(tree));
    }
    const std::unique_ptr<Matcher> matcher = matcher_of(roots);
    if (!matcher) continue;
    MatchState scratch;  // reused across papers: the stamps must reset correctly
    std::vector<bool> matched;
    for (int doc = 0; doc < 40; ++doc) {
      const Paper p = random_paper(rng, 300, 3);
      matcher->match(p, scratch, matched);
      for (std::size_t r = 0; r < rules; ++r) {
        const bool reference = !matcher->spans(p, r).empty();
        if (matched[r] != reference) {
          BOOST_TEST(matched[r] == reference,
                     "rule " << r << " title [" << p.title << "] abstract [" << p.abstract << "]");
        }
        matched_rules += matched[r];
        ++checked;
      }
      // Spans of all matched rules at once, searched only for the terms match() found, are
      // those of the full reference search.
      std::vector<std::size_t> hit_rules;
      for (std::size_t r = 0; r < rules; ++r)
        if (matched[r]) hit_rules.push_back(r);
      BOOST_TEST(std::vector<std::size_t>(scratch.true_rules().begin(),
                                          scratch.true_rules().end()) == hit_rules);
      const auto bounded = matcher->spans(p, hit_rules, scratch);
      const auto full = matcher->spans(p, hit_rules);
      BOOST_TEST(bounded == full, "title [" << p.title << "] abstract [" << p.abstract << "]");
      bounded_spans += full.size();
    }
  }
  BOOST_TEST(checked > 10000u);
  BOOST_TEST(bounded_spans > 1000u);
  BOOST_TEST(matched_rules > checked / 10);
}

// A scratch outlives its matcher (RuleSet::filter keeps one per thread): a later matcher of
// another size, possibly at the same address, must not reuse its stamp arrays.
BOOST_AUTO_TEST_CASE(one_scratch_across_matchers_of_different_sizes) {
  std::mt19937_64 rng(7);
  MatchState scratch;
  std::vector<bool> matched;
  for (int round = 0; round < 40; ++round) {
    std::vector<NodePtr> trees;
    std::vector<RuleRoot> roots;
    const std::size_t rules = round % 2 ? 30 : 1;
    for (std::size_t r = 0; r < rules; ++r) {
      auto tree = std::make_unique<Node>();
      tree->kind = Node::Kind::any_of;
      for (std::size_t t = 0; t < (round % 2 ? 10u : 1u); ++t)
        tree->children.push_back(random_term(rng));
      roots.push_back({"r" + std::to_string(r), tree.get()});
      trees.push_back(std::move(tree));
    }
    const std::unique_ptr<Matcher> matcher = matcher_of(roots);
    if (!matcher) continue;
    Paper p;
    p.title = random_text(rng, 10);
    p.abstract = random_text(rng, 200);
    matcher->match(p, scratch, matched);
    BOOST_TEST_REQUIRE(matched.size() == rules);
    for (std::size_t r = 0; r < rules; ++r) BOOST_TEST(matched[r] == !matcher->spans(p, r).empty());
  }
}

// The bounded span finder (spans from the trace of the match() just run) against the reference
// finder, the oracle that reads nothing of match(): rules with @references to earlier rules
// (true or false through the reference), NOTs and regexes, and the spans of every rule, matched
// or not, in one call. A state holding no match() of this matcher falls back to the oracle.
BOOST_AUTO_TEST_CASE(bounded_spans_agree_with_the_reference_oracle) {
  std::mt19937_64 rng(99);
  std::size_t compared = 0, referenced_true = 0;
  MatchState scratch;
  std::vector<bool> matched;
  for (int round = 0; round < 40; ++round) {
    std::vector<NodePtr> trees;
    std::vector<RuleRoot> roots;
    const std::size_t rules = std::uniform_int_distribution<std::size_t>(2, 25)(rng);
    std::vector<bool> has_ref(rules, false);
    for (std::size_t r = 0; r < rules; ++r) {
      auto tree = std::make_unique<Node>();
      tree->kind = r % 3 == 2 ? Node::Kind::all_of : Node::Kind::any_of;
      const std::size_t terms = std::uniform_int_distribution<std::size_t>(1, 6)(rng);
      for (std::size_t t = 0; t < terms; ++t) tree->children.push_back(random_term(rng));
      if (r > 0 && r % 2 == 1) {  // @r<k> of an earlier rule, sometimes under a NOT
        auto ref = std::make_unique<Node>();
        ref->kind = Node::Kind::rule_ref;
        ref->rule_name =
            "r" + std::to_string(std::uniform_int_distribution<std::size_t>(0, r - 1)(rng));
        if (r % 4 == 3) {
          auto negated = std::make_unique<Node>();
          negated->kind = Node::Kind::negation;
          negated->children.push_back(std::move(ref));
          ref = std::move(negated);
        }
        tree->children.push_back(std::move(ref));
        has_ref[r] = true;
      }
      roots.push_back({"r" + std::to_string(r), tree.get()});
      trees.push_back(std::move(tree));
    }
    const std::unique_ptr<Matcher> matcher = matcher_of(roots);
    if (!matcher) continue;
    std::vector<std::size_t> all(rules);
    for (std::size_t r = 0; r < rules; ++r) all[r] = r;
    for (int doc = 0; doc < 30; ++doc) {
      const Paper p = random_paper(rng, 200, 2);
      const MatchState unused;  // no match() yet: the oracle answers
      BOOST_TEST(matcher->spans(p, all, unused) == matcher->spans(p, all));
      matcher->match(p, scratch, matched);
      const auto oracle = matcher->spans(p, all);
      BOOST_TEST(matcher->spans(p, all, scratch) == oracle,
                 "title [" << p.title << "] abstract [" << p.abstract << "]");
      for (std::size_t r = 0; r < rules; ++r) {
        BOOST_TEST(matcher->spans(p, {r}, scratch) == matcher->spans(p, r), "rule " << r);
        referenced_true += has_ref[r] && matched[r];
      }
      ++compared;
    }
  }
  BOOST_TEST(compared > 500u);
  BOOST_TEST(referenced_true > 100u);
}
