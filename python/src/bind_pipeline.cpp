// The file pipeline (docs/design.md, "The file pipeline"): filter_file and scan_file. The
// work runs without the GIL; it is taken only to report progress and, for a Python file
// object without a descriptor, to write.
#include <pybind11/stl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "bindings.hpp"
#include "papersieve/error.hpp"
#include "papersieve/filter_file.hpp"
#include "py_types.hpp"

namespace papersieve::python {
namespace {

// The descriptor of a real file object (flushed first), or -1 for one without (io.StringIO).
int descriptor_of(const py::object& output) {
  if (!py::hasattr(output, "fileno")) return -1;
  try {
    output.attr("flush")();
    return output.attr("fileno")().cast<int>();
  } catch (const py::error_already_set&) {  // io.UnsupportedOperation: no descriptor
    return -1;
  }
}

OutputWriter writer_for(const py::object& output, int fd) {
  if (fd >= 0) {
    return [fd](std::string_view bytes) {
      while (!bytes.empty()) {
        const ssize_t done = ::write(fd, bytes.data(), bytes.size());
        if (done < 0 && errno == EINTR) continue;
        if (done < 0) {
          if (errno == EPIPE) {  // the reader went away (| head): BrokenPipeError, as print gives
            py::gil_scoped_acquire gil;
            PyErr_SetFromErrno(PyExc_BrokenPipeError);
            throw py::error_already_set();
          }
          throw IoError(std::string("writing the output: ") + std::strerror(errno));
        }
        bytes.remove_prefix(static_cast<std::size_t>(done));
      }
    };
  }
  const bool text_mode = py::isinstance(output, py::module_::import("io").attr("TextIOBase"));
  return [output, text_mode](std::string_view bytes) {
    py::gil_scoped_acquire gil;
    if (text_mode)
      output.attr("write")(text(std::string(bytes)));
    else
      output.attr("write")(py::bytes(bytes.data(), bytes.size()));
  };
}

FilterProgress progress_for(const py::object& progress) {
  if (progress.is_none()) return {};
  return [progress](std::vector<Diagnostic>&& diagnostics, const ParseStats& stats,
                    std::uint64_t bytes) {
    py::gil_scoped_acquire gil;
    progress(py::cast(std::move(diagnostics)), stats_dict(stats), bytes);
  };
}

// `macros`: whether unknown macros were counted (a scan may leave them out).
py::dict summary_dict(const FileFilterSummary& s, bool filtered, bool macros = true) {
  py::dict d = stats_dict(s.stats);
  d["format"] = std::string(format_name(s.format));
  d["warnings"] = s.warnings;
  if (macros) {
    py::dict counts;
    for (const auto& [macro, count] : s.unknown_macros) counts[text(macro)] = count;
    d["unknown_macros"] = counts;
  }
  if (filtered) {
    d["considered"] = s.considered;
    d["selected"] = s.selected;
    d["written"] = s.written;
  }
  return d;
}

}  // namespace

void bind_pipeline(py::module_& m) {
  m.def(
      "filter_file",
      [](const py::object& path_like, const RuleSet& rules, const py::object& output,
         const std::string& format, const std::optional<std::string>& name, std::size_t threads,
         std::optional<std::size_t> top, const std::string& sort, PyState* state, bool show_updated,
         std::size_t memory_budget, std::size_t max_record_bytes, std::size_t max_document_bytes,
         const std::string& abstracts, const py::object& progress) {
        const std::string path = fs_path(path_like);
        FileFilterOptions options;
        options.parse = parse_options(format, name.value_or(path), threads, max_record_bytes,
                                      max_document_bytes);
        options.parse.join_abstracts = abstracts;
        const auto order = sort_order_from_name(sort);
        if (!order)
          throw py::value_error("sort must be 'score', 'published', 'upvotes' or 'input', not '" +
                                sort + "'");
        options.filter.top = top;
        options.filter.sort = *order;
        options.filter.state = state != nullptr ? &state->open() : nullptr;
        options.filter.show_updated = show_updated;
        if (memory_budget != 0) options.memory_budget = memory_budget;
        const int fd = descriptor_of(output);
        const OutputWriter write = writer_for(output, fd);
        const FilterProgress report = progress_for(progress);
        FileFilterSummary summary;
        {
          py::gil_scoped_release release;
          summary = filter_file(path, rules, options, write, report);
        }
        return summary_dict(summary, true);
      },
      py::arg("path"), py::arg("rules"), py::arg("output"), py::kw_only(),
      py::arg("format") = "auto", py::arg("name") = py::none(), py::arg("threads") = 0,
      py::arg("top") = py::none(), py::arg("sort") = "score", py::arg("state") = nullptr,
      py::arg("show_updated") = false, py::arg("memory_budget") = 0,
      py::arg("max_record_bytes") = 0, py::arg("max_document_bytes") = 0, py::arg("abstracts") = "",
      py::arg("progress") = py::none(),
      "Filter a file straight to JSON lines of hits (Results.to_jsonl's form), in bounded "
      "memory, on every core; see papersieve.filter_file.");
  m.def(
      "scan_file",
      [](const py::object& path_like, const std::string& format,
         const std::optional<std::string>& name, std::size_t threads, std::size_t max_record_bytes,
         std::size_t max_document_bytes, const std::string& abstracts, const py::object& progress,
         bool unknown_macros) {
        const std::string path = fs_path(path_like);
        ScanOptions options;
        options.parse = parse_options(format, name.value_or(path), threads, max_record_bytes,
                                      max_document_bytes);
        options.parse.join_abstracts = abstracts;
        options.unknown_macros = unknown_macros;
        const FilterProgress report = progress_for(progress);
        FileFilterSummary summary;
        {
          py::gil_scoped_release release;
          summary = scan_file(path, options, report);
        }
        return summary_dict(summary, false, unknown_macros);
      },
      py::arg("path"), py::kw_only(), py::arg("format") = "auto", py::arg("name") = py::none(),
      py::arg("threads") = 0, py::arg("max_record_bytes") = 0, py::arg("max_document_bytes") = 0,
      py::arg("abstracts") = "", py::arg("progress") = py::none(), py::arg("unknown_macros") = true,
      "Read a whole file on every core and count what it holds (papersieve stats).");
}

}  // namespace papersieve::python
