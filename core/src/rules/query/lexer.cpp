// Token rules (docs/rules.md): tokens are separated by whitespace; '(' ')' '"'
// also end a bare token. A bare token is a maximal run of other characters, so
// `C++`, `.NET` and `a/b` are single words, and `GPT-4o` is one token that the
// separators inside make the phrase [GPT, 4o]. Only a LEADING '-' negates.
#include "rules/query/lexer.hpp"

#include <cctype>

#include "rules/query/characters.hpp"
#include "rules/query/condition.hpp"
#include "rules/query/parser.hpp"

namespace papersieve::rules {

namespace {

std::string quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

class Lexer {
 public:
  explicit Lexer(std::string_view query) : q_(query) {}

  std::vector<Token> run() {
    std::vector<Token> tokens;
    for (;;) {
      skip_spaces();
      tokens.push_back(next());
      if (tokens.back().kind == TokenKind::end) return tokens;
    }
  }

 private:
  std::string_view q_;
  std::size_t pos_ = 0;
  bool after_field_ = false;  // the token right after `field:` is its operand
  mutable std::size_t mark_pos_ = 0;
  mutable std::uint32_t mark_column_ = 1;

  // Columns are asked for in (nearly) increasing positions: counting on from
  // the last one keeps a long query linear.
  std::uint32_t column(std::size_t pos) const {
    if (pos < mark_pos_) {
      mark_pos_ = 0;
      mark_column_ = 1;
    }
    mark_column_ += codepoints_between(q_, mark_pos_, pos);
    mark_pos_ = pos;
    return mark_column_;
  }
  bool at_end(std::size_t pos) const { return pos >= q_.size(); }

  // A character that ends a bare token.
  bool delimiter_at(std::size_t pos) const {
    return at_end(pos) || q_[pos] == '(' || q_[pos] == ')' || q_[pos] == '"' ||
           space_at(q_, pos) > 0;
  }

  // '(' and '"' end a bare token but can start the operand of '-' or `field:`.
  bool opens_operand(std::size_t pos) const {
    return !at_end(pos) && (q_[pos] == '(' || q_[pos] == '"');
  }

  void skip_spaces() {
    while (std::size_t n = space_at(q_, pos_)) pos_ += n;
  }

  std::size_t bare_end(std::size_t from) const {
    while (!delimiter_at(from)) from += codepoint_length(q_, from);
    return from;
  }

  Token make(TokenKind kind, std::size_t start) const {
    Token token;
    token.kind = kind;
    token.column = column(start);
    return token;
  }

  Token next() {
    const bool operand_of_field = after_field_;
    after_field_ = false;
    if (at_end(pos_)) return make(TokenKind::end, pos_);
    switch (q_[pos_]) {
      case '(': return make(TokenKind::open, pos_++);
      case ')': return make(TokenKind::close, pos_++);
      case '"': return phrase();
      case '/': return regex();
      case '-': return minus();
      case '@': return rule_ref();
      case '=': return exact();
      default: return bare(operand_of_field);
    }
  }

  Token phrase() {
    const std::size_t start = pos_;
    const std::size_t close = q_.find('"', start + 1);
    if (close == std::string_view::npos)
      throw QueryError(column(start), "unterminated phrase: no closing '\"'");
    Token token = make(TokenKind::term, start);
    const std::string_view inside = q_.substr(start + 1, close - start - 1);
    if (!has_word(inside)) throw QueryError(token.column, "empty phrase \"\"");
    token.term = text_term(inside, column(start + 1), "empty phrase \"\"");
    token.term.column = token.column;
    pos_ = close + 1;
    return token;
  }

  Token regex() {
    const std::size_t start = pos_;
    Token token = make(TokenKind::term, start);
    Term& term = token.term;
    term.kind = TermKind::regex;
    term.column = token.column;
    std::size_t pos = start + 1;
    for (;; ++pos) {
      if (at_end(pos)) throw QueryError(token.column, "unterminated regex: no closing '/'");
      if (q_[pos] == '/') break;
      if (q_[pos] == '\\' && pos + 1 < q_.size()) {
        // \/ is a slash in the pattern; every other escape is RE2's.
        if (q_[pos + 1] != '/') term.text += '\\';
        term.text += q_[++pos];
        continue;
      }
      term.text += q_[pos];
    }
    if (term.text.empty()) throw QueryError(token.column, "empty regex \"//\"");
    pos_ = regex_flags(pos + 1, term);
    return token;
  }

  std::size_t regex_flags(std::size_t pos, Term& term) const {
    for (; !delimiter_at(pos); ++pos) {
      switch (q_[pos]) {
        case 'i': term.case_insensitive = true; break;
        case 'm': term.multi_line = true; break;
        case 's': term.dot_all = true; break;
        default:
          throw QueryError(column(pos), "bad regex flag " +
                                            quoted(q_.substr(pos, codepoint_length(q_, pos))) +
                                            " (flags: i m s)");
      }
    }
    return pos;
  }

  Token minus() {
    if (delimiter_at(pos_ + 1) && !opens_operand(pos_ + 1))
      throw QueryError(column(pos_), "lone \"-\": write -word or -(...) to exclude");
    return make(TokenKind::minus, pos_++);
  }

  Token rule_ref() {
    Token token = make(TokenKind::rule_ref, pos_);
    std::size_t pos = pos_ + 1;
    while (!at_end(pos) && is_rule_name_char(q_[pos])) ++pos;
    if (pos == pos_ + 1 && delimiter_at(pos))
      throw QueryError(token.column, "\"@\" needs a rule name after it");
    if (!delimiter_at(pos))
      throw QueryError(column(pos), "invalid character " +
                                        quoted(q_.substr(pos, codepoint_length(q_, pos))) +
                                        " in a rule name (letters, digits, _ - .)");
    token.text = std::string(q_.substr(pos_ + 1, pos - pos_ - 1));
    pos_ = pos;
    return token;
  }

  Token exact() {
    Token token = make(TokenKind::term, pos_);
    const std::size_t end = bare_end(pos_ + 1);
    if (end == pos_ + 1) throw QueryError(token.column, "\"=\" needs a word after it");
    const std::string_view text = q_.substr(pos_ + 1, end - pos_ - 1);
    if (const auto star = text.find('*'); star != std::string_view::npos)
      throw QueryError(column(pos_ + 1 + star), "an exact term (=word) cannot contain \"*\"");
    token.term.kind = TermKind::exact;
    token.term.text = std::string(text);
    token.term.column = token.column;
    pos_ = end;
    return token;
  }

  Token bare(bool operand_of_field) {
    const std::size_t start = pos_;
    const std::size_t end = bare_end(start);
    const std::string_view text = q_.substr(start, end - start);
    if (!operand_of_field) {
      if (text == "AND") return op(TokenKind::and_op, end);
      if (text == "OR") return op(TokenKind::or_op, end);
      if (text == "NOT") return op(TokenKind::not_op, end);
      if (const std::size_t colon = field_colon(text)) {
        if (auto condition = condition_field(text.substr(0, colon)))
          return this->condition(*condition, colon);
        return field(text.substr(0, colon));
      }
    }
    Token token = make(TokenKind::term, start);
    token.term = text_term(text, token.column, "no word in " + quoted(text));
    pos_ = end;
    return token;
  }

  Token op(TokenKind kind, std::size_t end) {
    Token token = make(kind, pos_);
    token.text = std::string(q_.substr(pos_, end - pos_));
    pos_ = end;
    return token;
  }

  // Position of the ':' of a field prefix (ASCII letters then ':'), 0 when none.
  // A URL (`https://...`) is a word, not a field.
  static std::size_t field_colon(std::string_view text) {
    std::size_t n = 0;
    while (n < text.size() && std::isalpha(static_cast<unsigned char>(text[n]))) ++n;
    if (n == 0 || n >= text.size() || text[n] != ':') return 0;
    if (text.substr(n + 1, 2) == "//") return 0;
    return n;
  }

  static std::optional<ConditionField> condition_field(std::string_view name) {
    std::string lower(name);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return condition_field_from_name(lower);
  }

  // `published:>=2026-12-01`, `upvotes:[5 TO 20]`: one term token (a range holds spaces).
  Token condition(ConditionField field, std::size_t colon) {
    Token token = make(TokenKind::term, pos_);
    const std::size_t operand = pos_ + colon + 1;
    const std::size_t end = condition_operand_end(q_, operand, bare_end(operand));
    if (end == std::string_view::npos)
      throw QueryError(column(operand), "unterminated range: no closing \"]\"");
    if (end == operand)
      throw QueryError(token.column, quoted(std::string(condition_field_name(field)) + ":") +
                                         " needs a value, a comparison or a range right after it");
    token.term.kind = TermKind::condition;
    token.term.column = token.column;
    token.term.condition =
        parse_condition(field, q_.substr(operand, end - operand), column(operand));
    pos_ = end;
    return token;
  }

  Token field(std::string_view name) {
    Token token = make(TokenKind::field, pos_);
    std::string lower(name);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const auto field = match_field_from_name(lower);
    if (!field) throw QueryError(token.column, unknown_query_field_message(name));
    token.field = *field;
    token.text = lower;
    pos_ += name.size() + 1;
    if (delimiter_at(pos_) && !opens_operand(pos_))
      throw QueryError(token.column, quoted(lower + ":") + " needs a term or group right after it");
    after_field_ = true;
    return token;
  }
};

}  // namespace

std::vector<Token> tokenize(std::string_view query) { return Lexer(query).run(); }

}  // namespace papersieve::rules
