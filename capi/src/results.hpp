// The handle types of rules and results, shared by rules.cpp, results.cpp and output.cpp.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "capi.hpp"
#include "papersieve/rules.hpp"
#include "papersieve/state.hpp"

struct psv_rules {
  papersieve::RuleSet rules;
};

struct psv_state {
  papersieve::SeenState state;
};

struct psv_problems {
  std::vector<papersieve::RuleProblem> problems;
  std::vector<std::string> descriptions;  // RuleProblem::to_string of each
};

// A hit and its paper, so that psv_hit_paper needs no corpus argument.
struct psv_hit {
  const papersieve::Hit* hit;
  const papersieve::Paper* paper;
};

// Results keep their corpus alive: psv_results_to_jsonl and psv_hit_paper read it
// even after psv_corpus_free.
struct psv_results {
  std::shared_ptr<const papersieve::Corpus> corpus;
  papersieve::Results results;
  std::vector<psv_hit> hits;  // one per results.hits, same order
};

namespace papersieve::capi {

// The C++ options for `options` (NULL: defaults); checks the struct version and the sort.
FilterOptions to_filter_options(const psv_filter_options* options);

}  // namespace papersieve::capi
