// The library's version, which the committed header must agree with.
#include "papersieve/version.hpp"

#include <string_view>

#include "capi.hpp"

// papersieve.h is a plain committed file: a version bump that forgets it fails here.
static_assert(PSV_VERSION_MAJOR == PAPERSIEVE_VERSION_MAJOR, "update papersieve.h");
static_assert(PSV_VERSION_MINOR == PAPERSIEVE_VERSION_MINOR, "update papersieve.h");
static_assert(PSV_VERSION_PATCH == PAPERSIEVE_VERSION_PATCH, "update papersieve.h");
static_assert(std::string_view(PSV_VERSION_STRING) == PAPERSIEVE_VERSION_STRING,
              "update papersieve.h");

extern "C" unsigned psv_version_number(void) { return PSV_VERSION_NUMBER; }

extern "C" const char* psv_version_string(void) { return PAPERSIEVE_VERSION_STRING; }
