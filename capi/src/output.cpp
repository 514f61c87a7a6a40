// Serializing a corpus into library-allocated strings.
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>

#include "capi.hpp"
#include "papersieve/write.hpp"

namespace capi = papersieve::capi;

extern "C" int psv_corpus_to_jsonl(char** out, size_t* length, const psv_corpus* corpus) {
  return capi::status_call("psv_corpus_to_jsonl", [&] {
    capi::require(out, "out");
    *out = nullptr;
    if (length != nullptr) *length = 0;
    capi::require(corpus, "corpus");
    const std::string jsonl = papersieve::papers_to_jsonl(corpus->corpus.papers);
    // malloc, not new[]: C callers may hand the string to code that calls free().
    char* copy = static_cast<char*>(std::malloc(jsonl.size() + 1));
    if (copy == nullptr) throw std::bad_alloc();
    std::memcpy(copy, jsonl.c_str(), jsonl.size() + 1);
    *out = copy;
    if (length != nullptr) *length = jsonl.size();
  });
}

extern "C" void psv_string_free(char* string) { std::free(string); }
