// Compiling rules and checking rule files: psv_rules_*, psv_problems_*.
#include <string>
#include <string_view>

#include "capi.hpp"
#include "results.hpp"

using papersieve::RuleProblem;
using papersieve::RuleSet;
namespace capi = papersieve::capi;

namespace {

// Stores a new rule set made from the RuleSet `make` returns in *out, leaving NULL
// there on failure.
template <class Make>
int compile(const char* function, psv_rules** out, Make&& make) noexcept {
  return capi::status_call(function, [&] {
    capi::require(out, "out");
    *out = nullptr;
    *out = new psv_rules{make()};
  });
}

papersieve::RuleLimits to_limits(const psv_rule_options* options) {
  papersieve::RuleLimits limits;
  if (options == nullptr) return limits;
  capi::require_version(options->version, PSV_RULE_OPTIONS_VERSION, "psv_rule_options",
                        "PSV_RULE_OPTIONS_INIT");
  const auto set = [](auto& limit, auto value) {
    if (value != 0) limit = value;
  };
#define PSV_RULE_LIMIT(name, type, value, doc) set(limits.name, options->name);
#include "papersieve/limits.def"
  if (options->version >= 2 && options->now != 0) limits.now = options->now;
  return limits;
}

std::string_view buffer(const char* data, size_t size) {
  if (size > 0) capi::require(data, "json");
  // Never a view with a NULL data(): the core hands it to memchr, where NULL is undefined
  // even for 0 bytes.
  return data != nullptr ? std::string_view(data, size) : std::string_view("", 0);
}

}  // namespace

extern "C" int psv_rules_from_query(psv_rules** out, const char* query) {
  return psv_rules_from_query_opts(out, query, nullptr);
}

extern "C" int psv_rules_from_query_opts(psv_rules** out, const char* query,
                                         const psv_rule_options* options) {
  return compile("psv_rules_from_query", out, [&] {
    capi::require(query, "query");
    return RuleSet::from_query(query, to_limits(options));
  });
}

extern "C" int psv_rules_from_json(psv_rules** out, const char* json, size_t size) {
  return psv_rules_from_json_opts(out, json, size, nullptr);
}

extern "C" int psv_rules_from_json_opts(psv_rules** out, const char* json, size_t size,
                                        const psv_rule_options* options) {
  return compile("psv_rules_from_json", out,
                 [&] { return RuleSet::from_json(buffer(json, size), to_limits(options)); });
}

extern "C" int psv_rules_from_file(psv_rules** out, const char* path) {
  return psv_rules_from_file_opts(out, path, nullptr);
}

extern "C" int psv_rules_from_file_opts(psv_rules** out, const char* path,
                                        const psv_rule_options* options) {
  return compile("psv_rules_from_file", out, [&] {
    capi::require(path, "path");
    return RuleSet::from_file(path, to_limits(options));
  });
}

extern "C" void psv_rules_free(psv_rules* rules) { delete rules; }

extern "C" size_t psv_rules_count(const psv_rules* rules) {
  return rules != nullptr ? rules->rules.rules().size() : 0;
}

extern "C" int psv_rules_rule(psv_rule_info* out, const psv_rules* rules, size_t i) {
  return capi::status_call("psv_rules_rule", [&] {
    capi::require(out, "out");
    capi::require(rules, "rules");
    const auto& infos = rules->rules.rules();
    capi::require_index(i, infos.size(), "rules");
    const RuleSet::RuleInfo& info = infos[i];
    *out = psv_rule_info{info.name.c_str(), info.weight, info.exclude ? 1 : 0, info.require ? 1 : 0,
                         info.tags.size()};
  });
}

extern "C" const char* psv_rules_tag(const psv_rules* rules, size_t i, size_t j, size_t* length) {
  if (length != nullptr) *length = 0;
  return capi::value_call("psv_rules_tag", static_cast<const char*>(nullptr), [&] {
    capi::require(rules, "rules");
    const auto& infos = rules->rules.rules();
    capi::require_index(i, infos.size(), "rules");
    capi::require_index(j, infos[i].tags.size(), "tags");
    const std::string& tag = infos[i].tags[j];
    if (length != nullptr) *length = tag.size();
    return tag.c_str();
  });
}

extern "C" double psv_rules_min_score(const psv_rules* rules) {
  return rules != nullptr ? rules->rules.min_score() : 0.0;
}

extern "C" int psv_rules_top(size_t* out, const psv_rules* rules) {
  bool known = false;
  const int status = capi::status_call("psv_rules_top", [&] {
    capi::require(out, "out");
    capi::require(rules, "rules");
    const auto top = rules->rules.top();
    *out = top.value_or(0);
    known = top.has_value();
  });
  return status == PSV_OK && !known ? PSV_NONE : status;
}

extern "C" int psv_rules_check(psv_problems** out, const char* json, size_t size) {
  return psv_rules_check_opts(out, json, size, nullptr);
}

extern "C" int psv_rules_check_opts(psv_problems** out, const char* json, size_t size,
                                    const psv_rule_options* options) {
  return capi::status_call("psv_rules_check", [&] {
    capi::require(out, "out");
    *out = nullptr;
    auto problems = std::make_unique<psv_problems>();
    problems->problems = RuleSet::check_json(buffer(json, size), to_limits(options));
    problems->descriptions.reserve(problems->problems.size());
    for (const RuleProblem& problem : problems->problems)
      problems->descriptions.push_back(problem.to_string());
    *out = problems.release();
  });
}

extern "C" void psv_problems_free(psv_problems* problems) { delete problems; }

extern "C" size_t psv_problems_count(const psv_problems* problems) {
  return problems != nullptr ? problems->problems.size() : 0;
}

extern "C" int psv_problems_get(psv_problem* out, const psv_problems* problems, size_t i) {
  return capi::status_call("psv_problems_get", [&] {
    capi::require(out, "out");
    capi::require(problems, "problems");
    capi::require_index(i, problems->problems.size(), "problems");
    const RuleProblem& p = problems->problems[i];
    *out = psv_problem{p.rule.c_str(), p.part.c_str(), p.column, p.message.c_str(),
                       problems->descriptions[i].c_str()};
  });
}
