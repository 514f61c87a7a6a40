// Hyperscan as a rule-matching baseline (bench only; built when libhs is found): one block-mode
// database of every pattern, each reported once per scanned field, mapped to its rule.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "match_workload.hpp"

namespace papersieve::bench {

class HyperscanRules {
 public:
  // Keywords compile caseless; regexes keep their own flags. Throws std::runtime_error.
  explicit HyperscanRules(const std::vector<RulePattern>& patterns);
  ~HyperscanRules();
  // Marks matched[rule] for every rule with a pattern matching `text`.
  void scan(const std::string& text, std::vector<char>& matched) const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace papersieve::bench
