// Filtering a file straight to JSON lines: psv_filter_file.
#include "papersieve/filter_file.hpp"

#include <string>

#include "capi.hpp"
#include "results.hpp"

using papersieve::Error;
using papersieve::Status;
namespace capi = papersieve::capi;

extern "C" int psv_filter_file(psv_file_filter_summary* out, const psv_rules* rules,
                               const char* path, const psv_file_filter_options* options,
                               psv_write_fn write, void* write_context) {
  return capi::status_call("psv_filter_file", [&] {
    capi::require(out, "out");
    capi::require(path, "path");
    if (rules != nullptr) capi::require(reinterpret_cast<const void*>(write), "write");
    papersieve::FileFilterOptions settings;
    psv_diagnostic_fn on_diagnostic = nullptr;
    void* context = nullptr;
    if (options != nullptr) {
      capi::require_version(options->version, PSV_FILE_FILTER_OPTIONS_VERSION,
                            "psv_file_filter_options", "PSV_FILE_FILTER_OPTIONS_INIT");
      settings.parse = capi::to_options(options->parse);
      settings.filter = capi::to_filter_options(options->filter);
      if (options->memory_budget != 0) settings.memory_budget = options->memory_budget;
      on_diagnostic = options->on_diagnostic;
      context = options->context;
    }
    const papersieve::FilterProgress progress =
        on_diagnostic == nullptr
            ? papersieve::FilterProgress()
            : [on_diagnostic, context](std::vector<papersieve::Diagnostic>&& diagnostics,
                                       const papersieve::ParseStats&, std::uint64_t) {
                for (const papersieve::Diagnostic& d : diagnostics) {
                  const psv_diagnostic view{static_cast<psv_severity>(d.severity),
                                            d.format.c_str(),
                                            d.source_name.c_str(),
                                            d.line,
                                            d.byte_offset,
                                            d.message.c_str()};
                  on_diagnostic(context, &view);
                }
              };
    papersieve::FileFilterSummary summary;
    if (rules == nullptr) {
      // The summary has no unknown macros: normalize only as far as the counts need.
      summary =
          papersieve::scan_file(path, papersieve::ScanOptions{settings.parse, false}, progress);
    } else {
      const papersieve::OutputWriter writer = [write, write_context](std::string_view bytes) {
        if (write(write_context, bytes.data(), bytes.size()) != 0)
          throw papersieve::IoError("the write callback asked to stop");
      };
      summary = papersieve::filter_file(path, rules->rules, settings, writer, progress);
    }
    *out = psv_file_filter_summary{psv_stats{summary.stats.records, summary.stats.papers,
                                             summary.stats.duplicates, summary.stats.rejected},
                                   summary.selected, summary.written, summary.warnings};
  });
}
