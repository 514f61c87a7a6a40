// RuleProblem's text form: rule "t2i": query column 14: unbalanced "("
#include "papersieve/rules.hpp"

namespace papersieve {

std::string RuleProblem::to_string() const {
  std::string text;
  // A rule without a usable name is identified by position ("rules[3]"), which
  // no name can spell, so it is shown unquoted.
  if (rule.rfind("rules[", 0) == 0)
    text = rule + ": ";
  else if (!rule.empty())
    text = "rule \"" + rule + "\": ";
  if (!part.empty()) {
    text += part;
    if (column > 0) text += " column " + std::to_string(column);
    text += ": ";
  }
  return text + message;
}

}  // namespace papersieve
