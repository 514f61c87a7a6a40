// Text normalization steps, each usable on its own (DESIGN.md §4).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "papersieve/diagnostic.hpp"
#include "papersieve/paper.hpp"

namespace papersieve {

// Replaces every invalid UTF-8 sequence with U+FFFD; counts replacements.
std::string repair_utf8(std::string_view text, std::size_t* replaced = nullptr);

// Unicode NFC of valid UTF-8 (ASCII passes through untouched).
std::string to_nfc(std::string_view valid_utf8);

// Trims and collapses runs of whitespace (ASCII and Unicode separators) to one space.
std::string collapse_whitespace(std::string_view valid_utf8);

// repair_utf8 + to_nfc + collapse_whitespace: the form every text field is stored in.
std::string clean_text(std::string_view text, std::size_t* replaced = nullptr);

// True when clean_text(text) == text: lets callers skip the copy (one fast pass).
bool is_clean_text(std::string_view text);

// Case-folded, NFC, whitespace-collapsed form used to compare titles.
std::string fold_title(std::string_view clean_title);

// "psv-" + 16 lowercase hex digits of FNV-1a 64 over fold_title(title): stable
// across runs, versions and platforms; used as Paper::id when no arXiv id is known.
std::string title_hash_id(std::string_view clean_title);

// "DualPrompt" for "DualPrompt: Complementary Prompting ...": the part before the
// first ": " when it is one short word; empty otherwise.
std::string short_name_of(std::string_view clean_title);

// Cleans every text field of a raw record in place, fills id and short_name, and
// appends a warning to `notes` for anything repaired.
void normalize_paper(Paper& paper, std::vector<Diagnostic>& notes);

}  // namespace papersieve
