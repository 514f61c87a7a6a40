// Serializing a corpus or results into library-allocated strings.
#include <cstdlib>
#include <string>

#include "capi.hpp"
#include "papersieve/write.hpp"
#include "results.hpp"

namespace capi = papersieve::capi;

extern "C" int psv_corpus_to_jsonl(char** out, size_t* length, const psv_corpus* corpus) {
  return capi::status_call("psv_corpus_to_jsonl", [&] {
    capi::clear_out(out, length);
    capi::require(out, "out");
    capi::require(corpus, "corpus");
    capi::copy_out(out, length, papersieve::papers_to_jsonl(corpus->corpus.papers));
  });
}

extern "C" int psv_results_to_jsonl(char** out, size_t* length, const psv_results* results) {
  return capi::status_call("psv_results_to_jsonl", [&] {
    capi::clear_out(out, length);
    capi::require(out, "out");
    capi::require(results, "results");
    capi::copy_out(out, length, papersieve::hits_to_jsonl(*results->corpus, results->results));
  });
}

extern "C" int psv_results_to_markdown(char** out, size_t* length, const psv_results* results,
                                       const char* title) {
  return capi::status_call("psv_results_to_markdown", [&] {
    capi::clear_out(out, length);
    capi::require(out, "out");
    capi::require(results, "results");
    const std::string markdown =
        title != nullptr ? papersieve::hits_to_markdown(*results->corpus, results->results, title)
                         : papersieve::hits_to_markdown(*results->corpus, results->results);
    capi::copy_out(out, length, markdown);
  });
}

extern "C" int psv_results_to_html(char** out, size_t* length, const psv_results* results,
                                   const char* title) {
  return capi::status_call("psv_results_to_html", [&] {
    capi::clear_out(out, length);
    capi::require(out, "out");
    capi::require(results, "results");
    const std::string html =
        title != nullptr ? papersieve::hits_to_html(*results->corpus, results->results, title)
                         : papersieve::hits_to_html(*results->corpus, results->results);
    capi::copy_out(out, length, html);
  });
}

extern "C" int psv_results_to_csv(char** out, size_t* length, const psv_results* results) {
  return capi::status_call("psv_results_to_csv", [&] {
    capi::clear_out(out, length);
    capi::require(out, "out");
    capi::require(results, "results");
    capi::copy_out(out, length, papersieve::hits_to_csv(*results->corpus, results->results));
  });
}

extern "C" void psv_string_free(char* string) { std::free(string); }
