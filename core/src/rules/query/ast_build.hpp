// Building query trees: shared by the query parser and the rule-file compiler.
#pragma once

#include <vector>

#include "rules/query/ast.hpp"

namespace papersieve::rules {

NodePtr term_node(Term term);

// AND/OR of `children` (at least one): a single child is returned as it is,
// children of the same kind are spliced in, so trees stay flat.
NodePtr combine(Node::Kind kind, std::vector<NodePtr> children);

// `term` looking in `fields`: one field is set on it, several make an OR of a
// copy per field; none leaves the term's own field.
NodePtr term_in_fields(Term term, const std::vector<Field>& fields);

}  // namespace papersieve::rules
