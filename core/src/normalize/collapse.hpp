// Whitespace collapsing where the text already lies (papersieve::collapse_whitespace makes a
// copy): the normalizer's fields are rewritten without a second buffer.
#pragma once

#include <string>

namespace papersieve::detail {

// collapse_whitespace(text), written over `text` itself; true when that changed it.
bool collapse_whitespace_in_place(std::string& text);

}  // namespace papersieve::detail
