// Creating and destroying corpora: psv_corpus_parse*, psv_corpus_free.
#include "papersieve/parse.hpp"

#include <string>
#include <string_view>

#include "capi.hpp"

namespace papersieve::capi {

ParseOptions to_options(const psv_parse_options* options) {
  ParseOptions result;
  if (options == nullptr) return result;
  require_version(options->version, PSV_PARSE_OPTIONS_VERSION, "psv_parse_options",
                  "PSV_PARSE_OPTIONS_INIT");
  if (options->format != nullptr) result.format = format_from_name(options->format);
  if (options->source_name != nullptr) result.source_name = options->source_name;
  if (options->version >= 2) result.threads = options->threads;  // not in a version-1 struct
  // The limits, from version 3; 0 keeps the default.
  if (options->version >= 3) {
#define PSV_PARSE_LIMIT(name, type, value, doc) \
  if (options->name != 0) result.name = options->name;
#include "papersieve/limits.def"
  }
  return result;
}

namespace {

// Stores a new corpus made from the Corpus `make` returns in *out, leaving NULL there
// on failure.
template <class Make>
int create(const char* function, psv_corpus** out, Make&& make) noexcept {
  return status_call(function, [&] {
    require(out, "out");
    *out = nullptr;
    *out = new psv_corpus(make());
  });
}

}  // namespace
}  // namespace papersieve::capi

namespace capi = papersieve::capi;

extern "C" int psv_corpus_parse(psv_corpus** out, const char* data, size_t size,
                                const psv_parse_options* options) {
  return capi::create("psv_corpus_parse", out, [&] {
    if (size > 0) capi::require(data, "data");
    const std::string_view input = data != nullptr ? std::string_view(data, size) : "";
    return papersieve::parse(input, capi::to_options(options));
  });
}

extern "C" int psv_corpus_parse_file(psv_corpus** out, const char* path,
                                     const psv_parse_options* options) {
  return capi::create("psv_corpus_parse_file", out, [&] {
    capi::require(path, "path");
    return papersieve::parse_file(path, capi::to_options(options));
  });
}

extern "C" int psv_corpus_parse_file_joined(psv_corpus** out, const char* papers_path,
                                            const char* abstracts_path,
                                            const psv_parse_options* options) {
  return capi::create("psv_corpus_parse_file_joined", out, [&] {
    capi::require(papers_path, "papers_path");
    capi::require(abstracts_path, "abstracts_path");
    papersieve::ParseOptions parse_options = capi::to_options(options);
    parse_options.join_abstracts = abstracts_path;
    return papersieve::parse_file(papers_path, parse_options);
  });
}

extern "C" void psv_corpus_free(psv_corpus* corpus) { delete corpus; }
