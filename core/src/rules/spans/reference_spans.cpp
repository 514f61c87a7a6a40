// The reference span finder (span_finders.hpp): it finds the terms of the rules on one paper
// from its folded tokens (the general tokenizer, an index of tokens by folded text: no
// bitmasks, feature table, Bloom filter, stamps, regex gates or regex sets), evaluates the rules
// from those occurrences, and keeps the spans of the terms that made them true. It reads
// nothing match() leaves behind: the tests use it as the oracle (docs/design.md, "Rules").
#include <re2/re2.h>

#include <algorithm>
#include <map>
#include <memory>
#include <string_view>

#include "rules/compile/compiled_rules.hpp"
#include "rules/compile/feature_table.hpp"
#include "rules/compile/regex_term.hpp"
#include "rules/compile/term_pattern.hpp"
#include "rules/match/folded_text.hpp"
#include "rules/query/condition.hpp"
#include "rules/spans/span_finders.hpp"
#include "rules/spans/span_walk.hpp"

namespace papersieve::rules {
namespace {

class ReferenceFinder : public SpanWalk<ReferenceFinder> {
 public:
  ReferenceFinder(const CompiledRules& c, const Paper& paper, SpanBuffers& buffers)
      : SpanWalk(c, paper, buffers) {}

 private:
  friend class SpanWalk<ReferenceFinder>;

  bool rule(std::uint32_t r) {
    if (const auto it = rule_values_.find(r); it != rule_values_.end()) return it->second;
    // Referenced rules first, without nesting (compiled_rules.hpp: settle_after_references).
    settle_after_references(
        c_.rules, r, rule_stack_, [this](std::uint32_t t) { return rule_values_.count(t) != 0; },
        [this](std::uint32_t t) { rule_values_[t] = node(c_.rules[t].root); });
    return rule_values_[r];
  }

  bool term_found(std::uint32_t t) { return !found(t).empty() || regex_hit(t) || condition_hit(t); }

  bool any_counted(std::uint32_t n) {
    const std::vector<std::uint32_t>& terms = c_.nodes[n].counted_terms;
    return std::any_of(terms.begin(), terms.end(),
                       [this](std::uint32_t t) { return term_found(t); });
  }

  bool all_counted(std::uint32_t n) {
    const std::vector<std::uint32_t>& terms = c_.nodes[n].counted_terms;
    return std::all_of(terms.begin(), terms.end(),
                       [this](std::uint32_t t) { return term_found(t); });
  }

  void want_term(std::uint32_t t, std::vector<Span>& out) {
    const SpanRange spans = found(t);
    out.insert(out.end(), spans.first, spans.last);
  }

  void want_counted(std::uint32_t n, std::vector<Span>& out) {
    for (std::uint32_t t : c_.nodes[n].counted_terms) want_term(t, out);
  }

  void finish(std::vector<Span>&) {}

  // A condition (published:, upvotes:, ...) is true or not, and never has a span.
  bool condition_hit(std::uint32_t t) const {
    const CompiledTerm& term = c_.terms[t];
    return term.condition != kNone && condition_holds(c_.conditions[term.condition], paper_);
  }

  // A regex can match the empty string: true without a span.
  bool regex_hit(std::uint32_t t) {
    const CompiledTerm& term = c_.terms[t];
    if (!term.regex) return false;
    for (MatchField f : kSpanFields)
      if ((term.fields & field_bit(f)) && RE2::PartialMatch(text_(f), *term.regex)) return true;
    return false;
  }

  SpanRange found(std::uint32_t t) {
    return occurrences(t, [&](std::vector<Span>& out) {
      const CompiledTerm& term = c_.terms[t];
      if (!may_occur(term)) return;
      for (MatchField f : kSpanFields) {
        if (!(term.fields & field_bit(f))) continue;
        if (term.regex) {
          const std::string_view shown = text_(f);
          append_regex_spans(f, shown, regex_matches(*term.regex, shown), out);
        } else {
          find_pattern(term.pattern, f, out);
        }
      }
    });
  }

  // False when a word/phrase term cannot occur: its first word is no token of its fields (a
  // 1,000-keyword rule would otherwise cost 1,000 map entries per paper).
  bool may_occur(const CompiledTerm& term) {
    if (term.regex || (term.pattern.last_prefix && term.pattern.words.size() == 1)) return true;
    bool found = false;
    for (MatchField f : kSpanFields)
      if (!found && (term.fields & field_bit(f)))
        for_each_position(f, term.pattern.words[0].folded, [&](std::uint32_t) { found = true; });
    return found;
  }

  // Candidate positions: those of the first word (by an index of the field's tokens), or every
  // token when the first word is a prefix.
  void find_pattern(const TermPattern& p, MatchField f, std::vector<Span>& out) {
    const FoldedText& folded = tokens(f);
    const auto& toks = folded.tokens();
    const std::size_t n = p.words.size();
    auto at = [&](std::size_t i) {
      std::uint32_t start = 0, end = 0;
      if (i + n <= toks.size() && words_match(p, folded, i) &&
          context_matches(p, folded.displayed(), toks[i].start, toks[i + n - 1].end, start, end))
        out.push_back({f, start, end});
    };
    if (p.last_prefix && n == 1) {
      for (std::size_t i = 0; i < toks.size(); ++i) at(i);
      return;
    }
    for_each_position(f, p.words[0].folded, at);
  }

  // The tokens of a field chained by the hash of their folded text (2 buckets per token, built
  // in one pass per field and paper, no allocation per distinct token).
  struct TokenIndex {
    std::vector<std::uint64_t> hashes;  // by token
    std::vector<std::uint32_t> next;    // by token: the next token of its bucket
    std::vector<std::uint32_t> heads;   // by bucket: its first token
    std::uint64_t mask = 0;
  };

  // Calls visit(i) for the tokens i of field f whose folded text is `word`, in order.
  template <class F>
  void for_each_position(MatchField f, std::string_view word, F&& visit) {
    const FoldedText& folded = tokens(f);
    auto [it, fresh] = token_index_.try_emplace(f);
    TokenIndex& index = it->second;
    const auto count = static_cast<std::uint32_t>(folded.tokens().size());
    if (fresh) {
      std::size_t buckets = 16;
      while (buckets < 2 * static_cast<std::size_t>(count)) buckets *= 2;
      index.mask = buckets - 1;
      index.heads.assign(buckets, kNone);
      index.hashes.resize(count);
      index.next.resize(count);
      for (std::uint32_t i = count; i-- > 0;) {  // backwards: chains come out in token order
        const std::string_view token = folded.folded(i);
        const std::uint64_t h = hash_token(token.data(), token.size());
        index.hashes[i] = h;
        index.next[i] = index.heads[h & index.mask];
        index.heads[h & index.mask] = i;
      }
    }
    const std::uint64_t h = hash_token(word.data(), word.size());
    for (std::uint32_t i = index.heads[h & index.mask]; i != kNone; i = index.next[i])
      if (index.hashes[i] == h && folded.folded(i) == word) visit(i);
  }

  static bool words_match(const TermPattern& p, const FoldedText& folded, std::size_t i) {
    const auto& toks = folded.tokens();
    for (std::size_t k = 0; k < p.words.size(); ++k) {
      const std::string_view token = folded.folded(i + k);
      const std::string& word = p.words[k].folded;
      const bool prefix = p.last_prefix && k + 1 == p.words.size();
      if (prefix ? token.substr(0, word.size()) != word : token != word) return false;
      if (k == 0) continue;
      const auto& prev = toks[i + k - 1];
      const std::string_view gap =
          folded.displayed().substr(prev.end, toks[i + k].start - prev.end);
      if (!gap_matches(gap, p.gaps[k - 1])) return false;
    }
    return true;
  }

  const FoldedText& tokens(MatchField f) {
    auto& slot = folded_[f];
    if (!slot) slot = std::make_unique<FoldedText>(text_(f));
    return *slot;
  }

  std::map<std::uint32_t, bool> rule_values_;
  std::vector<std::uint32_t> rule_stack_;
  std::map<MatchField, std::unique_ptr<FoldedText>> folded_;
  std::map<MatchField, TokenIndex> token_index_;
};

}  // namespace

std::vector<Span> reference_spans(const CompiledRules& c, const Paper& paper,
                                  const std::vector<std::size_t>& rules) {
  thread_local SpanBuffers buffers;
  ReferenceFinder finder(c, paper, buffers);  // one tokenization and index for all the rules
  return finder.spans(rules);
}

}  // namespace papersieve::rules
