// Matcher::spans: the reference path. Finds the terms of one rule on one paper from its folded
// tokens (the general tokenizer, an index of tokens by folded text: no bitmasks, feature table,
// Bloom filter, stamps or regex gates), evaluates the rule from those occurrences, and keeps
// the spans of the terms that made it true.
#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <string_view>
#include <unordered_map>

#include "rules/compiled.hpp"
#include "rules/feature_table.hpp"
#include "rules/folded_text.hpp"
#include "rules/match_state.hpp"
#include "rules/matcher.hpp"
#include "rules/regex_term.hpp"

namespace papersieve::rules {
namespace {

constexpr MatchField kFields[] = {MatchField::title, MatchField::abstract, MatchField::authors,
                                  MatchField::id,    MatchField::category, MatchField::link};

class SpanFinder {
 public:
  // `found`: the state of match() on this paper, whose term hits bound the search (or null).
  SpanFinder(const Compiled& c, const Paper& paper, const MatchState* found = nullptr)
      : c_(c), paper_(paper), found_(found) {}

  bool rule(std::uint32_t r) {
    auto [it, fresh] = rule_values_.try_emplace(r, false);
    if (!fresh) return it->second;  // known, or an @rule cycle in progress: false
    const bool value = node(c_.rules[r].root);
    rule_values_[r] = value;
    return value;
  }

  // Spans of the terms under `n` that make it true (n must be true).
  void collect(std::uint32_t n, std::vector<Span>& out, std::size_t depth = 0) {
    const CompiledNode& node = c_.nodes[n];
    if (depth > 1000) return;
    switch (node.kind) {
      case Node::Kind::term: append(node.term, out); return;
      case Node::Kind::negation: return;
      case Node::Kind::rule_ref:
        if (rule(node.rule)) collect(c_.rules[node.rule].root, out, depth + 1);
        return;
      case Node::Kind::any_of:
      case Node::Kind::all_of:
        for (std::uint32_t t : node.counted_terms) append(t, out);
        for (std::uint32_t child : node.children)
          if (this->node(child)) collect(child, out, depth + 1);
        return;
    }
  }

 private:
  bool node(std::uint32_t n) {
    const CompiledNode& node = c_.nodes[n];
    auto truth = [&](std::uint32_t child) { return this->node(child); };
    auto found = [&](std::uint32_t t) { return !occurrences(t).empty() || regex_hit(t); };
    switch (node.kind) {
      case Node::Kind::term: return found(node.term);
      case Node::Kind::rule_ref: return rule(node.rule);
      case Node::Kind::negation: return !this->node(node.children[0]);
      case Node::Kind::any_of:
        return std::any_of(node.counted_terms.begin(), node.counted_terms.end(), found) ||
               std::any_of(node.children.begin(), node.children.end(), truth);
      case Node::Kind::all_of:
        return std::all_of(node.counted_terms.begin(), node.counted_terms.end(), found) &&
               std::all_of(node.children.begin(), node.children.end(), truth);
    }
    return false;
  }

  void append(std::uint32_t t, std::vector<Span>& out) {
    const auto& found = occurrences(t);
    out.insert(out.end(), found.begin(), found.end());
  }

  // A regex can match the empty string: true without a span.
  bool regex_hit(std::uint32_t t) {
    const CompiledTerm& term = c_.terms[t];
    if (!term.regex) return false;
    for (MatchField f : kFields)
      if ((term.fields & field_bit(f)) && RE2::PartialMatch(text(f), *term.regex)) return true;
    return false;
  }

  // False when a word/phrase term cannot occur: its first word is no token of its fields (a
  // 1,000-keyword rule would otherwise cost 1,000 map entries per paper).
  bool may_occur(const CompiledTerm& term) {
    if (term.regex || (term.pattern.last_prefix && term.pattern.words.size() == 1)) return true;
    bool found = false;
    for (MatchField f : kFields)
      if (!found && (term.fields & field_bit(f)))
        for_each_position(f, term.pattern.words[0].folded, [&](std::uint32_t) { found = true; });
    return found;
  }

  const std::vector<Span>& occurrences(std::uint32_t t) {
    static const std::vector<Span> kNoSpans;
    const CompiledTerm& term = c_.terms[t];
    if (found_ != nullptr && !term.regex) {
      if (found_->term_hit[t] != found_->paper) return kNoSpans;
      auto [it, fresh] = occurrences_.try_emplace(t);
      if (fresh) recorded(term, it->second);
      return it->second;
    }
    if (!occurrences_.count(t) && !may_occur(term)) return kNoSpans;
    auto [it, fresh] = occurrences_.try_emplace(t);
    if (!fresh) return it->second;
    for (MatchField f : kFields) {
      if (!(term.fields & field_bit(f))) continue;
      if (term.regex) {
        for (const auto& [start, end] : regex_matches(*term.regex, text(f)))
          it->second.push_back({f, start, end});
      } else {
        find_pattern(term.pattern, f, it->second);
      }
    }
    return it->second;
  }

  // The occurrences of a word/phrase term from the tokens match() recorded (those with a
  // feature): every record with the feature of its first word, verified in place when the
  // feature alone does not decide the term. No tokenizing: the spans of a selected paper cost
  // about what its hits do.
  void recorded(const CompiledTerm& term, std::vector<Span>& out) {
    const TermPattern& p = term.pattern;
    const std::uint32_t feature = p.words[0].feature;
    for (MatchField f : kFields) {
      if (!(term.fields & field_bit(f))) continue;
      const auto i = static_cast<std::size_t>(f);
      const std::uint32_t end = found_->records_end[i];
      for (std::uint32_t r = found_->records_begin[i]; r < end; ++r) {
        const Record& record = found_->records[r];
        if (!record_has_feature(*found_, record, feature)) continue;
        std::uint32_t start = record.start, stop = record.end;
        if (p.simple() || verify_at_record(p, text(f), *found_, r, end, start, stop))
          out.push_back({f, start, stop});
      }
    }
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

  const std::string& text(MatchField f) {
    auto [it, fresh] = texts_.try_emplace(f);
    if (fresh) it->second = displayed_field(paper_, f);
    return it->second;
  }

  const FoldedText& tokens(MatchField f) {
    auto& slot = folded_[f];
    if (!slot) slot = std::make_unique<FoldedText>(text(f));
    return *slot;
  }

  const Compiled& c_;
  const Paper& paper_;
  const MatchState* found_;
  std::map<std::uint32_t, bool> rule_values_;
  std::map<std::uint32_t, std::vector<Span>> occurrences_;
  std::map<MatchField, std::string> texts_;
  std::map<MatchField, std::unique_ptr<FoldedText>> folded_;
  std::map<MatchField, TokenIndex> token_index_;
};

// Sorted by field then start; overlapping spans merged into one.
std::vector<Span> merge(std::vector<Span> spans) {
  std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) {
    return a.field != b.field   ? a.field < b.field
           : a.start != b.start ? a.start < b.start
                                : a.end < b.end;
  });
  std::vector<Span> out;
  for (const Span& s : spans) {
    if (!out.empty() && out.back().field == s.field && s.start < out.back().end) {
      out.back().end = std::max(out.back().end, s.end);
    } else {
      out.push_back(s);
    }
  }
  return out;
}

std::vector<Span> find_spans(const Compiled& c, const Paper& paper,
                             const std::vector<std::size_t>& rules, const MatchState* found) {
  SpanFinder finder(c, paper, found);  // one tokenization and token index for all the rules
  std::vector<Span> spans;
  for (std::size_t rule : rules) {
    if (rule >= c.rules.size()) continue;
    const auto r = static_cast<std::uint32_t>(rule);
    if (finder.rule(r)) finder.collect(c.rules[r].root, spans);
  }
  return merge(std::move(spans));
}

}  // namespace

std::vector<Span> Matcher::spans(const Paper& paper, std::size_t rule) const {
  return spans(paper, std::vector<std::size_t>{rule});
}

std::vector<Span> Matcher::spans(const Paper& paper, const std::vector<std::size_t>& rules) const {
  return find_spans(*compiled_, paper, rules, nullptr);
}

std::vector<Span> Matcher::spans(const Paper& paper, const std::vector<std::size_t>& rules,
                                 const MatchScratch& matched) const {
  const MatchState& state = *matched.state_;
  return find_spans(*compiled_, paper, rules,
                    state.owner == compiled_->serial && state.paper != 0 ? &state : nullptr);
}

}  // namespace papersieve::rules
