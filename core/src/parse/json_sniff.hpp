// Tells the JSON formats apart from the first bytes of the input.
#pragma once

#include <optional>
#include <string_view>

#include "papersieve/format.hpp"

namespace papersieve::detail {

// `head` starts at the input's first non-blank byte (after any BOM). nullopt
// when it does not start like a JSON object or array. Looks at the keys of the
// first object (or of a root array's first element) and at what follows it:
//   an object, then a line starting with '{'   -> arxiv-jsonl (snapshot keys) or jsonl
//   an array whose first item has "paper", or "summary" with "upvotes" or
//   "publishedAt"; an object with those keys   -> hf-json
//   any other array, or a pretty-printed object -> json
// Before all that, keys that only one scholarly source uses anywhere in the
// first record pick it: crossref, biorxiv, openalex, semantic-scholar,
// zotero-json, csl-json (docs/formats.md, "Detection").
std::optional<Format> detect_json_format(std::string_view head);

// True when the input (BOM and blanks allowed first) starts like JSON lines:
// an object, then a line starting with '{'; or one object that goes on past
// the head without a line break.
bool json_lines_layout(std::string_view input);

}  // namespace papersieve::detail
