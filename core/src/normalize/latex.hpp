// The TeX renderer without its markup check, for callers that made it already.
#pragma once

#include <string>
#include <string_view>

#include "papersieve/normalize.hpp"

namespace papersieve {

// clean_latex(text, unknown_macros) for a text has_latex_markup said holds markup.
std::string render_latex_markup(std::string_view text, MacroCounts* unknown_macros);

}  // namespace papersieve
