#include "hyperscan_engine.hpp"

#include <hs/hs.h>

#include <stdexcept>

namespace papersieve::bench {

struct HyperscanRules::State {
  hs_database_t* db = nullptr;
  hs_scratch_t* scratch = nullptr;
  std::vector<std::size_t> rule_of;  // pattern id -> rule
};

namespace {

struct Context {
  const std::vector<std::size_t>* rule_of;
  std::vector<char>* matched;
};

int on_match(unsigned id, unsigned long long, unsigned long long, unsigned, void* ctx) {
  auto* c = static_cast<Context*>(ctx);
  (*c->matched)[(*c->rule_of)[id]] = 1;
  return 0;
}

}  // namespace

HyperscanRules::HyperscanRules(const std::vector<RulePattern>& patterns)
    : state_(std::make_unique<State>()) {
  std::vector<const char*> expressions;
  std::vector<unsigned> flags, ids;
  for (std::size_t i = 0; i < patterns.size(); ++i) {
    expressions.push_back(patterns[i].pattern.c_str());
    // SINGLEMATCH: a pattern is reported once per field, all a rule needs.
    flags.push_back(HS_FLAG_SINGLEMATCH | (patterns[i].keyword ? HS_FLAG_CASELESS : 0u));
    ids.push_back(static_cast<unsigned>(i));
    state_->rule_of.push_back(patterns[i].rule);
  }
  hs_compile_error_t* error = nullptr;
  if (hs_compile_multi(expressions.data(), flags.data(), ids.data(),
                       static_cast<unsigned>(expressions.size()), HS_MODE_BLOCK, nullptr,
                       &state_->db, &error) != HS_SUCCESS) {
    const std::string message = error != nullptr ? error->message : "unknown error";
    hs_free_compile_error(error);
    throw std::runtime_error("hyperscan: " + message);
  }
  if (hs_alloc_scratch(state_->db, &state_->scratch) != HS_SUCCESS)
    throw std::runtime_error("hyperscan: cannot allocate scratch");
}

HyperscanRules::~HyperscanRules() {
  hs_free_scratch(state_->scratch);
  hs_free_database(state_->db);
}

void HyperscanRules::scan(const std::string& text, std::vector<char>& matched) const {
  Context ctx{&state_->rule_of, &matched};
  hs_scan(state_->db, text.data(), static_cast<unsigned>(text.size()), 0, state_->scratch, on_match,
          &ctx);
}

}  // namespace papersieve::bench
