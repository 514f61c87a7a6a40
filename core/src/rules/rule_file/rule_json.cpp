#include "rules/rule_file/rule_json.hpp"

#include <unordered_set>

#include "rules/query/suggest.hpp"

namespace papersieve::rules {

void ProblemSink::wrong_type(std::string part, std::string_view expected,
                             const rapidjson::Value& found) {
  add(std::move(part), 0,
      "must be " + std::string(expected) + ", found " + std::string(detail::json_type_name(found)));
}

void check_keys(const rapidjson::Value& object, const std::vector<std::string_view>& known,
                ProblemSink& sink) {
  std::unordered_set<std::string_view> seen;
  for (const auto& member : object.GetObject()) {
    const std::string_view key = detail::view_of(member.name);
    const std::string shown = "\"" + std::string(key) + "\"";
    if (!seen.insert(key).second) {
      sink.add("", 0, "duplicate key " + shown);
      continue;
    }
    bool is_known = false;
    for (std::string_view k : known) is_known = is_known || k == key;
    if (is_known) continue;
    std::string message = "unknown key " + shown;
    if (const auto guess = closest_name(key, known); !guess.empty())
      message += " (did you mean \"" + std::string(guess) + "\"?)";
    sink.add("", 0, std::move(message));
  }
}

std::string item_part(const std::string& part, std::size_t index) {
  return part + "[" + std::to_string(index) + "]";
}

std::vector<Item> string_items(const rapidjson::Value& value, const std::string& part,
                               std::size_t max_items, std::size_t max_bytes, ProblemSink& sink) {
  std::vector<Item> items;
  if (!value.IsArray()) {
    sink.wrong_type(part, "an array of strings", value);
    return items;
  }
  if (value.Size() > max_items) {
    sink.add(part, 0,
             "has " + std::to_string(value.Size()) + " items; the limit is " +
                 std::to_string(max_items));
    return items;
  }
  for (rapidjson::SizeType i = 0; i < value.Size(); ++i) {
    const rapidjson::Value& element = value[i];
    if (!element.IsString()) {
      sink.wrong_type(item_part(part, i), "a string", element);
    } else if (element.GetStringLength() > max_bytes) {
      sink.add(item_part(part, i), 0,
               "is " + std::to_string(element.GetStringLength()) + " bytes long; the limit is " +
                   std::to_string(max_bytes));
    } else {
      items.push_back({i, detail::view_of(element)});
    }
  }
  return items;
}

}  // namespace papersieve::rules
