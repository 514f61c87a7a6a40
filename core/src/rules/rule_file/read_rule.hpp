// One rule object of a rule file into a RuleDef.
#pragma once

#include <optional>
#include <vector>

#include "parse/json_support.hpp"
#include "rules/rule_file/rule_file.hpp"

namespace papersieve::rules {

// The rule at rules[index]; nullopt when it has no usable name (its problems
// then name it "rules[3]"). Otherwise its root is null when it has problems.
std::optional<RuleDef> read_rule(const rapidjson::Value& value, std::size_t index,
                                 std::vector<RuleProblem>& problems, const RuleLimits& limits);

}  // namespace papersieve::rules
