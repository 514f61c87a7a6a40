// Splits a query into tokens. Terms come out complete (word, prefix, phrase,
// exact, regex), so the parser only sees structure.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "rules/query/ast.hpp"

namespace papersieve::rules {

enum class TokenKind : std::uint8_t {
  end,
  open,   // (
  close,  // )
  minus,  // - directly before an operand: negation
  and_op,
  or_op,
  not_op,
  field,     // title:  (directly followed by its operand)
  term,      // word, prefix, phrase, exact or regex
  rule_ref,  // @name
};

struct Token {
  TokenKind kind = TokenKind::end;
  std::uint32_t column = 0;   // 1-based codepoint column of the token's first character
  Term term;                  // term
  std::string text;           // rule_ref: the name; field and operators: as written
  Field field = Field::text;  // field
};

// All tokens of `query`, ending with one `end` token; throws QueryError.
// `query` must be valid UTF-8.
std::vector<Token> tokenize(std::string_view query);

}  // namespace papersieve::rules
