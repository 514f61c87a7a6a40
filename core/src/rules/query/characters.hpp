// Character classes and columns for query text (UTF-8): what separates
// tokens, what separates the words of a phrase, and 1-based codepoint columns.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace papersieve::rules {

// Byte length of the whitespace codepoint at `pos` (ASCII space, tab, line
// breaks, no-break and other Unicode spaces), 0 when there is none.
std::size_t space_at(std::string_view text, std::size_t pos) noexcept;

// Byte length of a word separator at `pos`: whitespace, '-', '_' or a Unicode
// dash (U+2010..U+2015, U+2212, U+FE58, U+FE63, U+FF0D); 0 when there is none.
// The matcher treats these as interchangeable between the words of a phrase.
std::size_t separator_at(std::string_view text, std::size_t pos) noexcept;

// Whether `text` has anything but separators.
bool has_word(std::string_view text) noexcept;

// Byte length of the codepoint starting at `pos` (1 for a stray byte).
std::size_t codepoint_length(std::string_view text, std::size_t pos) noexcept;

// Codepoints in text[from, to): how far apart two columns are.
std::uint32_t codepoints_between(std::string_view text, std::size_t from, std::size_t to) noexcept;

// Letters, digits, '_', '-', '.': what rule names (and so @references) are made of.
bool is_rule_name_char(char c) noexcept;

// Byte offset of the first invalid UTF-8 sequence, or npos when `text` is valid.
std::size_t invalid_utf8_at(std::string_view text) noexcept;

}  // namespace papersieve::rules
