// The seen-state: psv_state_*.
#include "papersieve/state.hpp"

#include <ctime>
#include <memory>

#include "capi.hpp"
#include "results.hpp"

namespace capi = papersieve::capi;
using papersieve::SeenState;
using papersieve::SeenStatus;

static_assert(PSV_SEEN_NEW == static_cast<int>(SeenStatus::fresh));
static_assert(PSV_SEEN_UPDATED == static_cast<int>(SeenStatus::updated));
static_assert(PSV_SEEN_SEEN == static_cast<int>(SeenStatus::seen));

extern "C" int psv_state_open(psv_state** out, const char* path, int busy_timeout_ms) {
  return capi::status_call("psv_state_open", [&] {
    capi::require(out, "out");
    *out = nullptr;
    capi::require(path, "path");
    *out = new psv_state{SeenState(path, busy_timeout_ms > 0 ? busy_timeout_ms : 10'000)};
  });
}

extern "C" void psv_state_free(psv_state* state) { delete state; }

extern "C" int psv_state_status(int* out, const psv_state* state, const psv_paper* paper) {
  return capi::status_call("psv_state_status", [&] {
    capi::require(out, "out");
    capi::require(state, "state");
    capi::require(paper, "paper");
    *out = static_cast<int>(state->state.status(capi::from_handle(paper)));
  });
}

extern "C" int psv_state_mark_results(psv_state* state, const psv_results* results, int64_t now) {
  return capi::status_call("psv_state_mark_results", [&] {
    capi::require(state, "state");
    capi::require(results, "results");
    std::vector<const papersieve::Paper*> papers;
    for (const psv_hit& hit : results->hits) papers.push_back(hit.paper);
    state->state.mark(papers, now != 0 ? now : static_cast<int64_t>(std::time(nullptr)));
  });
}

extern "C" int psv_state_prune(size_t* removed, psv_state* state, int64_t before) {
  return capi::status_call("psv_state_prune", [&] {
    if (removed != nullptr) *removed = 0;
    capi::require(state, "state");
    const std::size_t n = state->state.prune(before);
    if (removed != nullptr) *removed = n;
  });
}

extern "C" int psv_state_count(size_t* out, const psv_state* state) {
  return capi::status_call("psv_state_count", [&] {
    capi::require(out, "out");
    *out = 0;
    capi::require(state, "state");
    *out = state->state.count();
  });
}
