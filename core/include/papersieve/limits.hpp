// The engine's limits as a table, reflected from their one declaration (limits.def), for
// the layers that list them by name: the C ABI, Python and the command line.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace papersieve {

// What a limit bounds: reading inputs (ParseOptions) or compiling rules (RuleLimits).
enum class LimitScope { parse, rules };

struct LimitInfo {
  std::string_view name;  // the field of ParseOptions or RuleLimits
  LimitScope scope;
  std::int64_t default_value;
  std::string_view doc;  // one line
};

// Every limit in declaration order: the parse limits, then the rule limits.
inline constexpr LimitInfo kLimits[] = {
#define PSV_PARSE_LIMIT(name, type, value, doc) \
  {#name, LimitScope::parse, static_cast<std::int64_t>(value), doc},
#define PSV_RULE_LIMIT(name, type, value, doc) \
  {#name, LimitScope::rules, static_cast<std::int64_t>(value), doc},
#include "papersieve/limits.def"
};

std::string_view limit_scope_name(LimitScope scope) noexcept;  // "parse" or "rules"

}  // namespace papersieve
