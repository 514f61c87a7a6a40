// The displayed text of a field without a copy where the paper holds it whole.
#pragma once

#include <optional>
#include <string_view>

#include "papersieve/rules.hpp"

namespace papersieve::rules {

// Title, abstract and id as the paper holds them; nullopt for a list field (authors,
// categories, links), whose displayed text displayed_field joins.
std::optional<std::string_view> field_in_place(const Paper& paper, MatchField field);

}  // namespace papersieve::rules
