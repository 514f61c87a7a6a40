// The displayed text of a field: what spans index and regexes run over.
#include "rules/displayed_field.hpp"

namespace papersieve {
namespace {

template <class Range, class Get>
std::string joined(const Range& items, const char* separator, Get get) {
  std::string out;
  bool first = true;
  for (const auto& item : items) {
    if (!first) out += separator;
    out += get(item);
    first = false;
  }
  return out;
}

}  // namespace

std::string displayed_field(const Paper& paper, MatchField field) {
  switch (field) {
    case MatchField::title: return paper.title;
    case MatchField::abstract: return paper.abstract;
    case MatchField::text: return paper.title + "\n" + paper.abstract;
    case MatchField::authors:
      return joined(paper.authors, ", ",
                    [](const std::string& s) -> const std::string& { return s; });
    case MatchField::id: return paper.id;
    case MatchField::category:
      return joined(paper.categories, " ",
                    [](const std::string& s) -> const std::string& { return s; });
    case MatchField::link:
      return joined(paper.links, " ", [](const Link& l) -> const std::string& { return l.url; });
  }
  return {};
}

namespace rules {

std::optional<std::string_view> field_in_place(const Paper& paper, MatchField field) {
  switch (field) {
    case MatchField::title: return std::string_view(paper.title);
    case MatchField::abstract: return std::string_view(paper.abstract);
    case MatchField::id: return std::string_view(paper.id);
    default: return std::nullopt;
  }
}

}  // namespace rules
}  // namespace papersieve
