// The compiler: each rule's query tree into the CompiledRules (compiled_rules.hpp) that
// Matcher::match evaluates; the design they serve is described in match/matcher.cpp.
#include <algorithm>
#include <atomic>
#include <stdexcept>
#include <unordered_map>

#include "papersieve/error.hpp"
#include "rules/compile/compiled_rules.hpp"
#include "rules/compile/regex_term.hpp"
#include "rules/match/matcher.hpp"
#include "rules/query/condition.hpp"

namespace papersieve::rules {
namespace {

[[noreturn]] void fail(const std::string& rule, std::uint32_t column, const std::string& message) {
  std::string text = "rule \"" + rule + "\": query";
  if (column > 0) text += " column " + std::to_string(column);
  throw RuleError(text + ": " + message);
}

class Compiler {
 public:
  Compiler(CompiledRules& out, const std::vector<RuleRoot>& rules, const MatcherLimits& limits)
      : out_(out), rules_(rules), limits_(limits) {}

  void run() {
    if (rules_.size() > limits_.max_rules)
      fail(rules_.front().name, 0, "more than " + std::to_string(limits_.max_rules) + " rules");
    for (std::uint32_t r = 0; r < rules_.size(); ++r) by_name_.emplace(rules_[r].name, r);
    out_.rules.resize(rules_.size());
    for (std::uint32_t r = 0; r < rules_.size(); ++r) compile_rule(r);
    check_cycles();
    for (std::uint32_t r = 0; r < out_.rules.size(); ++r) {
      out_.default_matched.push_back(out_.rules[r].default_value);
      if (out_.rules[r].always_evaluate) out_.always_evaluated.push_back(r);
      if (out_.rules[r].default_value) out_.default_true.push_back(r);
    }
    out_.features.finish();
    file_terms();
    out_.literals.finish();
    build_regex_sets();
  }

 private:
  void compile_rule(std::uint32_t r) {
    rule_ = r;
    CompiledRule& rule = out_.rules[r];
    rule.name = rules_[r].name;
    if (rules_[r].root == nullptr) fail(rule.name, 0, "empty query");
    always_ = false;
    const std::uint32_t root = compile_node(*rules_[r].root, 0);
    out_.rules[r].root = root;
    out_.rules[r].always_evaluate = always_;
    out_.rules[r].default_value = !always_ && default_value(root);
  }

  std::uint32_t add_node(CompiledNode node) {
    out_.nodes.push_back(std::move(node));
    return static_cast<std::uint32_t>(out_.nodes.size() - 1);
  }

  std::uint32_t compile_node(const Node& node, std::size_t depth) {
    if (depth > limits_.max_depth)
      fail(rules_[rule_].name, node.column,
           "query nested deeper than " + std::to_string(limits_.max_depth));
    CompiledNode compiled;
    compiled.kind = node.kind;
    switch (node.kind) {
      case Node::Kind::term: compiled.term = compile_term(node.term); break;
      case Node::Kind::rule_ref: compiled.rule = resolve(node); break;
      case Node::Kind::negation:
      case Node::Kind::all_of:
      case Node::Kind::any_of: {
        const std::uint32_t id = add_node(std::move(compiled));
        for (const NodePtr& child : node.children) add_child(id, *child, depth);
        return id;
      }
    }
    return add_node(std::move(compiled));
  }

  void add_child(std::uint32_t parent, const Node& child, std::size_t depth) {
    const bool counted = out_.nodes[parent].kind != Node::Kind::negation &&
                         child.kind == Node::Kind::term && child.term.kind != TermKind::regex &&
                         child.term.kind != TermKind::condition;
    if (counted) {
      const std::uint32_t term = compile_term(child.term);
      out_.terms[term].counted_parent = parent;
      out_.nodes[parent].counted_terms.push_back(term);
      return;
    }
    const std::uint32_t id = compile_node(child, depth + 1);
    out_.nodes[parent].children.push_back(id);
  }

  std::uint32_t resolve(const Node& node) {
    always_ = true;
    const auto it = by_name_.find(node.rule_name);
    if (it == by_name_.end())
      fail(rules_[rule_].name, node.column, "unknown rule \"@" + node.rule_name + "\"");
    return it->second;
  }

  std::uint32_t compile_term(const Term& term) {
    const std::string& name = rules_[rule_].name;
    if (out_.terms.size() >= limits_.max_terms)
      fail(name, term.column,
           "more than " + std::to_string(limits_.max_terms) + " terms in the rule set");
    if (term.text.size() > limits_.max_term_bytes)
      fail(name, term.column,
           "term longer than " + std::to_string(limits_.max_term_bytes) + " bytes");
    CompiledTerm compiled;
    compiled.kind = term.kind;
    compiled.fields = field_mask(term.field);
    compiled.rule = rule_;
    try {
      if (term.kind == TermKind::condition) {
        // Checked per paper when its rule is evaluated, so its rule always is.
        always_ = true;
        compiled.condition = static_cast<std::uint32_t>(out_.conditions.size());
        out_.conditions.push_back(resolve_condition(term.condition, limits_.today));
      } else if (term.kind == TermKind::regex) {
        compiled.regex = compile_regex(term, limits_.regex_max_mem);
        compiled.regex_source = inline_flag_pattern(term);
        gate_regex(term, compiled);
        // A gated regex cannot match in a paper without its literals: its rule is evaluated only
        // when one occurs (it touches the rule, as a keyword hit does) or a term hits.
        if (!compiled.gated) always_ = true;
        compiled.shape = regex_shape(term.text, term.case_insensitive);
        compiled.windowed =
            compiled.shape.bounded() && (compiled.gated || compiled.shape.required_byte >= 0);
        const auto& anchors = compiled.gate_all.empty() ? compiled.gate_any : compiled.gate_all;
        for (const std::uint32_t a : anchors) {
          const std::string& literal = out_.literals.literal(a);
          if (compiled.windowed &&
              compiled.shape.word_start.compare(0, literal.size(), literal) == 0)
            compiled.word_start_literal = a;
        }
      } else {
        compiled.pattern = make_pattern(term);
      }
    } catch (const std::invalid_argument& e) {
      fail(name, term.column, e.what());
    }
    const auto id = static_cast<std::uint32_t>(out_.terms.size());
    if (term.kind != TermKind::regex && term.kind != TermKind::condition) index_term(compiled);
    out_.terms.push_back(std::move(compiled));
    return id;
  }

  // Gives each pattern word its feature (file_terms files the term under the first one).
  void index_term(CompiledTerm& term) {
    TermPattern& p = term.pattern;
    for (std::size_t k = 0; k < p.words.size(); ++k) {
      const bool prefix = p.last_prefix && k + 1 == p.words.size();
      p.words[k].feature = prefix ? out_.features.add_prefix(p.words[k].folded)
                                  : out_.features.add_word(p.words[k].folded);
    }
    out_.token_fields |= term.fields;
  }

  // The gate of a regex term over title and abstract (other fields: no gate).
  void gate_regex(const Term& term, CompiledTerm& compiled) {
    constexpr std::uint8_t kTokenFields = field_mask(MatchField::text);
    if ((compiled.fields & ~kTokenFields) != 0) return;
    const RegexGate gate = regex_gate(term);
    if (!gate.gated) return;
    compiled.gated = true;
    if (!gate.all.empty()) {
      // One required literal is enough of a test, and the rarest one fails most often; common
      // literals ("ing") would only slow the literal scan down.
      compiled.gate_all.push_back(add_literal(*std::max_element(
          gate.all.begin(), gate.all.end(), [](const std::string& x, const std::string& y) {
            return literal_score(x) < literal_score(y);
          })));
      return;
    }
    for (const std::string& literal : gate.any) compiled.gate_any.push_back(add_literal(literal));
  }

  // A gate literal of a regex term of the rule being compiled: an occurrence touches the rule.
  std::uint32_t add_literal(const std::string& literal) {
    const std::uint32_t id = out_.literals.add(literal);
    out_.literal_rules.resize(out_.literals.size());
    std::vector<std::uint32_t>& rules = out_.literal_rules[id];
    if (rules.empty() || rules.back() != rule_) rules.push_back(rule_);
    if (out_.gated_rules.empty() || out_.gated_rules.back() != rule_)
      out_.gated_rules.push_back(rule_);
    return id;
  }

  // The postings and anchored lists of every feature (after compiling: counted_parent is
  // set once a term's parent knows it).
  void file_terms() {
    std::vector<std::vector<std::uint32_t>> simple(out_.features.size()),
        anchored(out_.features.size());
    for (std::uint32_t t = 0; t < out_.terms.size(); ++t) {
      const CompiledTerm& term = out_.terms[t];
      if (term.kind == TermKind::regex || term.kind == TermKind::condition) continue;
      const std::uint32_t feature = term.pattern.words[0].feature;
      (term.pattern.simple() ? simple : anchored)[feature].push_back(t);
    }
    out_.feature_terms.resize(out_.features.size());
    for (std::size_t f = 0; f < simple.size(); ++f) {
      FeatureTerms& filed = out_.feature_terms[f];
      filed.more_begin = static_cast<std::uint32_t>(out_.postings.size());
      for (std::uint32_t t : simple[f]) {
        const CompiledTerm& term = out_.terms[t];
        const Posting posting{t, term.rule, term.counted_parent, term.fields};
        if (filed.first.term == kNone) {
          filed.first = posting;
        } else {
          out_.postings.push_back(posting);
        }
      }
      filed.more_end = static_cast<std::uint32_t>(out_.postings.size());
      filed.anchored_begin = static_cast<std::uint32_t>(out_.anchored.size());
      for (std::uint32_t t : anchored[f]) {
        const CompiledTerm& term = out_.terms[t];
        const auto& words = term.pattern.words;
        out_.anchored.push_back(
            {t, words.size() > 1 ? words[1].feature : kNone, term.fields, term.counted_parent});
      }
      filed.anchored_end = static_cast<std::uint32_t>(out_.anchored.size());
    }
  }

  // One RE2::Set per field over its regex terms. Each pattern compiled alone already, so a set
  // that fails (memory) only costs speed: its regexes then run one by one.
  void build_regex_sets() {
    constexpr MatchField kSetFields[] = {MatchField::title,    MatchField::abstract,
                                         MatchField::authors,  MatchField::id,
                                         MatchField::category, MatchField::link};
    for (MatchField f : kSetFields) {
      RegexSet& out = out_.regex_sets[static_cast<std::size_t>(f)];
      for (std::uint32_t t = 0; t < out_.terms.size(); ++t)
        if (out_.terms[t].regex && (out_.terms[t].fields & field_bit(f))) out.terms.push_back(t);
      if (out.terms.size() < 2) {
        out.terms.clear();
        continue;
      }
      const std::int64_t budget = std::min<std::int64_t>(
          limits_.regex_max_mem * static_cast<std::int64_t>(out.terms.size()),
          std::int64_t{256} << 20);
      auto set = std::make_unique<RE2::Set>(set_options(budget), RE2::UNANCHORED);
      bool ok = true;
      for (std::uint32_t t : out.terms)
        ok = ok && set->Add(out_.terms[t].regex_source, nullptr) >= 0;
      if (ok && set->Compile()) {
        out.set = std::move(set);
      } else {
        out.terms.clear();
      }
    }
  }

  // The rule's value when none of its terms hit (rules without regexes and @rules only).
  bool default_value(std::uint32_t n) const {
    const CompiledNode& node = out_.nodes[n];
    switch (node.kind) {
      case Node::Kind::term: return false;
      case Node::Kind::negation: return !default_value(node.children[0]);
      case Node::Kind::any_of:
        for (std::uint32_t c : node.children)
          if (default_value(c)) return true;
        return false;
      case Node::Kind::all_of:
        if (!node.counted_terms.empty()) return false;
        for (std::uint32_t c : node.children)
          if (!default_value(c)) return false;
        return true;
      case Node::Kind::rule_ref: return false;
    }
    return false;
  }

  // The rules a rule's tree references, each once (the tree is at most max_depth deep).
  void collect_refs(std::uint32_t n, std::vector<std::uint32_t>& refs) const {
    const CompiledNode& node = out_.nodes[n];
    if (node.kind == Node::Kind::rule_ref &&
        std::find(refs.begin(), refs.end(), node.rule) == refs.end())
      refs.push_back(node.rule);
    for (std::uint32_t c : node.children) collect_refs(c, refs);
  }

  // @rule cycles would never finish: reject them (the rule-file compiler does too). An
  // iterative depth-first walk: a chain of references can be as long as the rule list.
  void check_cycles() {
    for (std::uint32_t r = 0; r < out_.rules.size(); ++r)
      collect_refs(out_.rules[r].root, out_.rules[r].refs);
    std::vector<std::uint8_t> state(out_.rules.size(), 0);  // 0 new, 1 on the path, 2 done
    std::vector<std::uint32_t> path, next_ref;
    for (std::uint32_t start = 0; start < out_.rules.size(); ++start) {
      if (state[start] != 0) continue;
      path.assign(1, start);
      next_ref.assign(1, 0);
      state[start] = 1;
      while (!path.empty()) {
        const std::vector<std::uint32_t>& refs = out_.rules[path.back()].refs;
        if (next_ref.back() == refs.size()) {
          state[path.back()] = 2;
          path.pop_back();
          next_ref.pop_back();
          continue;
        }
        const std::uint32_t next = refs[next_ref.back()++];
        if (state[next] == 1) fail_cycle(path, next);
        if (state[next] == 0) {
          state[next] = 1;
          path.push_back(next);
          next_ref.push_back(0);
        }
      }
    }
  }

  [[noreturn]] void fail_cycle(const std::vector<std::uint32_t>& path, std::uint32_t r) const {
    std::string cycle;
    for (std::size_t i = 0; i < path.size(); ++i)
      if (path[i] == r || !cycle.empty())
        cycle += (cycle.empty() ? "@" : " -> @") + out_.rules[path[i]].name;
    fail(out_.rules[r].name, 0, "rule reference cycle: " + cycle + " -> @" + out_.rules[r].name);
  }

  CompiledRules& out_;
  const std::vector<RuleRoot>& rules_;
  const MatcherLimits& limits_;
  std::unordered_map<std::string, std::uint32_t> by_name_;
  std::uint32_t rule_ = 0;
  bool always_ = false;
};

}  // namespace

Matcher::Matcher(std::vector<RuleRoot> rules, const MatcherLimits& limits) {
  static std::atomic<std::uint64_t> serials{0};
  auto compiled = std::make_unique<CompiledRules>();
  compiled->serial = ++serials;
  Compiler(*compiled, rules, limits).run();
  compiled_ = std::move(compiled);
}

Matcher::~Matcher() = default;
Matcher::Matcher(Matcher&&) noexcept = default;
Matcher& Matcher::operator=(Matcher&&) noexcept = default;

}  // namespace papersieve::rules
