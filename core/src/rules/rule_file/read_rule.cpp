// A rule is any-of its query, its keywords and its regexes; `fields` is where
// keywords, regexes and field-less query terms look.
#include "rules/rule_file/read_rule.hpp"

#include <cmath>
#include <stdexcept>

#include "rules/compile/regex_term.hpp"
#include "rules/query/ast_build.hpp"
#include "rules/query/characters.hpp"
#include "rules/query/parser.hpp"
#include "rules/rule_file/rule_json.hpp"

namespace papersieve::rules {

namespace {

const std::vector<std::string_view> kRuleKeys = {"name",   "query", "keywords", "regex",  "fields",
                                                 "weight", "tags",  "exclude",  "require"};

std::string rule_id(std::size_t index) { return "rules[" + std::to_string(index) + "]"; }

// The rule's name, or "" (with a problem) when it has none usable.
std::string read_name(const rapidjson::Value& rule, ProblemSink& sink) {
  const rapidjson::Value* value = detail::member_or_null(rule, "name");
  if (!value) return sink.add("name", 0, "missing: every rule needs a name"), "";
  if (!value->IsString()) return sink.wrong_type("name", "a string", *value), "";
  const std::string_view name = detail::view_of(*value);
  if (name.empty()) return sink.add("name", 0, "must not be empty"), "";
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (is_rule_name_char(name[i])) continue;
    const std::string bad(name.substr(i, codepoint_length(name, i)));
    sink.add("name", codepoints_between(name, 0, i) + 1,
             "invalid character \"" + bad + "\" (names use letters, digits, _ - .)");
    return "";
  }
  return std::string(name);
}

std::vector<Field> read_fields(const rapidjson::Value& rule, ProblemSink& sink) {
  std::vector<Field> fields;
  const rapidjson::Value* value = detail::member_or_null(rule, "fields");
  if (!value) return fields;
  for (const Item& item : string_items(*value, "fields", 16, 64, sink)) {
    if (const auto field = match_field_from_name(item.text))
      fields.push_back(*field);
    else
      sink.add(item_part("fields", item.index), 0, unknown_field_message(item.text));
  }
  if (value->IsArray() && value->Size() == 0) sink.add("fields", 0, "must not be empty");
  return fields;
}

NodePtr read_query(const rapidjson::Value& value, const std::vector<Field>& fields,
                   const RuleLimits& limits, ProblemSink& sink) {
  if (!value.IsString()) return sink.wrong_type("query", "a string", value), nullptr;
  try {
    return parse_query(detail::view_of(value), fields, limits);
  } catch (const QueryError& e) {
    sink.add("query", e.column(), e.message());
    return nullptr;
  }
}

// A keyword is literal text: words, a trailing '*', or "=Word" for one exact word.
Term keyword_term(std::string_view keyword) {
  if (keyword.empty() || keyword[0] != '=') return text_term(keyword, 1, "empty keyword");
  const std::string_view word = keyword.substr(1);
  if (word.empty()) throw QueryError(1, "\"=\" needs a word after it");
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (word[i] == '*' || space_at(word, i) > 0)
      throw QueryError(codepoints_between(word, 0, i) + 2,
                       "an exact keyword (=Word) is one word without \"*\"");
  }
  Term term;
  term.kind = TermKind::exact;
  term.text = std::string(word);
  term.column = 1;
  return term;
}

void read_keywords(const rapidjson::Value& value, const std::vector<Field>& fields,
                   const RuleLimits& limits, std::vector<NodePtr>& out, ProblemSink& sink) {
  const auto items =
      string_items(value, "keywords", limits.max_patterns_per_rule, limits.max_pattern_bytes, sink);
  for (const Item& item : items) {
    try {
      out.push_back(term_in_fields(keyword_term(item.text), fields));
    } catch (const QueryError& e) {
      sink.add(item_part("keywords", item.index), e.column(), e.message());
    }
  }
  if (value.IsArray() && value.Size() == 0) sink.add("keywords", 0, "must not be empty");
}

// The 1-based column of RE2's offending fragment (RE2::error_arg) in `pattern`; 0 when
// RE2 names none or it is not found.
std::uint32_t regex_error_column(const Term& term) {
  const RE2 re(term.text, RE2::Quiet);
  const std::string& arg = re.error_arg();
  const std::size_t at = arg.empty() ? std::string::npos : term.text.find(arg);
  return at == std::string::npos ? 0 : codepoints_between(term.text, 0, at) + 1;
}

// Plain RE2 patterns; flags go inline, as in (?i)dpo. Each is compiled here, so that a bad
// one is a problem naming its list entry (regex[2]), with RE2's error and where it is.
void read_regexes(const rapidjson::Value& value, const std::vector<Field>& fields,
                  const RuleLimits& limits, std::vector<NodePtr>& out, ProblemSink& sink) {
  const auto items =
      string_items(value, "regex", limits.max_patterns_per_rule, limits.max_pattern_bytes, sink);
  for (const Item& item : items) {
    if (item.text.empty()) {
      sink.add(item_part("regex", item.index), 0, "empty pattern");
      continue;
    }
    Term term;
    term.kind = TermKind::regex;
    term.text = std::string(item.text);
    term.column = 1;
    try {
      compile_regex(term, limits.regex_max_mem);
    } catch (const std::invalid_argument& e) {
      sink.add(item_part("regex", item.index), regex_error_column(term), e.what());
      continue;
    }
    out.push_back(term_in_fields(std::move(term), fields));
  }
  if (value.IsArray() && value.Size() == 0) sink.add("regex", 0, "must not be empty");
}

void read_weight(const rapidjson::Value& rule, RuleDef& def, ProblemSink& sink) {
  const rapidjson::Value* value = detail::member_or_null(rule, "weight");
  if (!value) return;
  if (!value->IsNumber()) return sink.wrong_type("weight", "a finite number", *value);
  const double weight = value->GetDouble();
  if (!std::isfinite(weight) || std::fabs(weight) > kMaxWeight)
    return sink.add("weight", 0, "must be a finite number between -1e9 and 1e9");
  def.weight = weight;
}

bool read_bool(const rapidjson::Value& rule, const char* key, ProblemSink& sink) {
  const rapidjson::Value* value = detail::member_or_null(rule, key);
  if (!value) return false;
  if (!value->IsBool()) return sink.wrong_type(key, "true or false", *value), false;
  return value->GetBool();
}

void read_tags(const rapidjson::Value& rule, RuleDef& def, const RuleLimits& limits,
               ProblemSink& sink) {
  const rapidjson::Value* value = detail::member_or_null(rule, "tags");
  if (!value) return;
  for (const Item& item :
       string_items(*value, "tags", limits.max_patterns_per_rule, limits.max_pattern_bytes, sink))
    def.tags.emplace_back(item.text);
}

// The any-of of query, keywords and regexes; null when the rule has none.
NodePtr read_matchers(const rapidjson::Value& rule, const std::vector<Field>& fields,
                      const RuleLimits& limits, ProblemSink& sink) {
  std::vector<NodePtr> parts;
  const rapidjson::Value* query = detail::member_or_null(rule, "query");
  const rapidjson::Value* keywords = detail::member_or_null(rule, "keywords");
  const rapidjson::Value* regex = detail::member_or_null(rule, "regex");
  if (!query && !keywords && !regex) {
    sink.add("", 0, "needs a \"query\", \"keywords\" or \"regex\"");
    return nullptr;
  }
  if (query)
    if (NodePtr node = read_query(*query, fields, limits, sink)) parts.push_back(std::move(node));
  if (keywords) read_keywords(*keywords, fields, limits, parts, sink);
  if (regex) read_regexes(*regex, fields, limits, parts, sink);
  if (parts.empty()) return nullptr;
  return combine(Node::Kind::any_of, std::move(parts));
}

}  // namespace

std::optional<RuleDef> read_rule(const rapidjson::Value& value, std::size_t index,
                                 std::vector<RuleProblem>& problems, const RuleLimits& limits) {
  ProblemSink sink{problems, rule_id(index)};
  if (!value.IsObject()) return sink.wrong_type("", "an object", value), std::nullopt;
  RuleDef def;
  def.name = read_name(value, sink);
  if (!def.name.empty()) sink.rule = def.name;
  check_keys(value, kRuleKeys, sink);
  const std::vector<Field> fields = read_fields(value, sink);
  NodePtr root = read_matchers(value, fields, limits, sink);
  read_weight(value, def, sink);
  read_tags(value, def, limits, sink);
  def.exclude = read_bool(value, "exclude", sink);
  def.require = read_bool(value, "require", sink);
  if (def.exclude && def.require)
    sink.add("", 0, "a rule cannot be both \"exclude\" and \"require\"");
  if (sink.count == 0) def.root = std::move(root);
  if (def.name.empty()) return std::nullopt;
  return def;
}

}  // namespace papersieve::rules
