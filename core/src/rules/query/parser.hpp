// The query language (docs/design.md, "Rules"; docs/rules.md has the full grammar):
//   diffusion  prompt*  "text to image"  "diffusion model*"  text-to-image  =CLIP
//   /optimi[sz]ation/i  title:(survey OR review)  a b  a AND b  a OR b  -a  NOT a  ( )  @rule
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "papersieve/error.hpp"
#include "rules/query/ast.hpp"

namespace papersieve::rules {

// Default limits (RuleLimits): a query longer than this many bytes, or nested
// deeper than this many levels (parentheses, NOT, '-' and field prefixes each
// count one), is an error. Parsing is recursive, so the depth limit is what
// bounds the stack.
constexpr std::size_t kMaxQueryBytes = RuleLimits{}.max_query_bytes;
constexpr std::size_t kMaxQueryDepth = RuleLimits{}.max_query_depth;

// A query that cannot be parsed: where (1-based codepoint column) and why.
class QueryError : public RuleError {
 public:
  QueryError(std::uint32_t column, std::string message);
  std::uint32_t column() const noexcept { return column_; }
  // Without the column: "unbalanced \"(\"".
  const std::string& message() const noexcept { return message_; }

 private:
  std::uint32_t column_;
  std::string message_;
};

// The query as a tree; throws QueryError. Terms without a field prefix look in
// `default_fields`: one field is set on the term, several make an OR of the
// term over each (empty: `text`). @rule references are left unresolved.
NodePtr parse_query(std::string_view query);
NodePtr parse_query(std::string_view query, const std::vector<Field>& default_fields);
// With limits other than the defaults (max_query_bytes and max_query_depth).
NodePtr parse_query(std::string_view query, const std::vector<Field>& default_fields,
                    const RuleLimits& limits);

// The term for literal text: a word, a prefix (trailing '*'), or a phrase when
// separators (space, '-', '_', Unicode dashes) split it into several words; the
// last word may end in '*'. A phrase's text is its words joined by one space.
// `column` is the column of raw[0]; throws QueryError with `if_empty` when
// there is no word in `raw`.
Term text_term(std::string_view raw, std::uint32_t column, std::string_view if_empty);

// "title" -> MatchField::title; nullopt for a name that is not a field (exact, lowercase).
std::optional<MatchField> match_field_from_name(std::string_view name);

// "unknown field \"titel\" (did you mean \"title\"? fields: title, abstract, ...)"
std::string unknown_field_message(std::string_view name);
// The same in a query, where the condition fields (published, upvotes, ...) are names too.
std::string unknown_query_field_message(std::string_view name);

// Compact one-line form for tests and explanations:
// AND(word:a, OR(title:phrase:"text to image", NOT(prefix:prompt*)), @other)
std::string to_debug_string(const Node& node);

}  // namespace papersieve::rules
