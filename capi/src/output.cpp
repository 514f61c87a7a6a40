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

namespace {

// The DigestInfo for C options (NULL: defaults).
papersieve::DigestInfo digest_info(const psv_digest_options* options) {
  papersieve::DigestInfo info;
  if (options == nullptr) return info;
  capi::require_version(options->version, PSV_DIGEST_OPTIONS_VERSION, "psv_digest_options",
                        "PSV_DIGEST_OPTIONS_INIT");
  if (options->title != nullptr) info.title = options->title;
  if (options->inputs != nullptr) {
    std::string_view inputs(options->inputs);
    while (!inputs.empty()) {
      const std::size_t end = inputs.find('\n');
      const std::string_view line = inputs.substr(0, end);
      if (!line.empty()) info.inputs.emplace_back(line);
      if (end == std::string_view::npos) break;
      inputs.remove_prefix(end + 1);
    }
  }
  if (options->rules != nullptr) info.rules = options->rules;
  if (options->generated != nullptr) info.generated = options->generated;
  info.full_abstracts = options->full_abstracts != 0;
  if (options->feed_url != nullptr) info.feed_url = options->feed_url;
  return info;
}

using DigestWriter = std::string (*)(const papersieve::Corpus&, const papersieve::Results&,
                                     const papersieve::DigestInfo&);
using ResultsWriter = std::string (*)(const papersieve::Corpus&, const papersieve::Results&);

int write_digest(const char* function, DigestWriter writer, char** out, size_t* length,
                 const psv_results* results, const psv_digest_options* options) {
  return capi::status_call(function, [&] {
    capi::clear_out(out, length);
    capi::require(out, "out");
    capi::require(results, "results");
    capi::copy_out(out, length, writer(*results->corpus, results->results, digest_info(options)));
  });
}

int write_results(const char* function, ResultsWriter writer, char** out, size_t* length,
                  const psv_results* results) {
  return capi::status_call(function, [&] {
    capi::clear_out(out, length);
    capi::require(out, "out");
    capi::require(results, "results");
    capi::copy_out(out, length, writer(*results->corpus, results->results));
  });
}

}  // namespace

extern "C" int psv_results_to_html_opts(char** out, size_t* length, const psv_results* results,
                                        const psv_digest_options* options) {
  return write_digest("psv_results_to_html_opts", papersieve::hits_to_html, out, length, results,
                      options);
}

extern "C" int psv_results_to_markdown_opts(char** out, size_t* length, const psv_results* results,
                                            const psv_digest_options* options) {
  return write_digest("psv_results_to_markdown_opts", papersieve::hits_to_markdown, out, length,
                      results, options);
}

extern "C" int psv_results_to_text(char** out, size_t* length, const psv_results* results,
                                   const psv_digest_options* options) {
  return write_digest("psv_results_to_text", papersieve::hits_to_text, out, length, results,
                      options);
}

extern "C" int psv_results_to_atom(char** out, size_t* length, const psv_results* results,
                                   const psv_digest_options* options) {
  return write_digest("psv_results_to_atom", papersieve::hits_to_atom, out, length, results,
                      options);
}

extern "C" int psv_results_to_rss(char** out, size_t* length, const psv_results* results,
                                  const psv_digest_options* options) {
  return write_digest("psv_results_to_rss", papersieve::hits_to_rss, out, length, results, options);
}

extern "C" int psv_results_to_bibtex(char** out, size_t* length, const psv_results* results) {
  return write_results("psv_results_to_bibtex", papersieve::hits_to_bibtex, out, length, results);
}

extern "C" int psv_results_to_ris(char** out, size_t* length, const psv_results* results) {
  return write_results("psv_results_to_ris", papersieve::hits_to_ris, out, length, results);
}

extern "C" int psv_results_to_csl_json(char** out, size_t* length, const psv_results* results) {
  return write_results("psv_results_to_csl_json", papersieve::hits_to_csl_json, out, length,
                       results);
}
