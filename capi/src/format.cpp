// Format names as the C ABI sees them.
#include "papersieve/format.hpp"

#include "capi.hpp"

extern "C" int psv_format_supported(const char* name) {
  namespace psv = papersieve;
  return psv::capi::value_call("psv_format_supported", 0, [&] {
    psv::capi::require(name, "name");
    return psv::format_supported(psv::format_from_name(name)) ? 1 : 0;
  });
}
