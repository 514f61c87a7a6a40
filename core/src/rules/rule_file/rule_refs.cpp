// @references between rules: each must name a rule, and none may lead back to
// the rule it starts from. The graph walk is iterative: chains of references
// can be as long as the rule list.
#include <unordered_map>

#include "rules/query/suggest.hpp"
#include "rules/rule_file/rule_file.hpp"

namespace papersieve::rules {

namespace {

struct Ref {
  std::size_t target = 0;
  std::uint32_t column = 0;
};

using Index = std::unordered_map<std::string_view, std::size_t>;

std::string unknown_rule_message(const std::string& name, const std::vector<RuleDef>& rules) {
  std::string message = "unknown rule \"@" + name + "\"";
  if (rules.size() <= 1000) {  // suggestions cost a comparison per rule
    std::vector<std::string_view> names;
    for (const RuleDef& rule : rules) names.push_back(rule.name);
    if (const auto guess = closest_name(name, names); !guess.empty())
      message += " (did you mean \"@" + std::string(guess) + "\"?)";
  }
  return message;
}

// The known references of `node`'s tree; unknown ones become problems.
void collect(const Node& node, const RuleDef& rule, const std::vector<RuleDef>& rules,
             const Index& index, std::vector<Ref>& refs, std::vector<RuleProblem>& problems) {
  if (node.kind == Node::Kind::rule_ref) {
    const auto it = index.find(node.rule_name);
    if (it == index.end())
      problems.push_back(
          {rule.name, "query", node.column, unknown_rule_message(node.rule_name, rules)});
    else
      refs.push_back({it->second, node.column});
  }
  for (const NodePtr& child : node.children) collect(*child, rule, rules, index, refs, problems);
}

std::string cycle_text(const std::vector<std::size_t>& path, std::size_t from,
                       const std::vector<RuleDef>& rules) {
  std::string text;
  for (std::size_t i = from; i < path.size(); ++i) text += rules[path[i]].name + " -> ";
  return text + rules[path[from]].name;
}

// Depth-first search; a reference to a rule still on the path closes a cycle.
void find_cycles(const std::vector<std::vector<Ref>>& graph, const std::vector<RuleDef>& rules,
                 std::vector<RuleProblem>& problems) {
  enum : char { unseen, on_path, done };
  std::vector<char> state(graph.size(), unseen);
  std::vector<std::size_t> depth_of(graph.size(), 0);
  for (std::size_t start = 0; start < graph.size(); ++start) {
    if (state[start] != unseen) continue;
    std::vector<std::size_t> path{start};
    std::vector<std::size_t> next_edge{0};
    state[start] = on_path;
    while (!path.empty()) {
      const std::size_t u = path.back();
      if (next_edge.back() == graph[u].size()) {
        state[u] = done;
        path.pop_back();
        next_edge.pop_back();
        continue;
      }
      const Ref ref = graph[u][next_edge.back()++];
      if (state[ref.target] == on_path) {
        problems.push_back({rules[u].name, "query", ref.column,
                            "@" + rules[ref.target].name + " makes a cycle: " +
                                cycle_text(path, depth_of[ref.target], rules)});
      } else if (state[ref.target] == unseen) {
        state[ref.target] = on_path;
        depth_of[ref.target] = path.size();
        path.push_back(ref.target);
        next_edge.push_back(0);
      }
    }
  }
}

}  // namespace

void check_references(const std::vector<RuleDef>& rules, std::vector<RuleProblem>& problems) {
  Index index;
  for (std::size_t i = 0; i < rules.size(); ++i) index.emplace(rules[i].name, i);
  std::vector<std::vector<Ref>> graph(rules.size());
  for (std::size_t i = 0; i < rules.size(); ++i)
    if (rules[i].root) collect(*rules[i].root, rules[i], rules, index, graph[i], problems);
  find_cycles(graph, rules, problems);
}

}  // namespace papersieve::rules
