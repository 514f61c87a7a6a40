// What the two span finders share (docs/design.md, "Rules"): the walk of the rule trees that
// decides which terms' spans a true rule wants, the per-term memo of occurrences, and the
// merging of the spans. How a term is found, and how a rule's value is known, is each finder's
// own: the reference finder (reference_spans.cpp) from the paper's text alone, the bounded one
// (bounded_spans.cpp) from the trace of the match() just run.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "papersieve/paper.hpp"
#include "papersieve/rules.hpp"
#include "rules/compile/compiled_rules.hpp"

namespace papersieve::rules {

constexpr MatchField kSpanFields[] = {MatchField::title, MatchField::abstract, MatchField::authors,
                                      MatchField::id,    MatchField::category, MatchField::link};

// A regex can match part of a character (RE2's \C matches one byte): its span is widened to
// the characters it touches, so that every span's text is valid UTF-8 (docs/rules.md).
Span whole_characters(std::string_view text, Span span);

// The matches `positions` of a regex in field f (displayed `text`) as spans on whole
// characters, appended to `out`.
void append_regex_spans(MatchField f, std::string_view text,
                        const std::vector<std::pair<std::uint32_t, std::uint32_t>>& positions,
                        std::vector<Span>& out);

// `spans` sorted by field then start, overlapping spans merged into one.
std::vector<Span> merge_spans(std::vector<Span>& spans);

// The displayed text of a paper's fields (displayed_field), each list field joined once.
class FieldTexts {
 public:
  explicit FieldTexts(const Paper& paper) : paper_(paper) {}
  std::string_view operator()(MatchField f);

 private:
  const Paper& paper_;
  std::map<MatchField, std::string> joined_;
};

// A span finder's working memory, kept per thread: a paper then costs no allocation beyond its
// result. Stamps mark what belongs to the current call (== stamp), for any rule set used on
// the thread.
struct SpanBuffers {
  std::uint32_t stamp = 0;
  // The bounded finder's marks, read when it collects from the feature tokens:
  std::vector<std::uint32_t> wanted_node;  // by node: its counted terms' spans are wanted
  std::vector<std::uint32_t> wanted_term;  // by term: its spans are wanted
  std::vector<Span> spans;                 // collected, before merging
  // The occurrences of the terms looked up one by one: term t's are
  // found[found_first[t], found_last[t]) when found_stamp[t] == stamp.
  std::vector<std::uint32_t> found_stamp, found_first, found_last;
  std::vector<Span> found;
  std::vector<std::uint32_t> collect_stack;  // the nodes collect() has still to visit

  // A new stamp, the arrays sized for `c`.
  void start(const CompiledRules& c);
};

struct SpanRange {
  const Span* first = nullptr;
  const Span* last = nullptr;
  bool empty() const { return first == last; }
};

// The walk both finders make, given (CRTP) a Finder with:
//   bool rule(r)                  rule r is true
//   bool term_found(t)            term t matches the paper
//   bool any_counted(n)           one of node n's counted terms matches
//   bool all_counted(n)           all of them do
//   void want_term(t, out)        term t's spans are wanted: append them (or mark them)
//   void want_counted(n, out)     the same for node n's counted terms that match
//   void finish(out)              append what was marked
template <class Finder>
class SpanWalk {
 public:
  // Where the terms that make `rules` true are (those of a false rule: none), merged.
  std::vector<Span> spans(const std::vector<std::size_t>& rules) {
    std::vector<Span>& out = b_.spans;
    out.clear();
    for (std::size_t rule : rules) {
      if (rule >= c_.rules.size()) continue;
      const auto r = static_cast<std::uint32_t>(rule);
      if (self().rule(r)) collect(c_.rules[r].root, out);
    }
    self().finish(out);
    return merge_spans(out);
  }

 protected:
  SpanWalk(const CompiledRules& c, const Paper& paper, SpanBuffers& buffers)
      : c_(c), paper_(paper), text_(paper), b_(buffers) {
    b_.start(c_);
  }

  bool node(std::uint32_t n) {
    const CompiledNode& node = c_.nodes[n];
    auto truth = [&](std::uint32_t child) { return this->node(child); };
    switch (node.kind) {
      case Node::Kind::term: return self().term_found(node.term);
      case Node::Kind::rule_ref: return self().rule(node.rule);
      case Node::Kind::negation: return !this->node(node.children[0]);
      case Node::Kind::any_of:
        return self().any_counted(n) ||
               std::any_of(node.children.begin(), node.children.end(), truth);
      case Node::Kind::all_of:
        return self().all_counted(n) &&
               std::all_of(node.children.begin(), node.children.end(), truth);
    }
    return false;
  }

  // The occurrences of term t, found once per call by find(out) (which appends them).
  // A condition (published:, upvotes:, ...) never has a span.
  template <class Find>
  SpanRange occurrences(std::uint32_t t, Find&& find) {
    if (c_.terms[t].condition != kNone) return {};
    if (b_.found_stamp[t] != b_.stamp) {
      b_.found_stamp[t] = b_.stamp;
      b_.found_first[t] = static_cast<std::uint32_t>(b_.found.size());
      find(b_.found);
      b_.found_last[t] = static_cast<std::uint32_t>(b_.found.size());
    }
    const Span* first = b_.found.data();
    return {first + b_.found_first[t], first + b_.found_last[t]};
  }

  const CompiledRules& c_;
  const Paper& paper_;
  FieldTexts text_;
  SpanBuffers& b_;

 private:
  Finder& self() { return static_cast<Finder&>(*this); }

  // Spans of the terms under `root` that make it true (root must be true). An explicit stack,
  // not recursion: through @references the tree can be as deep as the rule list is long; a
  // rule reached twice is collected once. Terms under a NOT never give spans.
  void collect(std::uint32_t root, std::vector<Span>& out) {
    std::vector<std::uint32_t>& todo = b_.collect_stack;
    todo.assign(1, root);
    while (!todo.empty()) {
      const std::uint32_t n = todo.back();
      todo.pop_back();
      const CompiledNode& node = c_.nodes[n];
      switch (node.kind) {
        case Node::Kind::term: self().want_term(node.term, out); break;
        case Node::Kind::negation: break;
        case Node::Kind::rule_ref:
          if (self().rule(node.rule) && collected_rules_.insert(node.rule).second)
            todo.push_back(c_.rules[node.rule].root);
          break;
        case Node::Kind::any_of:
        case Node::Kind::all_of:
          self().want_counted(n, out);
          for (std::uint32_t child : node.children)
            if (this->node(child)) todo.push_back(child);
          break;
      }
    }
  }

  std::set<std::uint32_t> collected_rules_;
};

}  // namespace papersieve::rules
