// Matcher::match: tokens -> features -> term hits -> rule values.
//
// Design (docs/design.md, "Rules"; measured with bench/bench_match.cpp, docs/performance.md):
// - A paper is tokenized once per field (folded_text.hpp): prepare_field lowercases the ASCII
//   and computes two bitmasks (letter/digit, non-ASCII) 16 bytes at a time with SSE2, 32 with
//   AVX2 or 64 with AVX-512, the best the CPU has (kernels/); token boundaries then come
//   from the masks, 64 bytes per word, and only the rare segments holding a non-ASCII byte go
//   through the general tokenizer (code points below U+2000 fold from a table built once with
//   utf8proc). The segments of a field are flattened into arrays first (find_segments), so the
//   token loop has no short unpredictable inner loops.
//   Each token's first 16 bytes, loaded as two masked words, are both its exact key and the
//   input of a branch-free hash, tested against a blocked Bloom filter of the rule set's
//   vocabulary (feature_table.hpp: one 64-bit word, ~32 bits per key, in L1/L2) or whose first
//   two bytes start a prefix stem (a 65536-bit table); the tokens
//   that pass are kept without a branch on the outcome (keep_segments.hpp; the AVX-512 build
//   does eight tokens per step, without gathers). A second pass looks those up in the
//   table of folded words and prefix stems (32-byte slots holding the key words, prefetched a
//   few tokens ahead), and a hit walks its feature's postings (term, rule, parent, fields).
//   Cost per token does not depend on the number of keywords, except for the cache footprint
//   of the filter and the real hits.
//   An RE2::Set of \b(?i:kw)\b patterns, the alternative, slows down with the set's size and
//   needs its own word-boundary and folding story (no accent stripping).
// - A word or prefix term is decided by its feature alone; phrases, symbols (C++, .NET) and
//   exact terms are "anchored" on their first word and verified in place against the tokens
//   stored for that field (only tokens with a feature are stored).
// - Rules: AND/OR nodes count hits of their term children, so a large OR is O(hits); a rule
//   none of whose terms hit takes its precomputed default value, unless it holds an @rule or a
//   regex without a gate. Regexes run lazily, only when the boolean tree still needs their
//   value, and each at most once per paper. A regex over title/abstract gets a gate,
//   FilteredRE2-style (regex_term.hpp): RE2's prefilter atoms, cut to [a-z0-9] runs, of which
//   one must occur in the ASCII-lowercased text. One scan per paper finds the literals of all
//   regexes (literal_index.hpp), and an occurrence touches the rules of its regexes as a keyword
//   hit does: a rule whose regexes' literals are all absent is not evaluated at all. Code points
//   whose lowercase/fold is ASCII (U+212A, U+017F, U+0130) open every gate.
// - A regex that must run searches only where it can match (regex_windows.hpp): its pattern
//   tells which bytes a match can hold (regex_shape.hpp), and a match holds an occurrence of a
//   gate literal (or of a byte every match holds), so RE2 searches the runs of those bytes around
//   the occurrences, usually a word or a few, with the field as context for \b, ^ and $. Only
//   a regex with neither (or whose bytes are all bytes) runs its field's RE2::Set (all regexes
//   of the field, one DFA pass), which settles every regex of that field for the paper.
// - spans(paper, rules) does not use any of this: it re-finds the terms of the rules on one
//   paper with a straightforward token-by-token scan (spans/reference_spans.cpp), which tests
//   also use as the oracle that match() must agree with. RuleSet::filter's form,
//   spans(paper, rules, state), reads the match() just run instead, through a MatchTrace
//   (match_trace.hpp, the contract; docs/design.md, "Rules"): match() keeps every field's
//   feature tokens (tokens with a feature), so the occurrences of the terms it found come
//   from one pass over them, AND/OR truth from its hit counts, and a regex's truth from what
//   match() found (a regex it ran and found nowhere is skipped; otherwise a windowed regex
//   searches for its positions, the others read the field's RE2::Set run first).
#include "rules/match/matcher.hpp"

#include <algorithm>
#include <cstring>

#include "papersieve/rules.hpp"
#include "rules/compile/compiled_rules.hpp"
#include "rules/compile/regex_term.hpp"
#include "rules/displayed_field.hpp"
#include "rules/match/folded_text.hpp"
#include "rules/match/keep_segments.hpp"
#include "rules/match/match_state.hpp"
#include "rules/query/condition.hpp"

namespace papersieve::rules {
namespace {

constexpr MatchField kFields[] = {MatchField::title, MatchField::abstract, MatchField::authors,
                                  MatchField::id,    MatchField::category, MatchField::link};

// Sizes the stamp arrays and moves to a fresh paper stamp.
void start_paper(const CompiledRules& c, MatchState::Data& s) {
  if (s.owner != c.serial || s.paper == 0xFFFFFFFFu) {
    s = MatchState::Data{};
    s.owner = c.serial;
    s.term_hit.assign(c.terms.size(), 0);
    s.regex_done.assign(c.terms.size(), 0);
    s.node_stamp.assign(c.nodes.size(), 0);
    s.node_count.assign(c.nodes.size(), 0);
    s.rule_touched.assign(c.rules.size(), 0);
    s.rule_stamp.assign(c.rules.size(), 0);
    s.rule_state.assign(c.rules.size(), 0);
    s.literal_seen.assign(c.literals.size(), 0);
    for (auto& chain : s.literal_chain) chain.assign(c.literals.size(), {});
  }
  ++s.paper;
  s.touched.clear();
  s.tokens.clear();
  s.token_features.clear();
  std::fill(std::begin(s.tokens_begin), std::end(s.tokens_begin), 0);
  std::fill(std::begin(s.tokens_end), std::end(s.tokens_end), 0);
}

// The displayed text of a field, joined into `s.joined` when it is a list.
std::string_view field_text(const Paper& paper, MatchField f, MatchState::Data& s) {
  if (const auto text = field_in_place(paper, f)) return *text;
  s.joined = displayed_field(paper, f);
  return s.joined;
}

class Evaluator {
 public:
  Evaluator(const CompiledRules& c, const Paper& paper, MatchState::Data& s)
      : c_(c), paper_(paper), s_(s) {}

  void scan(MatchField f) {
    const std::string_view text = field_text(paper_, f, s_);
    const auto field_index = static_cast<std::size_t>(f);
    s_.tokens_begin[field_index] = static_cast<std::uint32_t>(s_.tokens.size());
    s_.candidates.clear();
    const std::size_t slot = f == MatchField::abstract ? 1 : 0;
    FieldBits& bits = s_.bits[slot];
    prepare_field(text, bits);
    s_.lowered[slot] = f == MatchField::title || f == MatchField::abstract ? s_.paper : 0;
    find_segments(bits);
    // Two passes (keep_segments.hpp). The first keeps the segments whose hash passes the
    // Bloom filter or whose first two bytes start a prefix stem, and those holding a
    // non-ASCII byte; the
    // second looks the kept tokens up, prefetching the table slot of the one four places ahead,
    // and tokenizes the non-ASCII segments, testing their tokens against the filter.
    const FeatureTable& features = c_.features;
    const bool prefixes = features.has_prefixes();
    const FeatureTable::Bloom bloom = features.bloom();
    keep_segments(bits, bloom, false, s_.kept);
    for_each_kept_token(
        text, bits, s_.kept, s_.slow, [&](std::uint64_t h) { features.prefetch(h); },
        [&](std::uint32_t start, std::uint32_t end, std::string_view folded, std::uint32_t ordinal,
            bool ascii, std::uint64_t h) {
          if (ascii) {
            token(f, start, end, folded, token_key<true>(folded.data(), folded.size()), h, ordinal);
            return;
          }
          const TokenKey key = token_key<false>(folded.data(), folded.size());
          h = hash_key(key);
          if (prefixes || bloom.maybe_key(h)) token(f, start, end, folded, key, h, ordinal);
        });
    s_.tokens_end[field_index] = static_cast<std::uint32_t>(s_.tokens.size());
    const std::uint8_t bit = field_bit(f);
    for (const auto& [at, feature] : s_.candidates) {
      const FeatureTerms& filed = c_.feature_terms[feature];
      const auto end = static_cast<std::uint32_t>(s_.tokens.size());
      for (std::uint32_t k = filed.anchored_begin; k < filed.anchored_end; ++k) {
        const AnchoredTerm& a = c_.anchored[k];
        if ((a.fields & bit) &&
            (a.second == kNone || s_.feature_tokens().next_has(at, end, a.second)) &&
            s_.term_hit[a.term] != s_.paper && verify(c_.terms[a.term].pattern, text, at))
          hit(a.term);
      }
    }
  }

  // A token that may have features: stores it with them and fires its terms.
  [[gnu::noinline]] void token(MatchField f, std::size_t start, std::size_t end,
                               std::string_view folded, const TokenKey& key, std::uint64_t h,
                               std::uint32_t ordinal) {
    const auto first = static_cast<std::uint32_t>(s_.token_features.size());
    c_.features.for_each_feature(
        folded, key, h, [&](std::uint32_t feature) { s_.token_features.push_back(feature); });
    const auto last = static_cast<std::uint32_t>(s_.token_features.size());
    if (first == last) return;
    s_.tokens.push_back(
        {static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(end), ordinal, first, last});
    for (std::uint32_t k = first; k < last; ++k) fire(f, s_.token_features[k]);
  }

  // The rules whose gated regexes may match: those with a gate literal in the title or abstract
  // (all of them where a code point folds to ASCII).
  void touch_by_literals() {
    find_literals();
    if (s_.all_literals) {
      for (std::uint32_t r : c_.gated_rules) touch(r);
      return;
    }
    for (const auto& hits : s_.literal_hits)
      for (const LiteralHit& h : hits)
        for (std::uint32_t r : c_.literal_rules[h.literal]) touch(r);
  }

  bool rule(std::uint32_t r) {
    if (s_.rule_stamp[r] != s_.paper) s_.rule_stamp[r] = s_.paper, s_.rule_state[r] = 0;
    const std::uint8_t state = s_.rule_state[r];
    if (state >= 2) return state == 3;
    if (state == 1) return false;  // an @rule cycle (rejected at compile time): never loop
    const CompiledRule& rule = c_.rules[r];
    if (!rule.always_evaluate && s_.rule_touched[r] != s_.paper) return rule.default_value;
    if (!rule.refs.empty()) return rule_after_references(r);
    return evaluate(r);
  }

 private:
  bool evaluate(std::uint32_t r) {
    s_.rule_state[r] = 1;
    const bool value = node(c_.rules[r].root);
    s_.rule_state[r] = value ? 3 : 2;
    return value;
  }

  // A rule with @references: the rules it references first, so that evaluating a rule never
  // nests into another (compiled_rules.hpp: settle_after_references).
  [[gnu::noinline]] bool rule_after_references(std::uint32_t r) {
    const auto known = [this](std::uint32_t t) {
      if (s_.rule_stamp[t] != s_.paper) s_.rule_stamp[t] = s_.paper, s_.rule_state[t] = 0;
      return s_.rule_state[t] >= 2 ||
             (!c_.rules[t].always_evaluate && s_.rule_touched[t] != s_.paper);
    };
    settle_after_references(c_.rules, r, s_.rule_stack, known,
                            [this](std::uint32_t t) { evaluate(t); });
    return s_.rule_state[r] == 3;
  }

  void fire(MatchField f, std::uint32_t feature) {
    // Every occurrence walks the postings (a feature has one or a few): hit() stops at the
    // term_hit stamp of a term already hit, which is cheaper than a per-feature stamp to check.
    const FeatureTerms& filed = c_.feature_terms[feature];
    filed.for_each_posting(c_.postings, [&](const Posting& posting) {
      if (posting.fields & field_bit(f)) hit(posting.term, posting.rule, posting.counted_parent);
    });
    if (filed.anchored_end != filed.anchored_begin)
      s_.candidates.emplace_back(static_cast<std::uint32_t>(s_.tokens.size() - 1), feature);
  }

  void touch(std::uint32_t rule) {
    if (s_.rule_touched[rule] == s_.paper) return;
    s_.rule_touched[rule] = s_.paper;
    s_.touched.push_back(rule);
  }

  void hit(std::uint32_t t) {
    const CompiledTerm& term = c_.terms[t];
    hit(t, term.rule, term.counted_parent);
  }

  void hit(std::uint32_t t, std::uint32_t rule, std::uint32_t counted_parent) {
    if (s_.term_hit[t] == s_.paper) return;
    s_.term_hit[t] = s_.paper;
    touch(rule);
    if (counted_parent == kNone) return;
    const std::uint32_t n = counted_parent;
    if (s_.node_stamp[n] != s_.paper) s_.node_stamp[n] = s_.paper, s_.node_count[n] = 0;
    ++s_.node_count[n];
  }

  // The words of `p` follow feature token `r` of the field being scanned (its feature tokens are
  // the last).
  bool verify(const TermPattern& p, std::string_view text, std::uint32_t r) const {
    std::uint32_t start = 0, end = 0;
    return verify_at_token(p, text, s_.feature_tokens(), r,
                           static_cast<std::uint32_t>(s_.tokens.size()), start, end);
  }

  std::uint32_t count(std::uint32_t n) const {
    return s_.node_stamp[n] == s_.paper ? s_.node_count[n] : 0;
  }

  bool node(std::uint32_t n) {
    const CompiledNode& node = c_.nodes[n];
    switch (node.kind) {
      case Node::Kind::term: return term(node.term);
      case Node::Kind::rule_ref: return rule(node.rule);
      case Node::Kind::negation: return !this->node(node.children[0]);
      case Node::Kind::any_of:
        if (count(n) > 0) return true;
        return std::any_of(node.children.begin(), node.children.end(),
                           [&](std::uint32_t c) { return this->node(c); });
      case Node::Kind::all_of:
        if (count(n) < node.counted_terms.size()) return false;
        return std::all_of(node.children.begin(), node.children.end(),
                           [&](std::uint32_t c) { return this->node(c); });
    }
    return false;
  }

  bool term(std::uint32_t t) {
    const CompiledTerm& term = c_.terms[t];
    if (term.kind == TermKind::condition) return condition(t, term);
    if (term.kind != TermKind::regex || s_.regex_done[t] == s_.paper)
      return s_.term_hit[t] == s_.paper;
    s_.regex_done[t] = s_.paper;
    if (s_.term_hit[t] == s_.paper) return true;  // a regex set found it
    if (settled_by_sets(term)) return false;      // ... or ran over all its fields without
    if (term.gated && !gate(term)) return false;
    for (MatchField f : kFields) {
      if (!(term.fields & field_bit(f))) continue;
      const auto i = static_cast<std::size_t>(f);
      if (s_.set_ran[i] == s_.paper && s_.set_ok[i]) continue;  // the set found no match here
      const int windowed = windowed_match(term, f);
      if (windowed >= 0) {
        if (windowed == 0) continue;
        hit(t);
        return true;
      }
      if (run_set(f)) {
        if (s_.term_hit[t] == s_.paper) return true;
        continue;
      }
      const std::string_view text = field_text(paper_, f, s_);
      if (RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *term.regex)) {
        hit(t);
        return true;
      }
    }
    return false;
  }

  // A condition is checked once per paper, like a regex; a true one counts as a hit (the spans
  // of a selected paper read that).
  bool condition(std::uint32_t t, const CompiledTerm& term) {
    if (s_.regex_done[t] != s_.paper) {
      s_.regex_done[t] = s_.paper;
      if (condition_holds(c_.conditions[term.condition], paper_)) s_.term_hit[t] = s_.paper;
    }
    return s_.term_hit[t] == s_.paper;
  }

  // Whether a windowed regex term matches field f, searching around the occurrences of what
  // each match holds: 1 or 0, or -1 when it has no such occurrences to go by here.
  int windowed_match(const CompiledTerm& term, MatchField f) {
    if (!term.windowed) return -1;
    const std::string_view text = field_text(paper_, f, s_);
    if (regex_anchors(c_, s_, term, f, text, s_.occurrences) == Anchors::none) return -1;
    return match_in_windows(*term.regex, term.shape, text, s_.occurrences) ? 1 : 0;
  }

  // Every field of the regex term had its set run (without running out of memory) on this
  // paper: the set already said whether the regex matches, no gate needed.
  bool settled_by_sets(const CompiledTerm& term) const {
    for (MatchField f : kFields) {
      if (!(term.fields & field_bit(f))) continue;
      const auto i = static_cast<std::size_t>(f);
      if (!c_.regex_sets[i].set || s_.set_ran[i] != s_.paper || !s_.set_ok[i]) return false;
    }
    return true;
  }

  // Runs the regex set of field f once per paper and hits every regex it found. False when
  // there is no set or it ran out of memory (RE2::Set reports that, rather than a miss, only
  // through ErrorInfo): the caller then runs its regex alone.
  bool run_set(MatchField f) {
    const auto i = static_cast<std::size_t>(f);
    const RegexSet& set = c_.regex_sets[i];
    if (!set.set) return false;
    if (s_.set_ran[i] == s_.paper) return s_.set_ok[i];
    s_.set_ran[i] = s_.paper;
    const std::string_view text = field_text(paper_, f, s_);
    RE2::Set::ErrorInfo error{};
    const bool found =
        set.set->Match(re2::StringPiece(text.data(), text.size()), &s_.set_found[i], &error);
    s_.set_ok[i] = found || error.kind == RE2::Set::kNoError;
    if (found)
      for (int k : s_.set_found[i]) hit(set.terms[static_cast<std::size_t>(k)]);
    return s_.set_ok[i];
  }

  bool gate(const CompiledTerm& term) {
    // match() scanned the literals already (touch_by_literals): gated terms give literal_rules.
    if (s_.all_literals) return true;
    for (std::uint32_t a : term.gate_all)
      if (s_.literal_seen[a] != s_.paper) return false;
    if (term.gate_any.empty()) return true;
    for (std::uint32_t a : term.gate_any)
      if (s_.literal_seen[a] == s_.paper) return true;
    return false;
  }

  // Which gate literals occur in the ASCII-lowercased title or abstract.
  void find_literals() {
    s_.all_literals = false;
    for (auto& hits : s_.literal_hits) hits.clear();
    for (std::size_t k = 0; k < 2; ++k) {
      const std::string_view text = k == 0 ? paper_.title : paper_.abstract;
      FieldBits& bits = s_.bits[k];  // lowered already when the token pass scanned it
      if (s_.lowered[k] != s_.paper) {
        prepare_field(text, bits);
        s_.lowered[k] = s_.paper;
      }
      if (bits.any_high && text_folds_to_ascii(text)) {  // ASCII text holds none of them
        s_.all_literals = true;
        return;
      }
      c_.literals.find(bits.lowered.data(), text.size(), bits.kernels, s_.literal_seen.data(),
                       s_.paper, s_.literal_hits[k]);
      chain_literal_hits(k);
    }
  }

  // Chains the occurrences of each literal in field k (those of one literal come in text order).
  void chain_literal_hits(std::size_t k) {
    const std::vector<LiteralHit>& hits = s_.literal_hits[k];
    std::vector<MatchState::Data::LiteralChain>& chain = s_.literal_chain[k];
    std::vector<std::uint32_t>& next = s_.literal_next[k];
    next.resize(hits.size());
    for (auto i = static_cast<std::uint32_t>(hits.size()); i-- > 0;) {
      MatchState::Data::LiteralChain& c = chain[hits[i].literal];
      next[i] = c.paper == s_.paper ? c.first : kNone;
      c = {s_.paper, i};
    }
  }

  const CompiledRules& c_;
  const Paper& paper_;
  MatchState::Data& s_;
};

}  // namespace

Anchors regex_anchors(const CompiledRules& c, const MatchState::Data& s, const CompiledTerm& term,
                      MatchField f, std::string_view text, std::vector<Occurrence>& out) {
  out.clear();
  if (term.gated && !s.all_literals && (f == MatchField::title || f == MatchField::abstract)) {
    const std::size_t k = f == MatchField::title ? 0 : 1;
    // Each occurrence of literal a in the field, in text order.
    auto each_hit = [&](std::uint32_t a, auto&& visit) {
      const MatchState::Data::LiteralChain& chain = s.literal_chain[k][a];
      if (chain.paper != s.paper) return;
      for (std::uint32_t i = chain.first; i != kNone; i = s.literal_next[k][i])
        visit(s.literal_hits[k][i]);
    };
    if (term.word_start_literal != kNone) {
      const auto size =
          static_cast<std::uint32_t>(c.literals.literal(term.word_start_literal).size());
      each_hit(term.word_start_literal, [&](const LiteralHit& h) {
        if (begins_word(text, h.start)) out.push_back({h.start, h.start + size});
      });
      return Anchors::starts;
    }
    const std::vector<std::uint32_t>& anchors =
        term.gate_all.empty() ? term.gate_any : term.gate_all;
    for (const std::uint32_t a : anchors) {
      const auto size = static_cast<std::uint32_t>(c.literals.literal(a).size());
      each_hit(a, [&](const LiteralHit& h) { out.push_back({h.start, h.start + size}); });
    }
    if (anchors.size() > 1)  // each literal's are in order
      std::sort(out.begin(), out.end(),
                [](const Occurrence& x, const Occurrence& y) { return x.start < y.start; });
    return Anchors::held;
  }
  if (term.shape.required_byte < 0) return Anchors::none;
  byte_occurrences(text, static_cast<unsigned char>(term.shape.required_byte), out);
  return Anchors::held;
}

bool verify_at_token(const TermPattern& p, std::string_view text, FeatureTokens s, std::uint32_t r,
                     std::uint32_t end, std::uint32_t& span_start, std::uint32_t& span_end) {
  const FeatureToken* rec = s.tokens;
  const std::size_t n = p.words.size();
  if (r + n > end) return false;
  for (std::size_t k = 1; k < n; ++k) {
    const FeatureToken& prev = rec[r + k - 1];
    const FeatureToken& cur = rec[r + k];
    if (cur.ordinal != rec[r].ordinal + k || !s.has_feature(cur, p.words[k].feature)) return false;
    if (!gap_matches(text.substr(prev.end, cur.start - prev.end), p.gaps[k - 1])) return false;
  }
  return context_matches(p, text, rec[r].start, rec[r + n - 1].end, span_start, span_end);
}

void Matcher::match(const Paper& paper, MatchState& state, std::vector<bool>& matched) const {
  const CompiledRules& c = *compiled_;
  MatchState::Data& s = *state.data_;
  start_paper(c, s);
  Evaluator eval(c, paper, s);
  for (MatchField f : kFields)
    if (c.token_fields & field_bit(f)) eval.scan(f);
  if (!c.literal_rules.empty()) eval.touch_by_literals();
  // Untouched rules without a regex or @rule have their default value: only the others are
  // evaluated, so a paper costs what it hits, not the number of rules.
  matched = c.default_matched;
  for (std::uint32_t r : c.always_evaluated) matched[r] = eval.rule(r);
  for (std::size_t i = 0; i < s.touched.size(); ++i)  // by index: evaluating may touch more
    matched[s.touched[i]] = eval.rule(s.touched[i]);
  // The true ones as a short list, so that scoring and explaining a paper cost what it
  // matched, not the number of rules. Only these three lists can hold a true rule.
  std::vector<std::uint32_t>& out = s.true_rules;
  out.clear();
  const std::vector<std::uint32_t>* const lists[] = {&c.always_evaluated, &s.touched,
                                                     &c.default_true};
  for (const auto* list : lists)
    for (std::uint32_t r : *list)
      if (matched[r]) out.push_back(r);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
}

std::size_t Matcher::size() const { return compiled_->rules.size(); }

MatchState::MatchState() : data_(std::make_unique<Data>()) {}
MatchState::~MatchState() = default;
MatchState::MatchState(MatchState&&) noexcept = default;
MatchState& MatchState::operator=(MatchState&&) noexcept = default;
const std::vector<std::uint32_t>& MatchState::true_rules() const { return data_->true_rules; }

std::vector<bool> Matcher::match(const Paper& paper) const {
  MatchState state;
  std::vector<bool> matched;
  match(paper, state, matched);
  return matched;
}

}  // namespace papersieve::rules
