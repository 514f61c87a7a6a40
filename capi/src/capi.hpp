// Shared plumbing of the C ABI: the handle types and the exception barrier that
// every entry point goes through.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <utility>

#include "papersieve.h"
#include "papersieve/corpus.hpp"
#include "papersieve/error.hpp"
#include "papersieve/paper.hpp"
#include "papersieve/parse.hpp"

// The opaque handle owns the C++ corpus through a shared pointer, so that results
// filtered from it can keep its papers alive after psv_corpus_free (the simplest
// lifetime for callers whose garbage collector frees objects in any order).
struct psv_corpus {
  explicit psv_corpus(papersieve::Corpus&& parsed)
      : owner(std::make_shared<const papersieve::Corpus>(std::move(parsed))), corpus(*owner) {}

  std::shared_ptr<const papersieve::Corpus> owner;
  const papersieve::Corpus& corpus;  // *owner
};

namespace papersieve::capi {

// psv_paper is never defined: a psv_paper* is a Paper* in disguise, which lets
// borrowed papers point straight into Corpus::papers.
inline const psv_paper* to_handle(const Paper& paper) noexcept {
  return reinterpret_cast<const psv_paper*>(&paper);
}
inline const Paper& from_handle(const psv_paper* paper) noexcept {
  return *reinterpret_cast<const Paper*>(paper);
}

// Records "function: prefix message" for psv_error_message(); never throws.
void set_error(const char* function, const char* message, const char* prefix = "") noexcept;

// Called inside a catch block: classifies the exception in flight, records its
// message and returns its status.
int fail(const char* function) noexcept;

// Throws Error(invalid_argument) naming `argument` when `pointer` is NULL.
inline void require(const void* pointer, const char* argument) {
  if (pointer == nullptr)
    throw Error(Status::invalid_argument, std::string("argument '") + argument + "' is NULL");
}

// The C++ options for `options` (NULL: defaults); checks the struct version.
ParseOptions to_options(const psv_parse_options* options);

// Throws Error(invalid_argument) when `i` is not below `size`.
void require_index(std::size_t i, std::size_t size, const char* what);

// Throws Error(invalid_argument) when a versioned option struct was not set up with
// its _INIT macro (version 0) or comes from a newer header (version > `supported`).
void require_version(unsigned version, unsigned supported, const char* type, const char* init);

// A malloc'ed NUL-terminated copy of `text` in *out (C callers may free() it), its
// length in *length unless NULL. Throws std::bad_alloc.
void copy_out(char** out, std::size_t* length, const std::string& text);

// Clears a string out-parameter pair before a call that may fail.
inline void clear_out(char** out, std::size_t* length) noexcept {
  if (out != nullptr) *out = nullptr;
  if (length != nullptr) *length = 0;
}

// Runs `body` behind the exception barrier: PSV_OK, or the failure's status.
template <class Body>
int status_call(const char* function, Body&& body) noexcept {
  try {
    body();
    return PSV_OK;
  } catch (...) {
    return fail(function);
  }
}

// Same for entry points that return a value: `on_error` when `body` throws.
template <class T, class Body>
T value_call(const char* function, T on_error, Body&& body) noexcept {
  try {
    return body();
  } catch (...) {
    fail(function);
    return on_error;
  }
}

}  // namespace papersieve::capi
