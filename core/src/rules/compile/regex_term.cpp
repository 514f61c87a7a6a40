// A single RE2 per regex term. RE2 itself never gives a silent false negative: when its DFA
// runs out of memory during a search it falls back to the NFA. Only compiling can fail for
// memory ("pattern too large"), and that is reported as an error naming the rule.
#include "rules/compile/regex_term.hpp"

#include <re2/filtered_re2.h>

#include <algorithm>
#include <stdexcept>
#include <string>

namespace papersieve::rules {

namespace {

RE2::Options regex_options(const Term& term, std::int64_t max_mem) {
  RE2::Options options;
  options.set_encoding(RE2::Options::EncodingUTF8);
  options.set_log_errors(false);
  options.set_case_sensitive(!term.case_insensitive);
  options.set_dot_nl(term.dot_all);
  options.set_max_mem(max_mem);
  return options;
}

// RE2 has no multi-line option outside POSIX syntax: the (?m) flag says it.
std::string regex_pattern(const Term& term) {
  return term.multi_line ? "(?m)" + term.text : term.text;
}

// The longest run of [a-z0-9] in a lowercased literal ("" when shorter than 2 bytes: the literal
// scan anchors on byte pairs).
std::string alnum_core(const std::string& literal) {
  std::string best;
  std::size_t i = 0;
  while (i < literal.size()) {
    std::size_t j = i;
    while (j < literal.size() &&
           ((literal[j] >= 'a' && literal[j] <= 'z') || (literal[j] >= '0' && literal[j] <= '9')))
      ++j;
    if (j - i > best.size()) best = literal.substr(i, j - i);
    i = j + 1;
  }
  return best.size() >= 2 ? best : std::string();
}

}  // namespace

RegexGate regex_gate(const Term& term) {
  RegexGate gate;
  re2::FilteredRE2 filter(2);
  int id = 0;
  if (filter.Add(regex_pattern(term), regex_options(term, 8 << 20), &id) != RE2::NoError)
    return gate;
  std::vector<std::string> literals;
  filter.Compile(&literals);
  std::vector<int> potential, matched;
  filter.AllPotentials(matched, &potential);
  if (literals.empty() || !potential.empty()) return gate;  // unfiltered: runs always
  // The condition is monotone in the literals present: a literal is required when all the others
  // together do not pass; and at least one literal must be present (none present does not pass).
  for (std::size_t a = 0; a < literals.size(); ++a) {
    matched.clear();
    for (std::size_t b = 0; b < literals.size(); ++b)
      if (b != a) matched.push_back(static_cast<int>(b));
    filter.AllPotentials(matched, &potential);
    const std::string core = alnum_core(literals[a]);
    if (potential.empty() && !core.empty()) gate.all.push_back(core);
  }
  bool any_always = false;
  for (const std::string& literal : literals) {
    const std::string core = alnum_core(literal);
    if (core.empty()) any_always = true;
    gate.any.push_back(core);
  }
  if (any_always) gate.any.clear();
  std::sort(gate.any.begin(), gate.any.end());
  gate.any.erase(std::unique(gate.any.begin(), gate.any.end()), gate.any.end());
  gate.gated = !gate.all.empty() || !gate.any.empty();
  return gate;
}

std::string inline_flag_pattern(const Term& term) {
  std::string flags;
  if (term.case_insensitive) flags += 'i';
  if (term.dot_all) flags += 's';
  if (term.multi_line) flags += 'm';
  return flags.empty() ? term.text : "(?" + flags + ")" + term.text;
}

RE2::Options set_options(std::int64_t max_mem) {
  Term plain;
  return regex_options(plain, max_mem);
}

std::unique_ptr<RE2> compile_regex(const Term& term, std::int64_t max_mem) {
  auto re = std::make_unique<RE2>(regex_pattern(term), regex_options(term, max_mem));
  if (re->ok()) return re;
  if (re->error_code() == RE2::ErrorPatternTooLarge) {
    throw std::invalid_argument("regex needs more than the memory limit of " +
                                std::to_string(max_mem) + " bytes (RE2: " + re->error() + ")");
  }
  throw std::invalid_argument("invalid regex: " + re->error());
}

namespace {

// The non-empty, non-overlapping matches starting in [begin, end) and ending by `end`, left to
// right, while more(pos) says one can still start at pos or later.
template <class More>
void each_match(const RE2& re, std::string_view text, std::size_t begin, std::size_t end,
                More&& more, std::vector<std::pair<std::uint32_t, std::uint32_t>>& out) {
  re2::StringPiece whole(text.data(), text.size()), match;
  std::size_t pos = begin;
  while (pos <= end && more(pos) && re.Match(whole, pos, end, RE2::UNANCHORED, &match, 1)) {
    const auto start = static_cast<std::size_t>(match.data() - text.data());
    const std::size_t stop = start + match.size();
    if (stop > start)
      out.emplace_back(static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(stop));
    pos = stop > start ? stop : stop + 1;
    while (pos < end && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) ++pos;
  }
}

}  // namespace

std::vector<std::pair<std::uint32_t, std::uint32_t>> regex_matches(const RE2& re,
                                                                   std::string_view text,
                                                                   std::string_view lowered,
                                                                   std::string_view literal) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> out;
  // A match starting at pos or later holds an occurrence of the literal starting there too.
  each_match(
      re, text, 0, text.size(),
      [&](std::size_t pos) {
        return literal.empty() || lowered.find(literal, pos) != lowered.npos;
      },
      out);
  return out;
}

std::vector<std::pair<std::uint32_t, std::uint32_t>> regex_matches(const RE2& re,
                                                                   std::string_view text) {
  return regex_matches(re, text, {}, {});
}

void regex_matches_between(const RE2& re, std::string_view text, std::size_t begin, std::size_t end,
                           std::vector<std::pair<std::uint32_t, std::uint32_t>>& out) {
  each_match(
      re, text, begin, end, [](std::size_t) { return true; }, out);
}

bool text_folds_to_ascii(std::string_view text) {
  return text.find("\xE2\x84\xAA") != std::string_view::npos ||
         text.find("\xC5\xBF") != std::string_view::npos ||
         text.find("\xC4\xB0") != std::string_view::npos;
}

}  // namespace papersieve::rules
