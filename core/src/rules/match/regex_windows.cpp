// Windowed regex search (see regex_windows.hpp).
#include "rules/match/regex_windows.hpp"

#include "rules/compile/regex_term.hpp"

namespace papersieve::rules {
namespace {

// Past this many windows in one field, one search of the rest of the field is cheaper than a
// search per window (each RE2 call has a fixed cost).
constexpr std::size_t kMaxWindows = 16;

// Calls search(start, end) on each window in turn, left to right, until it returns true; past
// kMaxWindows, once more on the rest of the text instead. True when a search did.
template <class Search>
bool for_each_window(const RegexShape& shape, std::string_view text,
                     const std::vector<Occurrence>& occurrences, Search&& search) {
  const auto in_shape = [&](std::size_t i) {
    return shape.bytes[static_cast<unsigned char>(text[i])];
  };
  std::size_t window_end = 0, windows = 0;
  for (const Occurrence& o : occurrences) {
    if (o.end <= window_end) continue;  // inside the last window: searched already
    bool inside = true;                 // a match holding this occurrence holds its bytes
    for (std::size_t i = o.start; i < o.end && inside; ++i) inside = in_shape(i);
    if (!inside) continue;
    std::size_t start = o.start, end = o.end;
    while (start > 0 && in_shape(start - 1)) --start;
    while (end < text.size() && in_shape(end)) ++end;
    if (++windows > kMaxWindows) return search(start, text.size());
    window_end = end;
    if (end - start >= shape.min_length && search(start, end)) return true;
  }
  return false;
}

}  // namespace

bool match_in_windows(const RE2& re, const RegexShape& shape, std::string_view text,
                      const std::vector<Occurrence>& occurrences) {
  const re2::StringPiece whole(text.data(), text.size());
  return for_each_window(shape, text, occurrences, [&](std::size_t start, std::size_t end) {
    return re.Match(whole, start, end, RE2::UNANCHORED, nullptr, 0);
  });
}

void matches_in_windows(const RE2& re, const RegexShape& shape, std::string_view text,
                        const std::vector<Occurrence>& occurrences,
                        std::vector<std::pair<std::uint32_t, std::uint32_t>>& out) {
  for_each_window(shape, text, occurrences, [&](std::size_t start, std::size_t end) {
    regex_matches_between(re, text, start, end, out);
    return false;
  });
}

void matches_at_starts(const RE2& re, std::string_view text, const std::vector<Occurrence>& starts,
                       std::vector<std::pair<std::uint32_t, std::uint32_t>>& out) {
  const re2::StringPiece whole(text.data(), text.size());
  re2::StringPiece match;
  std::uint32_t next = 0;  // matches do not overlap: none starts inside the last one
  for (const Occurrence& o : starts) {
    if (o.start < next) continue;
    if (!re.Match(whole, o.start, text.size(), RE2::ANCHOR_START, &match, 1) || match.empty())
      continue;
    next = o.start + static_cast<std::uint32_t>(match.size());
    out.emplace_back(o.start, next);
  }
}

bool begins_word(std::string_view text, std::uint32_t at) {
  if (at == 0) return true;
  const auto c = static_cast<unsigned char>(text[at - 1]);
  return !((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_');
}

}  // namespace papersieve::rules
