// The bounded span finder (span_finders.hpp): given the trace of the match() just run on the
// paper (match/match_trace.hpp), it evaluates the rules from what match() found and finds only
// the occurrences of the terms it found: words and phrases from the feature tokens match()
// kept, in one pass in text order; AND/OR truth from its hit counts; a regex's truth from its
// hit or its field's RE2::Set run, and its positions in its windows. A selected paper's spans
// then cost about what its hits did (docs/design.md, "Rules").
#include <re2/re2.h>
#include <re2/set.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rules/compile/compiled_rules.hpp"
#include "rules/compile/regex_term.hpp"
#include "rules/match/folded_text.hpp"
#include "rules/match/match_trace.hpp"
#include "rules/match/regex_windows.hpp"
#include "rules/spans/span_finders.hpp"
#include "rules/spans/span_walk.hpp"

namespace papersieve::rules {
namespace {

// The bounded finder's working memory, kept per thread.
struct BoundedBuffers {
  SpanBuffers walk;
  std::vector<Occurrence> anchors;  // a windowed regex's, in one field
  std::vector<std::pair<std::uint32_t, std::uint32_t>> positions;  // a regex's, in one field
};

class BoundedFinder : public SpanWalk<BoundedFinder> {
 public:
  BoundedFinder(const CompiledRules& c, const Paper& paper, const MatchTrace& trace,
                BoundedBuffers& buffers)
      : SpanWalk(c, paper, buffers.walk), trace_(trace), bb_(buffers) {}

 private:
  friend class SpanWalk<BoundedFinder>;

  bool rule(std::uint32_t r) const { return trace_.rule(r); }

  bool term_found(std::uint32_t t) { return c_.terms[t].regex ? regex_hit(t) : trace_.term_hit(t); }

  bool any_counted(std::uint32_t n) const { return trace_.counted_hits(n) > 0; }

  bool all_counted(std::uint32_t n) const {
    return trace_.counted_hits(n) == c_.nodes[n].counted_terms.size();
  }

  // A word or phrase's spans come from the tokens (finish); a regex's are searched for.
  void want_term(std::uint32_t t, std::vector<Span>& out) {
    if (!c_.terms[t].regex) {
      b_.wanted_term[t] = b_.stamp;
      return;
    }
    const SpanRange spans = found(t);
    out.insert(out.end(), spans.first, spans.last);
  }

  // From the tokens, by finish (not one look-up for each of 10,000s of terms).
  void want_counted(std::uint32_t n, std::vector<Span>&) { b_.wanted_node[n] = b_.stamp; }

  // Appends the spans of the word/phrase terms the rules want (want_term marked them, or
  // want_counted their AND/OR parent) that match() found, from its feature tokens, in one
  // pass: each one's features lead to the terms filed under them, verified in place when the
  // feature alone does not decide the term. No tokenizing; and they come out in text order.
  void finish(std::vector<Span>& out) {
    const FeatureTokens tokens = trace_.feature_tokens();
    auto wanted = [&](std::uint32_t t, std::uint32_t parent) {
      return trace_.term_hit(t) && (b_.wanted_term[t] == b_.stamp ||
                                    (parent != kNone && b_.wanted_node[parent] == b_.stamp));
    };
    for (MatchField f : kSpanFields) {
      const std::uint8_t bit = field_bit(f);
      const std::uint32_t end = trace_.tokens_end(f);
      for (std::uint32_t r = trace_.tokens_begin(f); r < end; ++r) {
        const FeatureToken& token = tokens.tokens[r];
        for (std::uint32_t k = token.first; k < token.last; ++k) {
          const FeatureTerms& filed = c_.feature_terms[tokens.features[k]];
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
                (anchored.second == kNone || tokens.next_has(r, end, anchored.second)) &&
                wanted(t, anchored.counted_parent) &&
                verify_at_token(c_.terms[t].pattern, text_(f), tokens, r, end, start, stop))
              out.push_back({f, start, stop});
          }
        }
      }
    }
  }

  // A regex can match the empty string: true without a span.
  bool regex_hit(std::uint32_t t) {
    const CompiledTerm& term = c_.terms[t];
    if (trace_.term_hit(t)) return true;  // match() found it
    // Every match of a windowed regex holds a literal or its required byte, so it is never
    // empty: its positions, searched in its windows (wanted next anyway when it is true),
    // tell. A whole-field RE2 pass here was most of W4's filter time.
    if (term.windowed) return !found(t).empty();
    for (MatchField f : kSpanFields) {
      if (!(term.fields & field_bit(f))) continue;
      const int said = set_says(t, f);
      if (said == 1 || (said < 0 && RE2::PartialMatch(text_(f), *term.regex))) return true;
    }
    return false;
  }

  // Whether regex term t matches field f by the field's RE2::Set (match()'s run on this paper,
  // or one run here, once per field): 1 or 0, or -1 when unknown (no set, or the set ran out
  // of memory). A selected paper then costs one set pass per field plus a positions run per
  // regex that matched, not one run per regex of its rules.
  int set_says(std::uint32_t t, MatchField f) {
    // match() ran this regex over all its fields and found nothing.
    if (trace_.term_ran(t) && !trace_.term_hit(t)) return 0;
    // A windowed regex's own search costs less than the set's pass over the field.
    if (c_.terms[t].windowed) return -1;
    const auto i = static_cast<std::size_t>(f);
    const RegexSet& set = c_.regex_sets[i];
    if (!set.set) return -1;
    const std::vector<int>* found = &set_found_[i];
    if (const RegexSetRun run = trace_.regex_set(f); run.ran) {
      if (!run.ok) return -1;
      found = run.found;
    } else if (!set_ran_[i]) {
      set_ran_[i] = true;
      const std::string_view field = text_(f);
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

  // The spans of regex term t (found once per call).
  SpanRange found(std::uint32_t t) {
    return occurrences(t, [&](std::vector<Span>& out) {
      const CompiledTerm& term = c_.terms[t];
      for (MatchField f : kSpanFields)
        if ((term.fields & field_bit(f)) && set_says(t, f) != 0)
          append_regex_spans(f, text_(f), regex_positions(term, f), out);
    });
  }

  // A windowed regex searches its windows (or from its known match starts), and a gated one
  // over title or abstract stops where no occurrence of a required literal is left.
  const std::vector<std::pair<std::uint32_t, std::uint32_t>>& regex_positions(
      const CompiledTerm& term, MatchField f) {
    const std::string_view field = text_(f);
    std::vector<std::pair<std::uint32_t, std::uint32_t>>& out = bb_.positions;
    out.clear();
    if (term.windowed) {
      const Anchors anchors = trace_.regex_anchors(term, f, field, bb_.anchors);
      if (anchors == Anchors::starts) {
        matches_at_starts(*term.regex, field, bb_.anchors, out);
        return out;
      }
      if (anchors == Anchors::held) {
        matches_in_windows(*term.regex, term.shape, field, bb_.anchors, out);
        return out;
      }
    }
    if (term.gate_all.empty() || (f != MatchField::title && f != MatchField::abstract) ||
        text_folds_to_ascii(field)) {
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

  const MatchTrace& trace_;
  BoundedBuffers& bb_;
  std::vector<int> set_found_[kFieldCount];  // set_says' own set runs, by field
  bool set_ran_[kFieldCount] = {}, set_ok_[kFieldCount] = {};
  std::string lowered_[kFieldCount];  // title and abstract ASCII-lowercased, once needed
  bool lowered_ready_[kFieldCount] = {};
};

}  // namespace

std::vector<Span> bounded_spans(const CompiledRules& c, const Paper& paper,
                                const std::vector<std::size_t>& rules, const MatchTrace& trace) {
  thread_local BoundedBuffers buffers;
  BoundedFinder finder(c, paper, trace, buffers);
  return finder.spans(rules);
}

}  // namespace papersieve::rules
