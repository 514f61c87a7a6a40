// One-line form of a query tree, for tests and `papersieve check --explain`.
#include <string>

#include "rules/query/condition.hpp"
#include "rules/query/parser.hpp"

namespace papersieve::rules {

namespace {

void append_regex(const Term& term, std::string& out) {
  out += '/';
  for (char c : term.text) {
    if (c == '/') out += '\\';
    out += c;
  }
  out += '/';
  if (term.case_insensitive) out += 'i';
  if (term.multi_line) out += 'm';
  if (term.dot_all) out += 's';
}

void append_term(const Term& term, std::string& out) {
  if (term.kind == TermKind::condition) {
    out += condition_text(term.condition);
    return;
  }
  if (term.field != Field::text) out.append(match_field_name(term.field)).append(":");
  switch (term.kind) {
    case TermKind::word: out += "word:" + term.text; break;
    case TermKind::prefix: out += "prefix:" + term.text + "*"; break;
    case TermKind::exact: out += "exact:" + term.text; break;
    case TermKind::phrase:
      out += "phrase:\"" + term.text + (term.last_word_prefix ? "*\"" : "\"");
      break;
    case TermKind::regex:
      out += "regex:";
      append_regex(term, out);
      break;
    case TermKind::condition: break;
  }
}

void append(const Node& node, std::string& out) {
  switch (node.kind) {
    case Node::Kind::term: append_term(node.term, out); return;
    case Node::Kind::rule_ref: out += "@" + node.rule_name; return;
    case Node::Kind::negation: out += "NOT("; break;
    case Node::Kind::all_of: out += "AND("; break;
    case Node::Kind::any_of: out += "OR("; break;
  }
  for (std::size_t i = 0; i < node.children.size(); ++i) {
    if (i > 0) out += ", ";
    append(*node.children[i], out);
  }
  out += ')';
}

}  // namespace

std::string to_debug_string(const Node& node) {
  std::string out;
  append(node, out);
  return out;
}

}  // namespace papersieve::rules
