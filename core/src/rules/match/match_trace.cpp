// MatchTrace: a read-only view of what match() left in a MatchState (match_trace.hpp).
#include "rules/match/match_trace.hpp"

#include "rules/match/match_state.hpp"

namespace papersieve::rules {

std::optional<MatchTrace> MatchTrace::of(const CompiledRules& c, const MatchState& state) {
  const MatchState::Data& s = *state.data_;
  if (s.owner != c.serial || s.paper == 0) return std::nullopt;
  MatchTrace t;
  t.c_ = &c;
  t.state_ = &s;
  t.paper_ = s.paper;
  t.term_hit_ = s.term_hit.data();
  t.term_ran_ = s.regex_done.data();
  t.node_stamp_ = s.node_stamp.data();
  t.node_count_ = s.node_count.data();
  t.rule_stamp_ = s.rule_stamp.data();
  t.rule_state_ = s.rule_state.data();
  t.tokens_ = s.feature_tokens();
  t.begin_ = s.tokens_begin;
  t.end_ = s.tokens_end;
  t.set_ran_ = s.set_ran;
  t.set_ok_ = s.set_ok;
  t.set_found_ = s.set_found;
  return t;
}

Anchors MatchTrace::regex_anchors(const CompiledTerm& term, MatchField f, std::string_view text,
                                  std::vector<Occurrence>& out) const {
  return rules::regex_anchors(*c_, *state_, term, f, text, out);
}

}  // namespace papersieve::rules
