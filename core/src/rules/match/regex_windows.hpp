// Searching a regex only where it can match. Every match holds an occurrence of something
// known (a gate literal of the regex, regex_term.hpp, or its required byte, regex_shape.hpp) and
// holds only bytes of its shape, so a match lies inside the run of shape bytes around one of
// those occurrences: RE2 searches those runs (the rest of the field is its context, for \b, ^
// and $) instead of the whole field. On English text the runs are a word or a few: most of
// a field is never read by RE2's DFA.
#pragma once

#include <re2/re2.h>

#include <cstdint>
#include <string_view>
#include <vector>

#include "rules/compile/regex_shape.hpp"

namespace papersieve::rules {

struct Occurrence {
  std::uint32_t start, end;  // bytes of the field
};

// Whether `re` (of shape `shape`, which must be bounded()) matches `text`, given every
// occurrence in `text` of something each match holds, in ascending order of start.
bool match_in_windows(const RE2& re, const RegexShape& shape, std::string_view text,
                      const std::vector<Occurrence>& occurrences);

// The same search for positions: the byte ranges regex_matches(re, text) gives (every match
// lies in one window, and no match starting in a window can end past it), appended to `out`.
void matches_in_windows(const RE2& re, const RegexShape& shape, std::string_view text,
                        const std::vector<Occurrence>& occurrences,
                        std::vector<std::pair<std::uint32_t, std::uint32_t>>& out);

// The same positions when every match of `re` begins at the start of one of `starts` (ascending):
// a word_start regex's gate literal at word starts (regex_anchors). One anchored search per start
// that no earlier match covers: RE2 then runs its DFA forward from a known start, where an
// unanchored search for positions also runs it backward for the start and once more to fail.
// Appended to `out`.
void matches_at_starts(const RE2& re, std::string_view text, const std::vector<Occurrence>& starts,
                       std::vector<std::pair<std::uint32_t, std::uint32_t>>& out);

// Whether position `at` of `text` follows no ASCII word byte ([0-9A-Za-z_]): a match of a
// regex whose shape has a word_start, which opens with a letter or digit, can begin there.
// Where such a match must begin with an occurrence of a gate literal (the literal begins the
// word_start), the occurrences of that literal where this is false hold no match's start and can
// be dropped.
bool begins_word(std::string_view text, std::uint32_t at);

// Every occurrence of byte `b` in `text`, appended to `out` (by the process's kernels/ build).
void byte_occurrences(std::string_view text, unsigned char b, std::vector<Occurrence>& out);

}  // namespace papersieve::rules
