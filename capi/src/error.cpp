// The thread-local error message and the exception-to-status mapping.
#include <cstdlib>
#include <cstring>
#include <exception>
#include <new>
#include <string>

#include "capi.hpp"

namespace papersieve::capi {
namespace {

// The header pins the codes; they must stay the values of Status.
static_assert(PSV_OK == static_cast<int>(Status::ok));
static_assert(PSV_EINVAL == static_cast<int>(Status::invalid_argument));
static_assert(PSV_EIO == static_cast<int>(Status::io));
static_assert(PSV_EPARSE == static_cast<int>(Status::parse));
static_assert(PSV_ERULE == static_cast<int>(Status::rule));
static_assert(PSV_ELIMIT == static_cast<int>(Status::limit));
static_assert(PSV_EUNSUPPORTED == static_cast<int>(Status::unsupported));
static_assert(PSV_ENOMEM == static_cast<int>(Status::no_memory));
static_assert(PSV_EINTERNAL == static_cast<int>(Status::internal));

thread_local std::string last_message;
// Used instead of last_message when building it ran out of memory.
thread_local const char* static_message = "";

}  // namespace

void set_error(const char* function, const char* message, const char* prefix) noexcept {
  try {
    last_message.assign(function).append(": ").append(prefix).append(message);
    static_message = nullptr;
  } catch (...) {
    static_message = "papersieve: out of memory while reporting an error";
  }
}

int fail(const char* function) noexcept {
  try {
    throw;
  } catch (const Error& e) {
    set_error(function, e.what());
    return static_cast<int>(e.status());
  } catch (const std::bad_alloc&) {
    set_error(function, "out of memory");
    return PSV_ENOMEM;
  } catch (const std::exception& e) {
    set_error(function, e.what(), "internal error: ");
    return PSV_EINTERNAL;
  } catch (...) {
    set_error(function, "internal error: unknown exception");
    return PSV_EINTERNAL;
  }
}

void require_index(std::size_t i, std::size_t size, const char* what) {
  if (i >= size) {
    throw Error(Status::invalid_argument, "index " + std::to_string(i) + " is out of range (" +
                                              std::to_string(size) + " " + what + ")");
  }
}

void require_version(unsigned version, unsigned supported, const char* type, const char* init) {
  // Version 0 is a struct that was never initialized; a newer one has fields we cannot honor.
  if (version == 0 || version > supported) {
    throw Error(Status::invalid_argument,
                std::string(type) + " version " + std::to_string(version) +
                    " is not supported (initialize it with " + init + ")");
  }
}

void copy_out(char** out, std::size_t* length, const std::string& text) {
  // malloc, not new[]: C callers may hand the string to code that calls free().
  char* copy = static_cast<char*>(std::malloc(text.size() + 1));
  if (copy == nullptr) throw std::bad_alloc();
  std::memcpy(copy, text.c_str(), text.size() + 1);
  *out = copy;
  if (length != nullptr) *length = text.size();
}

}  // namespace papersieve::capi

extern "C" const char* psv_status_string(int code) {
  // PSV_NONE is the C ABI's own: success without a value.
  if (code == PSV_NONE) return "no value";
  if (code > 0 || code < static_cast<int>(papersieve::Status::internal)) return "unknown status";
  return papersieve::status_name(static_cast<papersieve::Status>(code));
}

extern "C" const char* psv_error_message(void) {
  namespace capi = papersieve::capi;
  return capi::static_message != nullptr ? capi::static_message : capi::last_message.c_str();
}
