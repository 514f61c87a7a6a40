// The rule file as a whole: JSON syntax, top-level keys, the rules, unique
// names and @references. Problems are collected; none stops the others.
#include "rules/rule_file/rule_file.hpp"

#include <cmath>
#include <cstring>
#include <unordered_map>

#include "rules/query/characters.hpp"
#include "rules/query/parser.hpp"
#include "rules/rule_file/read_rule.hpp"
#include "rules/rule_file/rule_json.hpp"

namespace papersieve::rules {

namespace {

const std::vector<std::string_view> kTopKeys = {"rules", "min_score", "top", "keyword_overlaps"};

// "line 3 column 7" of byte `offset` (columns in codepoints).
std::string line_column(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  std::size_t line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return "line " + std::to_string(line) + " column " +
         std::to_string(codepoints_between(text, line_start, offset) + 1);
}

// Parses `json` into `doc`; false with a problem when it is not JSON.
bool parse_json(std::string_view json, std::string& buffer, rapidjson::Document& doc,
                ProblemSink& sink, std::size_t max_bytes) {
  if (json.size() > max_bytes) {
    sink.add("", 0,
             "rule file is " + std::to_string(json.size()) + " bytes long; the limit is " +
                 std::to_string(max_bytes));
    return false;
  }
  // An empty view may have a null data(), which memchr must not see.
  if (const void* nul = json.empty() ? nullptr : std::memchr(json.data(), '\0', json.size())) {
    const auto offset = static_cast<std::size_t>(static_cast<const char*>(nul) - json.data());
    sink.add("", 0, line_column(json, offset) + ": NUL byte (a rule file is text)");
    return false;
  }
  constexpr unsigned kFlags = detail::kJsonParseFlags | rapidjson::kParseValidateEncodingFlag;
  doc.ParseInsitu<kFlags>(detail::copy_for_insitu(json, buffer));
  if (!doc.HasParseError()) return true;
  // In situ parsing rewrote the buffer behind the error: count on the original.
  sink.add("", 0,
           line_column(json, doc.GetErrorOffset()) + ": " +
               rapidjson::GetParseError_En(doc.GetParseError()));
  return false;
}

void read_min_score(const rapidjson::Value& root, RuleFile& file, ProblemSink& sink) {
  const rapidjson::Value* value = detail::member_or_null(root, "min_score");
  if (!value) return;
  if (!value->IsNumber()) return sink.wrong_type("min_score", "a number", *value);
  const double min_score = value->GetDouble();
  if (!std::isfinite(min_score) || std::fabs(min_score) > kMaxWeight)
    return sink.add("min_score", 0, "must be a finite number between -1e9 and 1e9");
  file.min_score = min_score;
}

void read_keyword_overlaps(const rapidjson::Value& root, RuleFile& file, ProblemSink& sink) {
  const rapidjson::Value* value = detail::member_or_null(root, "keyword_overlaps");
  if (value == nullptr) return;
  const std::string_view text =
      value->IsString() ? std::string_view(value->GetString(), value->GetStringLength()) : "";
  if (text == "all") return;
  if (text == "leftmost-longest") {
    file.leftmost_longest = true;
    return;
  }
  sink.add("keyword_overlaps", 0, "must be \"all\" (the default) or \"leftmost-longest\"");
}

void read_top(const rapidjson::Value& root, RuleFile& file, ProblemSink& sink) {
  const rapidjson::Value* value = detail::member_or_null(root, "top");
  if (!value) return;
  if (!value->IsNumber()) return sink.wrong_type("top", "a positive integer", *value);
  if (!value->IsUint64() || value->GetUint64() == 0)
    return sink.add("top", 0, "must be a positive integer");
  file.top = static_cast<std::size_t>(value->GetUint64());
}

// Compiles each rule; a repeated name is a problem and only the first is kept.
void read_rules(const rapidjson::Value& root, RuleFile& file, ProblemSink& sink,
                const RuleLimits& limits) {
  const rapidjson::Value* rules = detail::member_or_null(root, "rules");
  if (!rules) return sink.add("", 0, "missing \"rules\": a rule file needs a list of rules");
  if (!rules->IsArray()) return sink.wrong_type("rules", "an array of rules", *rules);
  if (rules->Size() > limits.max_rules)
    return sink.add("rules", 0,
                    "has " + std::to_string(rules->Size()) + " rules; the limit is " +
                        std::to_string(limits.max_rules));
  std::unordered_map<std::string, std::size_t> first_index;
  for (rapidjson::SizeType i = 0; i < rules->Size(); ++i) {
    std::optional<RuleDef> rule = read_rule((*rules)[i], i, sink.problems, limits);
    if (!rule) continue;
    const auto [it, fresh] = first_index.emplace(rule->name, i);
    if (!fresh) {
      sink.problems.push_back(
          {rule->name, "name", 0,
           "duplicate: rules[" + std::to_string(it->second) + "] has the same name"});
      continue;
    }
    file.rules.push_back(std::move(*rule));
  }
}

}  // namespace

RuleFile read_rule_file(std::string_view json, std::vector<RuleProblem>& problems,
                        const RuleLimits& limits) {
  RuleFile file;
  ProblemSink sink{problems, ""};
  std::string buffer;
  rapidjson::Document doc;
  if (!parse_json(json, buffer, doc, sink, limits.max_rule_file_bytes)) return file;
  if (!doc.IsObject()) {
    sink.add("", 0,
             "a rule file must be a JSON object {\"rules\": [...]}, found " +
                 std::string(detail::json_type_name(doc)));
    return file;
  }
  check_keys(doc, kTopKeys, sink);
  read_rules(doc, file, sink, limits);
  read_min_score(doc, file, sink);
  read_top(doc, file, sink);
  read_keyword_overlaps(doc, file, sink);
  check_references(file.rules, problems);
  return file;
}

RuleDef rule_from_query(std::string_view query, std::string name,
                        std::vector<RuleProblem>& problems, const RuleLimits& limits) {
  RuleDef rule;
  rule.name = std::move(name);
  try {
    rule.root = parse_query(query, {}, limits);
  } catch (const QueryError& e) {
    problems.push_back({rule.name, "query", e.column(), e.message()});
  }
  return rule;
}

}  // namespace papersieve::rules
