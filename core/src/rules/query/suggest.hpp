// "did you mean ...?" for misspelt keys and field names.
#pragma once

#include <string_view>
#include <vector>

namespace papersieve::rules {

// The candidate closest to `name` (ASCII case-insensitive edit distance, a swap
// of neighbours counting one), or "" when none is close enough to be a typo.
std::string_view closest_name(std::string_view name,
                              const std::vector<std::string_view>& candidates);

}  // namespace papersieve::rules
