// Regex terms: RE2 over the displayed text of a field, flags i m s, UTF-8.
#pragma once

#include <re2/re2.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "rules/query/ast.hpp"

namespace papersieve::rules {

// Compiles a regex term within `max_mem` bytes; throws std::invalid_argument with RE2's
// error text when the pattern is invalid or needs more memory than that.
std::unique_ptr<RE2> compile_regex(const Term& term, std::int64_t max_mem);

// A necessary condition for a regex to match, FilteredRE2-style: strings of ASCII letters and
// digits (lowercase) that must occur in the ASCII-lowercased text. `all` must all occur and, if
// `any` is not empty, one of `any` must. Derived from RE2's prefilter atoms (re2/filtered_re2.h,
// probed once per atom at compile time), each cut down to its longest run of [a-z0-9] (a
// substring of it must then occur: still necessary). gated == false: no useful condition, the
// regex always runs.
struct RegexGate {
  bool gated = false;
  std::vector<std::string> all, any;
};

RegexGate regex_gate(const Term& term);

// The pattern of a regex term with its flags written inline ((?i) (?s) (?m)), for an RE2::Set
// (one set of options for all its patterns: those of set_options).
std::string inline_flag_pattern(const Term& term);
RE2::Options set_options(std::int64_t max_mem);

// Byte ranges [start, end) of the non-empty, non-overlapping matches, left to right.
std::vector<std::pair<std::uint32_t, std::uint32_t>> regex_matches(const RE2& re,
                                                                   std::string_view text);
// The matches that start in [begin, end) and end by `end`, appended to `out` (the rest of
// `text` is their context).
void regex_matches_between(const RE2& re, std::string_view text, std::size_t begin, std::size_t end,
                           std::vector<std::pair<std::uint32_t, std::uint32_t>>& out);
// The same, knowing that every match holds `literal` (a gate literal, regex_gate) once
// ASCII-lowercased, as `lowered` is `text`: the search stops where no occurrence of it is left,
// instead of running RE2 over the rest of the text. Only where no code point of the text folds
// to ASCII (U+212A, U+017F, U+0130: text_folds_to_ascii).
std::vector<std::pair<std::uint32_t, std::uint32_t>> regex_matches(const RE2& re,
                                                                   std::string_view text,
                                                                   std::string_view lowered,
                                                                   std::string_view literal);
// Whether `text` holds a code point whose lowercase or case fold is ASCII (K KELVIN SIGN, LONG
// S, I WITH DOT ABOVE): RE2 may match it where the ASCII-lowercased text has no gate literal.
bool text_folds_to_ascii(std::string_view text);

}  // namespace papersieve::rules
