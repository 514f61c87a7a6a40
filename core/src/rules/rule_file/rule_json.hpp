// JSON reading shared by reading rule files: problems that name where they
// are, key checks that catch typos, and type checks.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "papersieve/rules.hpp"
#include "parse/json_support.hpp"

namespace papersieve::rules {

// Problems for one rule (or, with rule == "", for the file).
struct ProblemSink {
  std::vector<RuleProblem>& problems;
  std::string rule;
  std::size_t count = 0;  // problems added through this sink

  void add(std::string part, std::uint32_t column, std::string message) {
    problems.push_back({rule, std::move(part), column, std::move(message)});
    ++count;
  }
  // "must be a string, found a number"
  void wrong_type(std::string part, std::string_view expected, const rapidjson::Value& found);
};

// Unknown keys (with a did-you-mean) and repeated keys of `object`.
void check_keys(const rapidjson::Value& object, const std::vector<std::string_view>& known,
                ProblemSink& sink);

// The strings of the array `value` named `part`; problems for a non-array,
// non-string elements, more than `max_items`, and strings longer than `max_bytes`.
// Returns the valid elements with their index.
struct Item {
  std::size_t index = 0;
  std::string_view text;
};
std::vector<Item> string_items(const rapidjson::Value& value, const std::string& part,
                               std::size_t max_items, std::size_t max_bytes, ProblemSink& sink);

// "keywords[2]"
std::string item_part(const std::string& part, std::size_t index);

}  // namespace papersieve::rules
