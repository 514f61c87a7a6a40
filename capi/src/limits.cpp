// The table of engine limits: psv_limit_count, psv_limit_get.
#include "papersieve/limits.hpp"

#include <iterator>

#include "capi.hpp"

namespace psv = papersieve;

extern "C" size_t psv_limit_count(void) { return std::size(psv::kLimits); }

extern "C" int psv_limit_get(psv_limit* out, size_t i) {
  return psv::capi::status_call("psv_limit_get", [&] {
    psv::capi::require(out, "out");
    psv::capi::require_index(i, std::size(psv::kLimits), "limits");
    const psv::LimitInfo& limit = psv::kLimits[i];
    // Every name and doc views a string literal, so data() is NUL-terminated.
    *out = psv_limit{limit.name.data(), psv::limit_scope_name(limit.scope).data(),
                     limit.default_value, limit.doc.data()};
  });
}
