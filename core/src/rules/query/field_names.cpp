// Field names as queries and rule files spell them.
#include <string>

#include "papersieve/rules.hpp"
#include "rules/query/parser.hpp"
#include "rules/query/suggest.hpp"

namespace papersieve {

std::string_view match_field_name(MatchField field) noexcept {
  switch (field) {
    case MatchField::title: return "title";
    case MatchField::abstract: return "abstract";
    case MatchField::text: return "text";
    case MatchField::authors: return "authors";
    case MatchField::id: return "id";
    case MatchField::category: return "category";
    case MatchField::link: return "link";
  }
  return "text";
}

namespace rules {

namespace {

const std::vector<std::string_view>& field_names() {
  // In MatchField order: the index is the enum value.
  static const std::vector<std::string_view> names = {"title", "abstract", "text", "authors",
                                                      "id",    "category", "link"};
  return names;
}

}  // namespace

std::optional<MatchField> match_field_from_name(std::string_view name) {
  for (std::size_t i = 0; i < field_names().size(); ++i)
    if (field_names()[i] == name) return static_cast<MatchField>(i);
  return std::nullopt;
}

std::string unknown_field_message(std::string_view name) {
  std::string message = "unknown field \"" + std::string(name) + "\" (";
  if (const auto guess = closest_name(name, field_names()); !guess.empty())
    message += "did you mean \"" + std::string(guess) + "\"? ";
  message += "fields:";
  for (std::string_view field : field_names()) message += " " + std::string(field);
  return message + ")";
}

std::string unknown_query_field_message(std::string_view name) {
  static const std::vector<std::string_view> conditions = {"published", "updated", "upvotes",
                                                           "announce", "source"};
  std::vector<std::string_view> all = field_names();
  all.insert(all.end(), conditions.begin(), conditions.end());
  std::string message = "unknown field \"" + std::string(name) + "\" (";
  if (const auto guess = closest_name(name, all); !guess.empty())
    message += "did you mean \"" + std::string(guess) + "\"? ";
  message += "fields:";
  for (std::string_view field : field_names()) message += " " + std::string(field);
  message += "; conditions:";
  for (std::string_view field : conditions) message += " " + std::string(field);
  return message + ")";
}

}  // namespace rules

}  // namespace papersieve
