// RIS tag lines and the mapping of one record's tags onto a raw Paper
// (docs/formats.md, "Input: ris").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "papersieve/paper.hpp"
#include "parse/record_emitter.hpp"

namespace papersieve::detail {

struct RisTag {
  std::string_view tag;  // two characters: "TY", "A1", ...
  std::string_view value;
};

// "AU  - Smith, J." -> {"AU", "Smith, J."}: a capital letter, a capital or digit,
// one or two spaces, '-', then a space (or the end of the line). nullopt otherwise.
std::optional<RisTag> split_ris_tag(std::string_view line);

struct RisField {
  std::string tag;
  std::string value;  // continuation lines joined with '\n'
};

// The paper of one record's fields (TY first, ER not included); rejected in
// `report` when it has no title.
Paper paper_from_ris(const std::vector<RisField>& fields, RecordReport& report);

}  // namespace papersieve::detail
