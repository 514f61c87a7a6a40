// Reading a corpus: its papers, stats and diagnostics.
#include "capi.hpp"
#include "papersieve/format.hpp"

using papersieve::Diagnostic;
using papersieve::ParseStats;
using papersieve::Severity;
namespace capi = papersieve::capi;

// Severities cross the boundary by value.
static_assert(PSV_SEVERITY_WARNING == static_cast<int>(Severity::warning));
static_assert(PSV_SEVERITY_ERROR == static_cast<int>(Severity::error));

extern "C" size_t psv_corpus_size(const psv_corpus* corpus) {
  return corpus != nullptr ? corpus->corpus.papers.size() : 0;
}

extern "C" const psv_paper* psv_corpus_paper(const psv_corpus* corpus, size_t i) {
  return capi::value_call("psv_corpus_paper", static_cast<const psv_paper*>(nullptr), [&] {
    capi::require(corpus, "corpus");
    capi::require_index(i, corpus->corpus.papers.size(), "papers");
    return capi::to_handle(corpus->corpus.papers[i]);
  });
}

extern "C" const char* psv_corpus_format(const psv_corpus* corpus) {
  // format_name returns views of string literals, so data() is NUL-terminated.
  return corpus != nullptr ? papersieve::format_name(corpus->corpus.format).data() : "";
}

extern "C" int psv_corpus_stats(psv_stats* out, const psv_corpus* corpus) {
  return capi::status_call("psv_corpus_stats", [&] {
    capi::require(out, "out");
    capi::require(corpus, "corpus");
    const ParseStats& stats = corpus->corpus.stats;
    *out = psv_stats{stats.records, stats.papers, stats.duplicates, stats.rejected};
  });
}

extern "C" size_t psv_corpus_diagnostic_count(const psv_corpus* corpus) {
  return corpus != nullptr ? corpus->corpus.diagnostics.size() : 0;
}

extern "C" int psv_corpus_diagnostic(psv_diagnostic* out, const psv_corpus* corpus, size_t i) {
  return capi::status_call("psv_corpus_diagnostic", [&] {
    capi::require(out, "out");
    capi::require(corpus, "corpus");
    capi::require_index(i, corpus->corpus.diagnostics.size(), "diagnostics");
    const Diagnostic& d = corpus->corpus.diagnostics[i];
    *out = psv_diagnostic{static_cast<psv_severity>(d.severity),
                          d.format.c_str(),
                          d.source_name.c_str(),
                          d.line,
                          d.byte_offset,
                          d.message.c_str()};
  });
}
