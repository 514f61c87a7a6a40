// Matcher::spans. The reference path finds the terms of the rules on one paper from its folded
// tokens (the general tokenizer, an index of tokens by folded text: no bitmasks, feature table,
// Bloom filter, stamps or regex gates), evaluates the rules from those occurrences, and keeps
// the spans of the terms that made them true. The bounded path (given the MatchState of the
// match() just run on the paper) evaluates the same way from what match() found: its tokens,
// hit counts and regex set runs.
#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string_view>
#include <unordered_map>

#include "rules/compile/compiled_rules.hpp"
#include "rules/compile/feature_table.hpp"
#include "rules/compile/regex_term.hpp"
#include "rules/match/folded_text.hpp"
#include "rules/match/match_state.hpp"
#include "rules/match/matcher.hpp"
#include "rules/query/condition.hpp"

namespace papersieve::rules {
namespace {

constexpr MatchField kFields[] = {MatchField::title, MatchField::abstract, MatchField::authors,
                                  MatchField::id,    MatchField::category, MatchField::link};

// The bounded path's working memory, kept per thread: a selected paper then costs no
// allocation beyond its result. The stamps mark what the rules want spans of (== stamp: wanted
// for this call), for any rule set used on the thread.
struct SpanBuffers {
  std::uint32_t stamp = 0;
  std::vector<std::uint32_t> wanted_node;  // by node: its counted terms' spans are wanted
  std::vector<std::uint32_t> wanted_term;  // by term: its spans are wanted
  std::vector<Span> spans;                 // collected, before merging
  // The occurrences of the terms looked up one by one (regexes; every term on the reference
  // path): term t's are found[found_first[t], found_last[t]) when found_stamp[t] == stamp.
  std::vector<std::uint32_t> found_stamp, found_first, found_last;
  std::vector<Span> found;
  std::vector<Occurrence> anchors;  // a windowed regex's, in one field
  std::vector<std::pair<std::uint32_t, std::uint32_t>> positions;  // a regex's, in one field
  std::vector<std::uint32_t> collect_stack;  // the nodes collect() has still to visit
};

// A regex can match part of a character (RE2's \C matches one byte): its span is widened to
// the characters it touches, so that every span's text is valid UTF-8 (docs/rules.md).
Span whole_characters(std::string_view text, Span span) {
  auto inside = [&](std::uint32_t at) {
    return at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80;
  };
  while (span.start > 0 && inside(span.start)) --span.start;
  while (inside(span.end)) ++span.end;
  return span;
}

class SpanFinder {
 public:
  // `found`: the state of match() on this paper, whose term hits bound the search (or null).
  SpanFinder(const CompiledRules& c, const Paper& paper, const MatchState::Data* found,
             SpanBuffers& buffers)
      : c_(c), paper_(paper), found_(found), b_(buffers) {
    if (++b_.stamp == 0) {  // wrapped: forget every mark
      for (auto* marks : {&b_.wanted_node, &b_.wanted_term, &b_.found_stamp})
        std::fill(marks->begin(), marks->end(), 0);
      b_.stamp = 1;
    }
    if (b_.wanted_node.size() < c_.nodes.size()) b_.wanted_node.resize(c_.nodes.size(), 0);
    if (b_.wanted_term.size() < c_.terms.size()) {
      for (auto* by_term : {&b_.wanted_term, &b_.found_stamp, &b_.found_first, &b_.found_last})
        by_term->resize(c_.terms.size(), 0);
    }
    b_.found.clear();
  }

  bool rule(std::uint32_t r) {
    if (found_ != nullptr) {  // match() left every rule's value: evaluated, or its default
      if (found_->rule_stamp[r] == found_->paper && found_->rule_state[r] >= 2)
        return found_->rule_state[r] == 3;
      return c_.rules[r].default_value;
    }
    if (const auto it = rule_values_.find(r); it != rule_values_.end()) return it->second;
    // Referenced rules first, without nesting (compiled_rules.hpp: settle_after_references).
    settle_after_references(
        c_.rules, r, rule_stack_, [this](std::uint32_t t) { return rule_values_.count(t) != 0; },
        [this](std::uint32_t t) { rule_values_[t] = node(c_.rules[t].root); });
    return rule_values_[r];
  }

  // Spans of the terms under `root` that make it true (root must be true). An explicit stack,
  // not recursion: through @references the tree can be as deep as the rule list is long; a
  // rule reached twice is collected once.
  void collect(std::uint32_t root, std::vector<Span>& out) {
    std::vector<std::uint32_t>& todo = b_.collect_stack;
    todo.assign(1, root);
    while (!todo.empty()) {
      const std::uint32_t n = todo.back();
      todo.pop_back();
      const CompiledNode& node = c_.nodes[n];
      switch (node.kind) {
        case Node::Kind::term:
          if (found_ != nullptr && !c_.terms[node.term].regex) {
            b_.wanted_term[node.term] = b_.stamp;  // from the tokens, by spans_from_tokens
          } else {
            append(node.term, out);
          }
          break;
        case Node::Kind::negation: break;
        case Node::Kind::rule_ref:
          if (rule(node.rule) && collected_rules_.insert(node.rule).second)
            todo.push_back(c_.rules[node.rule].root);
          break;
        case Node::Kind::any_of:
        case Node::Kind::all_of:
          if (found_ != nullptr) {  // from the tokens, by spans_from_tokens (not 10,000s of terms)
            b_.wanted_node[n] = b_.stamp;
          } else {
            for (std::uint32_t t : node.counted_terms) append(t, out);
          }
          for (std::uint32_t child : node.children)
            if (this->node(child)) todo.push_back(child);
          break;
      }
    }
  }

  // Appends the spans of the word/phrase terms the rules want (collect marked them, or their
  // AND/OR parent) that match() found, from the tokens it stored (those with a feature), in
  // one pass: each one's features lead to the terms filed under them, verified in place
  // when the feature alone does not decide the term. No tokenizing: the spans of a selected
  // paper cost about what its hits did; and they come out in text order.
  void spans_from_tokens(std::vector<Span>& out) {
    const MatchState::Data& s = *found_;
    auto wanted = [&](std::uint32_t t, std::uint32_t parent) {
      return s.term_hit[t] == s.paper && (b_.wanted_term[t] == b_.stamp ||
                                          (parent != kNone && b_.wanted_node[parent] == b_.stamp));
    };
    for (MatchField f : kFields) {
      const auto i = static_cast<std::size_t>(f);
      const std::uint8_t bit = field_bit(f);
      const std::uint32_t end = s.tokens_end[i];
      for (std::uint32_t r = s.tokens_begin[i]; r < end; ++r) {
        const FeatureToken& token = s.tokens[r];
        for (std::uint32_t k = token.first; k < token.last; ++k) {
          const FeatureTerms& filed = c_.feature_terms[s.token_features[k]];
          filed.for_each_posting(c_.postings, [&](const Posting& posting) {
            if ((posting.fields & bit) && wanted(posting.term, posting.counted_parent))
              out.push_back({f, token.start, token.end});
          });
          // As match() does: the second word first, then the term (at 50,000 keywords its
          // hit stamp and pattern are cache misses).
          for (std::uint32_t a = filed.anchored_begin; a < filed.anchored_end; ++a) {
            const AnchoredTerm& anchored = c_.anchored[a];
            const std::uint32_t t = anchored.term;
            std::uint32_t start = 0, stop = 0;
            if ((anchored.fields & bit) &&
                (anchored.second == kNone || next_token_has(s, r, end, anchored.second)) &&
                wanted(t, anchored.counted_parent) &&
                verify_at_token(c_.terms[t].pattern, text(f), s, r, end, start, stop))
              out.push_back({f, start, stop});
          }
        }
      }
    }
  }

 private:
  bool node(std::uint32_t n) {
    const CompiledNode& node = c_.nodes[n];
    auto truth = [&](std::uint32_t child) { return this->node(child); };
    auto found = [&](std::uint32_t t) {
      if (found_ != nullptr) {
        if (!c_.terms[t].regex) return found_->term_hit[t] == found_->paper;
        return regex_hit(t);
      }
      return !occurrences(t).empty() || regex_hit(t) || condition_hit(t);
    };
    // match()'s count of the counted terms that hit (kept per paper), when at hand.
    const std::size_t hits =
        found_ != nullptr && found_->node_stamp[n] == found_->paper ? found_->node_count[n] : 0;
    switch (node.kind) {
      case Node::Kind::term: return found(node.term);
      case Node::Kind::rule_ref: return rule(node.rule);
      case Node::Kind::negation: return !this->node(node.children[0]);
      case Node::Kind::any_of:
        if (found_ != nullptr)
          return hits > 0 || std::any_of(node.children.begin(), node.children.end(), truth);
        return std::any_of(node.counted_terms.begin(), node.counted_terms.end(), found) ||
               std::any_of(node.children.begin(), node.children.end(), truth);
      case Node::Kind::all_of:
        if (found_ != nullptr)
          return hits == node.counted_terms.size() &&
                 std::all_of(node.children.begin(), node.children.end(), truth);
        return std::all_of(node.counted_terms.begin(), node.counted_terms.end(), found) &&
               std::all_of(node.children.begin(), node.children.end(), truth);
    }
    return false;
  }

  void append(std::uint32_t t, std::vector<Span>& out) {
    const SpanRange found = occurrences(t);
    out.insert(out.end(), found.first, found.last);
  }

  // A condition (published:, upvotes:, ...) is true or not, and never has a span.
  bool condition_hit(std::uint32_t t) const {
    const CompiledTerm& term = c_.terms[t];
    return term.condition != kNone && condition_holds(c_.conditions[term.condition], paper_);
  }

  // A regex can match the empty string: true without a span.
  bool regex_hit(std::uint32_t t) {
    const CompiledTerm& term = c_.terms[t];
    if (!term.regex) return false;
    if (found_ != nullptr) {
      if (found_->term_hit[t] == found_->paper) return true;  // match() found it
      // Every match of a windowed regex holds a literal or its required byte, so it is never
      // empty: its positions, searched in its windows (wanted next anyway when it is true),
      // tell. A whole-field RE2 pass here was most of W4's filter time.
      if (term.windowed) return !occurrences(t).empty();
    }
    for (MatchField f : kFields) {
      if (!(term.fields & field_bit(f))) continue;
      const int said = set_says(t, f);
      if (said == 1 || (said < 0 && RE2::PartialMatch(text(f), *term.regex))) return true;
    }
    return false;
  }

  // Whether regex term t matches field f by the field's RE2::Set (match()'s run on this paper,
  // or one run here, once per field): 1 or 0, or -1 when unknown (no bound to match(), no set,
  // or the set ran out of memory). A selected paper then costs one set pass per field plus a
  // positions run per regex that matched, not one run per regex of its rules.
  int set_says(std::uint32_t t, MatchField f) {
    if (found_ != nullptr) {
      // match() ran this regex over all its fields and found nothing.
      if (found_->regex_done[t] == found_->paper && found_->term_hit[t] != found_->paper) return 0;
      // A windowed regex's own search costs less than the set's pass over the field.
      if (c_.terms[t].windowed) return -1;
    }
    const auto i = static_cast<std::size_t>(f);
    const RegexSet& set = c_.regex_sets[i];
    if (found_ == nullptr || !set.set) return -1;
    const std::vector<int>* found = &set_found_[i];
    if (found_->set_ran[i] == found_->paper) {
      if (!found_->set_ok[i]) return -1;
      found = &found_->set_found[i];
    } else if (!set_ran_[i]) {
      set_ran_[i] = true;
      const std::string_view field = text(f);
      RE2::Set::ErrorInfo error{};
      set_ok_[i] =
          set.set->Match(re2::StringPiece(field.data(), field.size()), &set_found_[i], &error) ||
          error.kind == RE2::Set::kNoError;
    }
    if (found == &set_found_[i] && !set_ok_[i]) return -1;
    for (int k : *found)
      if (set.terms[static_cast<std::size_t>(k)] == t) return 1;
    return 0;
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

  struct SpanRange {
    const Span* first = nullptr;
    const Span* last = nullptr;
    bool empty() const { return first == last; }
  };

  SpanRange occurrences(std::uint32_t t) {
    const CompiledTerm& term = c_.terms[t];
    if (term.condition != kNone) return {};
    if (b_.found_stamp[t] != b_.stamp) {
      b_.found_stamp[t] = b_.stamp;
      b_.found_first[t] = static_cast<std::uint32_t>(b_.found.size());
      if (may_occur(term)) {
        for (MatchField f : kFields) {
          if (!(term.fields & field_bit(f))) continue;
          if (term.regex) {
            if (set_says(t, f) == 0) continue;
            const std::string_view shown = text(f);
            for (const auto& [start, end] : regex_positions(term, f))
              b_.found.push_back(whole_characters(shown, {f, start, end}));
          } else {
            find_pattern(term.pattern, f, b_.found);
          }
        }
      }
      b_.found_last[t] = static_cast<std::uint32_t>(b_.found.size());
    }
    const Span* first = b_.found.data();
    return {first + b_.found_first[t], first + b_.found_last[t]};
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

  // Bound to match(), a windowed regex searches its windows (or from its known match starts),
  // and a gated one over title or abstract stops where no occurrence of a required literal is left
  // (the reference path keeps to RE2 alone).
  const std::vector<std::pair<std::uint32_t, std::uint32_t>>& regex_positions(
      const CompiledTerm& term, MatchField f) {
    const std::string_view field = text(f);
    std::vector<std::pair<std::uint32_t, std::uint32_t>>& out = b_.positions;
    out.clear();
    if (found_ != nullptr && term.windowed) {
      const Anchors anchors = regex_anchors(c_, *found_, term, f, field, b_.anchors);
      if (anchors == Anchors::starts) {
        matches_at_starts(*term.regex, field, b_.anchors, out);
        return out;
      }
      if (anchors == Anchors::held) {
        matches_in_windows(*term.regex, term.shape, field, b_.anchors, out);
        return out;
      }
    }
    if (found_ == nullptr || term.gate_all.empty() ||
        (f != MatchField::title && f != MatchField::abstract) || text_folds_to_ascii(field)) {
      out = regex_matches(*term.regex, field);
      return out;
    }
    std::string& lowered = lowered_[static_cast<std::size_t>(f)];
    if (!lowered_ready_[static_cast<std::size_t>(f)]) {
      lowered_ready_[static_cast<std::size_t>(f)] = true;
      lowered.assign(field);
      for (char& ch : lowered) ch = lower_ascii(ch);
    }
    out = regex_matches(*term.regex, field, lowered, c_.literals.literal(term.gate_all.front()));
    return out;
  }

  std::string_view text(MatchField f) {
    switch (f) {
      case MatchField::title: return paper_.title;
      case MatchField::abstract: return paper_.abstract;
      case MatchField::id: return paper_.id;
      default: break;
    }
    auto [it, fresh] = texts_.try_emplace(f);
    if (fresh) it->second = displayed_field(paper_, f);
    return it->second;
  }

  const FoldedText& tokens(MatchField f) {
    auto& slot = folded_[f];
    if (!slot) slot = std::make_unique<FoldedText>(text(f));
    return *slot;
  }

  const CompiledRules& c_;
  const Paper& paper_;
  const MatchState::Data* found_;
  std::map<std::uint32_t, bool> rule_values_;
  std::vector<std::uint32_t> rule_stack_;
  std::set<std::uint32_t> collected_rules_;
  std::vector<int> set_found_[kFieldCount];  // set_says' own set runs, by field
  bool set_ran_[kFieldCount] = {}, set_ok_[kFieldCount] = {};
  SpanBuffers& b_;
  std::map<MatchField, std::string> texts_;
  std::string lowered_[kFieldCount];  // title and abstract ASCII-lowercased, once needed
  bool lowered_ready_[kFieldCount] = {};
  std::map<MatchField, std::unique_ptr<FoldedText>> folded_;
  std::map<MatchField, TokenIndex> token_index_;
};

// Sorted by field then start; overlapping spans merged into one.
std::vector<Span> merge(std::vector<Span>& spans) {
  auto before = [](const Span& a, const Span& b) {
    return a.field != b.field   ? a.field < b.field
           : a.start != b.start ? a.start < b.start
                                : a.end < b.end;
  };
  if (!std::is_sorted(spans.begin(), spans.end(), before))  // the tokens' are in text order
    std::sort(spans.begin(), spans.end(), before);
  std::vector<Span> out;
  out.reserve(spans.size());
  for (const Span& s : spans) {
    if (!out.empty() && out.back().field == s.field && s.start < out.back().end) {
      out.back().end = std::max(out.back().end, s.end);
    } else {
      out.push_back(s);
    }
  }
  return out;
}

std::vector<Span> find_spans(const CompiledRules& c, const Paper& paper,
                             const std::vector<std::size_t>& rules, const MatchState::Data* found) {
  thread_local SpanBuffers buffers;
  SpanFinder finder(c, paper, found, buffers);  // one tokenization and index for all the rules
  std::vector<Span>& spans = buffers.spans;
  spans.clear();
  for (std::size_t rule : rules) {
    if (rule >= c.rules.size()) continue;
    const auto r = static_cast<std::uint32_t>(rule);
    if (finder.rule(r)) finder.collect(c.rules[r].root, spans);
  }
  if (found != nullptr) finder.spans_from_tokens(spans);
  return merge(spans);
}

}  // namespace

std::vector<Span> Matcher::spans(const Paper& paper, std::size_t rule) const {
  return spans(paper, std::vector<std::size_t>{rule});
}

std::vector<Span> Matcher::spans(const Paper& paper, const std::vector<std::size_t>& rules) const {
  return find_spans(*compiled_, paper, rules, nullptr);
}

std::vector<Span> Matcher::spans(const Paper& paper, const std::vector<std::size_t>& rules,
                                 const MatchState& matched) const {
  const MatchState::Data& state = *matched.data_;
  return find_spans(*compiled_, paper, rules,
                    state.owner == compiled_->serial && state.paper != 0 ? &state : nullptr);
}

}  // namespace papersieve::rules
