// Recursive descent over the tokens; precedence NOT > AND > OR:
//   or    := and ("OR" and)*
//   and   := unary (["AND"] unary)*          juxtaposition is AND
//   unary := ("NOT" | "-" | field ":") unary | "(" or ")" | term | "@" name
// Depth (groups, negations, field prefixes) is capped at max_query_depth, so
// recursion is bounded whatever the input.
#include "rules/query/parser.hpp"

#include <optional>
#include <utility>

#include "rules/query/ast_build.hpp"
#include "rules/query/characters.hpp"
#include "rules/query/lexer.hpp"

namespace papersieve::rules {

QueryError::QueryError(std::uint32_t column, std::string message)
    : RuleError("column " + std::to_string(column) + ": " + message),
      column_(column),
      message_(std::move(message)) {}

namespace {

using Kind = Node::Kind;

std::string quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

class Parser {
 public:
  Parser(std::vector<Token> tokens, const std::vector<Field>& default_fields, std::size_t max_depth)
      : tokens_(std::move(tokens)), default_fields_(default_fields), max_depth_(max_depth) {}

  NodePtr parse() {
    if (peek().kind == TokenKind::end) throw QueryError(1, "empty query");
    NodePtr root = parse_or(0, std::nullopt);
    if (peek().kind == TokenKind::close) throw QueryError(peek().column, "unbalanced \")\"");
    return root;
  }

 private:
  std::vector<Token> tokens_;
  std::size_t at_ = 0;
  const std::vector<Field>& default_fields_;
  std::size_t max_depth_;

  Token& peek() { return tokens_[at_]; }
  Token& take() { return tokens_[at_++]; }

  NodePtr parse_or(int depth, std::optional<Field> field) {
    std::vector<NodePtr> children;
    children.push_back(parse_and(depth, field, nullptr));
    while (peek().kind == TokenKind::or_op) {
      const Token& op = take();
      children.push_back(parse_and(depth, field, &op));
    }
    return combine(Kind::any_of, std::move(children));
  }

  // `after` is the operator whose right operand this is, for "needs a term" errors.
  NodePtr parse_and(int depth, std::optional<Field> field, const Token* after) {
    std::vector<NodePtr> children;
    children.push_back(parse_unary(depth, field, after));
    for (;;) {
      const TokenKind kind = peek().kind;
      if (kind == TokenKind::and_op) {
        const Token& op = take();
        children.push_back(parse_unary(depth, field, &op));
      } else if (kind != TokenKind::or_op && kind != TokenKind::close && kind != TokenKind::end) {
        children.push_back(parse_unary(depth, field, nullptr));
      } else {
        break;
      }
    }
    return combine(Kind::all_of, std::move(children));
  }

  NodePtr parse_unary(int depth, std::optional<Field> field, const Token* after) {
    Token& token = peek();
    switch (token.kind) {
      case TokenKind::end:
      case TokenKind::close:
        if (after) throw QueryError(after->column, quoted(after->text) + " needs a term after it");
        throw QueryError(token.column, "expected a term");
      case TokenKind::and_op:
      case TokenKind::or_op:
        throw QueryError(token.column, quoted(token.text) + " needs a term before it");
      case TokenKind::not_op:
      case TokenKind::minus: return negation(depth, field);
      case TokenKind::field: {
        const Token& prefix = take();
        check_depth(depth, prefix);
        return parse_unary(depth + 1, prefix.field, &prefix);
      }
      case TokenKind::open: return group(depth, field);
      case TokenKind::term: return term(std::move(take().term), field);
      case TokenKind::rule_ref: {
        auto node = std::make_unique<Node>();
        node->kind = Kind::rule_ref;
        node->column = token.column;
        node->rule_name = std::move(take().text);
        return node;
      }
    }
    throw QueryError(token.column, "unexpected token");
  }

  NodePtr negation(int depth, std::optional<Field> field) {
    Token& op = take();
    if (op.kind == TokenKind::minus) op.text = "-";
    check_depth(depth, op);
    auto node = std::make_unique<Node>();
    node->kind = Kind::negation;
    node->column = op.column;
    node->children.push_back(parse_unary(depth + 1, field, &op));
    return node;
  }

  NodePtr group(int depth, std::optional<Field> field) {
    const Token& open = take();
    check_depth(depth, open);
    if (peek().kind == TokenKind::close) throw QueryError(open.column, "empty group \"()\"");
    if (peek().kind == TokenKind::end) throw QueryError(open.column, "unbalanced \"(\"");
    NodePtr inner = parse_or(depth + 1, field);
    if (peek().kind != TokenKind::close) throw QueryError(open.column, "unbalanced \"(\"");
    take();
    return inner;
  }

  // A term without a field prefix looks in the default fields (OR over several).
  NodePtr term(Term term, std::optional<Field> field) {
    if (term.kind == TermKind::condition) return term_node(std::move(term));  // not text
    if (!field) return term_in_fields(std::move(term), default_fields_);
    term.field = *field;
    return term_node(std::move(term));
  }

  void check_depth(int depth, const Token& token) const {
    if (static_cast<std::size_t>(depth) + 1 > max_depth_)
      throw QueryError(token.column,
                       "query nested deeper than " + std::to_string(max_depth_) + " levels");
  }
};

}  // namespace

NodePtr parse_query(std::string_view query, const std::vector<Field>& default_fields,
                    const RuleLimits& limits) {
  const std::size_t max_bytes = limits.max_query_bytes;
  if (query.size() > max_bytes)
    throw QueryError(codepoints_between(query, 0, max_bytes) + 1,
                     "query longer than " + std::to_string(max_bytes) + " bytes");
  if (const std::size_t bad = invalid_utf8_at(query); bad != std::string_view::npos)
    throw QueryError(codepoints_between(query, 0, bad) + 1, "invalid UTF-8");
  return Parser(tokenize(query), default_fields, limits.max_query_depth).parse();
}

NodePtr parse_query(std::string_view query, const std::vector<Field>& default_fields) {
  return parse_query(query, default_fields, RuleLimits{});
}

NodePtr parse_query(std::string_view query) { return parse_query(query, {}); }

}  // namespace papersieve::rules
