// A single RE2 per regex term. RE2 itself never gives a silent false negative: when its DFA
// runs out of memory during a search it falls back to the NFA. Only compiling can fail for
// memory ("pattern too large"), and that is reported as an error naming the rule.
#include "rules/regex_term.hpp"

#include <stdexcept>
#include <string>

namespace papersieve::rules {

std::unique_ptr<RE2> compile_regex(const Term& term, std::int64_t max_mem) {
  RE2::Options options;
  options.set_encoding(RE2::Options::EncodingUTF8);
  options.set_log_errors(false);
  options.set_case_sensitive(!term.case_insensitive);
  options.set_dot_nl(term.dot_all);
  options.set_max_mem(max_mem);
  // RE2 has no multi-line option outside POSIX syntax: the (?m) flag says it.
  const std::string pattern = term.multi_line ? "(?m)" + term.text : term.text;
  auto re = std::make_unique<RE2>(pattern, options);
  if (re->ok()) return re;
  if (re->error_code() == RE2::ErrorPatternTooLarge) {
    throw std::invalid_argument("regex needs more than the memory limit of " +
                                std::to_string(max_mem) + " bytes (RE2: " + re->error() + ")");
  }
  throw std::invalid_argument("invalid regex: " + re->error());
}

std::vector<std::pair<std::uint32_t, std::uint32_t>> regex_matches(const RE2& re,
                                                                   std::string_view text) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> out;
  re2::StringPiece whole(text.data(), text.size()), match;
  std::size_t pos = 0;
  while (pos <= text.size() && re.Match(whole, pos, text.size(), RE2::UNANCHORED, &match, 1)) {
    const auto start = static_cast<std::size_t>(match.data() - text.data());
    const std::size_t end = start + match.size();
    if (end > start)
      out.emplace_back(static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(end));
    pos = end > start ? end : end + 1;
    while (pos < text.size() && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) ++pos;
  }
  return out;
}

}  // namespace papersieve::rules
