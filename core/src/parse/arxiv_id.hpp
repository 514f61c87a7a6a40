// arXiv identifiers as records write them.
#pragma once

#include <optional>
#include <string_view>

#include "papersieve/normalize.hpp"

namespace papersieve::detail {

// "0704.0001", "2406.01234v2", "hep-th/9901001", "math.AG/0601001v1", with an
// optional "arXiv:" prefix -> id without version, and the version (0 when
// none). The same forms arxiv_ref_from_url accepts inside URLs. nullopt for
// any other text.
std::optional<ArxivRef> parse_arxiv_id(std::string_view text);

}  // namespace papersieve::detail
