#include "rules/query/ast_build.hpp"

#include <utility>

namespace papersieve::rules {

NodePtr term_node(Term term) {
  auto node = std::make_unique<Node>();
  node->kind = Node::Kind::term;
  node->column = term.column;
  node->term = std::move(term);
  return node;
}

NodePtr combine(Node::Kind kind, std::vector<NodePtr> children) {
  if (children.size() == 1) return std::move(children.front());
  auto node = std::make_unique<Node>();
  node->kind = kind;
  node->column = children.front()->column;
  for (auto& child : children) {
    if (child->kind != kind) {
      node->children.push_back(std::move(child));
      continue;
    }
    for (auto& grandchild : child->children) node->children.push_back(std::move(grandchild));
  }
  return node;
}

NodePtr term_in_fields(Term term, const std::vector<Field>& fields) {
  if (term.kind == TermKind::condition) return term_node(std::move(term));  // not text
  if (fields.size() == 1) term.field = fields.front();
  if (fields.size() <= 1) return term_node(std::move(term));
  std::vector<NodePtr> each;
  for (Field field : fields) {
    Term copy = term;
    copy.field = field;
    each.push_back(term_node(std::move(copy)));
  }
  return combine(Node::Kind::any_of, std::move(each));
}

}  // namespace papersieve::rules
