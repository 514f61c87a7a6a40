// Corpus (a read-only sequence of Paper) and the parse entry points. Parsing
// runs without the GIL; input bytes are read in place, never copied.
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "papersieve/corpus.hpp"
#include "papersieve/error.hpp"
#include "papersieve/normalize.hpp"
#include "papersieve/parse.hpp"
#include "papersieve/stream.hpp"
#include "papersieve/write.hpp"

namespace papersieve::python {

py::dict stats_dict(const ParseStats& s) {
  py::dict d;
  d["records"] = s.records;
  d["papers"] = s.papers;
  d["duplicates"] = s.duplicates;
  d["rejected"] = s.rejected;
  return d;
}

std::size_t checked_index(const Corpus& c, std::ptrdiff_t i) {
  const auto n = static_cast<std::ptrdiff_t>(c.papers.size());
  if (i < 0) i += n;
  if (i < 0 || i >= n) throw py::index_error("Corpus index out of range");
  return static_cast<std::size_t>(i);
}

// ParseOptions; a limit of 0 keeps its default (the Python layer passes 0 for None).
ParseOptions parse_options(const std::string& format, const std::string& name, std::size_t threads,
                           std::size_t max_record_bytes, std::size_t max_document_bytes) {
  ParseOptions options{format_from_name(format), name, threads};
  if (max_record_bytes != 0) options.max_record_bytes = max_record_bytes;
  if (max_document_bytes != 0) options.max_document_bytes = max_document_bytes;
  return options;
}

namespace {

Corpus parse_object(const py::object& data, const std::string& format, const std::string& name,
                    std::size_t threads, std::size_t max_record_bytes,
                    std::size_t max_document_bytes) {
  const ParseOptions options =
      parse_options(format, name, threads, max_record_bytes, max_document_bytes);
  if (py::isinstance<py::str>(data)) {
    Py_ssize_t size = 0;
    const char* utf8 = PyUnicode_AsUTF8AndSize(data.ptr(), &size);  // cached by the str
    if (utf8 == nullptr) throw py::error_already_set();
    py::gil_scoped_release release;
    return parse(std::string_view(utf8, static_cast<std::size_t>(size)), options);
  }
  if (!PyObject_CheckBuffer(data.ptr()))
    throw py::type_error("parse() takes str, bytes or a bytes-like object, not " +
                         std::string(Py_TYPE(data.ptr())->tp_name));
  const py::buffer_info view = py::reinterpret_borrow<py::buffer>(data).request();
  if (view.ndim != 1 || view.itemsize != 1 || view.strides[0] != 1)
    throw py::type_error("parse() needs a contiguous buffer of bytes");
  py::gil_scoped_release release;
  return parse(
      std::string_view(static_cast<const char*>(view.ptr), static_cast<std::size_t>(view.size)),
      options);
}

// A PaperStream with the batch size Python iteration uses.
struct BatchIterator {
  PaperStream stream;
  std::size_t batch_size;
};

py::tuple diagnostic_state(const Diagnostic& d) {
  return py::make_tuple(static_cast<int>(d.severity), d.format, d.source_name, d.line,
                        d.byte_offset, d.message);
}

Diagnostic diagnostic_from_state(const py::tuple& t) {
  return Diagnostic{t[0].cast<int>() == 1 ? Severity::error : Severity::warning,
                    t[1].cast<std::string>(),
                    t[2].cast<std::string>(),
                    t[3].cast<std::uint64_t>(),
                    t[4].cast<std::uint64_t>(),
                    t[5].cast<std::string>()};
}

py::tuple corpus_state(const Corpus& c) {
  py::list papers, diagnostics;
  for (const auto& p : c.papers) papers.append(py::cast(p));
  for (const auto& d : c.diagnostics) diagnostics.append(diagnostic_state(d));
  return py::make_tuple(std::string(format_name(c.format)), papers, diagnostics, c.stats.records,
                        c.stats.papers, c.stats.duplicates, c.stats.rejected, c.unknown_macros);
}

Corpus corpus_from_state(const py::tuple& t) {
  if (t.size() != 8) throw py::value_error("invalid Corpus pickle state");
  Corpus c;
  c.format = format_from_name(t[0].cast<std::string>());
  for (auto p : t[1].cast<py::list>()) c.papers.push_back(p.cast<Paper>());
  for (auto d : t[2].cast<py::list>())
    c.diagnostics.push_back(diagnostic_from_state(d.cast<py::tuple>()));
  c.stats = ParseStats{t[3].cast<std::uint64_t>(), t[4].cast<std::uint64_t>(),
                       t[5].cast<std::uint64_t>(), t[6].cast<std::uint64_t>()};
  c.unknown_macros = t[7].cast<MacroCounts>();
  return c;
}

// A Corpus of papers a script chose: counted as read, nothing rejected.
std::shared_ptr<Corpus> corpus_of(const py::iterable& papers) {
  auto corpus = std::make_shared<Corpus>();
  for (py::handle paper : papers) {
    if (!py::isinstance<Paper>(paper))
      throw py::type_error("Corpus() takes Paper objects, not " +
                           std::string(Py_TYPE(paper.ptr())->tp_name));
    corpus->papers.push_back(paper.cast<Paper>());
  }
  corpus->stats.records = corpus->stats.papers = corpus->papers.size();
  return corpus;
}

}  // namespace

std::string fs_path(const py::handle& path) {
  return py::module_::import("os").attr("fsdecode")(path).cast<std::string>();
}

void bind_corpus(py::module_& m) {
  py::class_<Corpus, std::shared_ptr<Corpus>>(
      m, "Corpus", "Parsed papers with diagnostics and stats; a read-only sequence of Paper.")
      .def(py::init(&corpus_of), py::arg("papers"),
           "A corpus of the given papers (e.g. a parsed corpus with some dropped), in order.")
      .def("__len__", [](const Corpus& c) { return c.papers.size(); })
      .def(
          "__getitem__",
          [](const Corpus& c, std::ptrdiff_t i) -> const Paper& {
            return c.papers[checked_index(c, i)];
          },
          py::return_value_policy::reference_internal)
      .def("__getitem__",
           [](const Corpus& c, const py::slice& s) {
             py::list out;
             std::size_t start = 0, stop = 0, step = 0, length = 0;
             if (!s.compute(c.papers.size(), &start, &stop, &step, &length))
               throw py::error_already_set();
             for (std::size_t k = 0; k < length; ++k, start += step)
               out.append(py::cast(c.papers[start]));
             return out;
           })
      .def(
          "__iter__",
          [](const Corpus& c) { return py::make_iterator(c.papers.begin(), c.papers.end()); },
          py::keep_alive<0, 1>())
      .def_property_readonly(
          "format", [](const Corpus& c) { return std::string(format_name(c.format)); },
          "The format actually read (after auto-detection).")
      .def_readonly("diagnostics", &Corpus::diagnostics)
      .def_readonly(
          "unknown_macros", &Corpus::unknown_macros,
          "TeX macros kept verbatim because normalization does not know them, with counts")
      .def_property_readonly(
          "stats", [](const Corpus& c) { return stats_dict(c.stats); },
          "records, papers, duplicates, rejected (records = the other three summed)")
      .def(
          "to_jsonl", [](const Corpus& c) { return papers_to_jsonl(c.papers); },
          "One JSON object per paper and line.")
      .def(
          "to_csv", [](const Corpus& c) { return papers_to_csv(c.papers); },
          "RFC 4180 CSV with a header row (columns in docs/formats.md).")
      .def(
          "to_json", [](const Corpus& c) { return papers_to_json(c.papers); },
          "A JSON array of papers.")
      .def(
          "to_bibtex", [](const Corpus& c) { return papers_to_bibtex(c.papers); },
          "BibTeX entries (docs/writers.md).")
      .def(
          "to_ris", [](const Corpus& c) { return papers_to_ris(c.papers); },
          "RIS records (docs/writers.md).")
      .def(
          "to_csl_json", [](const Corpus& c) { return papers_to_csl_json(c.papers); },
          "A CSL-JSON array (docs/writers.md).")
      .def("__repr__",
           [](const Corpus& c) {
             return "Corpus(format='" + std::string(format_name(c.format)) +
                    "', papers=" + std::to_string(c.stats.papers) +
                    ", rejected=" + std::to_string(c.stats.rejected) + ")";
           })
      .def(py::pickle(&corpus_state, &corpus_from_state));

  m.def(
      "combine",
      [](const std::vector<std::shared_ptr<Corpus>>& parts) {
        std::vector<Corpus> copies;
        for (const auto& part : parts) copies.push_back(*part);
        py::gil_scoped_release release;
        return combine(std::move(copies));
      },
      py::arg("corpora"),
      "One Corpus from several: duplicates across them folded, diagnostics and counts kept.");
  m.def("parse", &parse_object, py::arg("data"), py::arg("format") = "auto",
        py::arg("name") = "<memory>", py::arg("threads") = 0, py::arg("max_record_bytes") = 0,
        py::arg("max_document_bytes") = 0,
        "Parse a paper dump held in memory (str or bytes-like).");
  m.def(
      "parse_file",
      [](const py::object& path_like, const std::string& format,
         const std::optional<std::string>& name, std::size_t threads, std::size_t max_record_bytes,
         std::size_t max_document_bytes, const std::string& abstracts) {
        const std::string path = fs_path(path_like);
        ParseOptions options = parse_options(format, name.value_or(path), threads, max_record_bytes,
                                             max_document_bytes);
        options.join_abstracts = abstracts;
        py::gil_scoped_release release;
        return parse_file(path, options);
      },
      py::arg("path"), py::arg("format") = "auto", py::arg("name") = py::none(),
      py::arg("threads") = 0, py::arg("max_record_bytes") = 0, py::arg("max_document_bytes") = 0,
      py::arg("abstracts") = "",
      "Parse a file, reading it in chunks; `abstracts`: an S2 datasets abstracts file to join.");

  py::class_<BatchIterator>(m, "PaperStream",
                            "Iterator over a file's papers in Corpus batches, in bounded memory.")
      .def(py::init([](const py::object& path_like, const std::string& format,
                       const std::optional<std::string>& name, std::size_t batch_size,
                       std::size_t threads, std::size_t max_record_bytes,
                       std::size_t max_document_bytes, const std::string& abstracts) {
             if (batch_size == 0) throw py::value_error("batch_size must be at least 1");
             const std::string path = fs_path(path_like);
             ParseOptions options = parse_options(format, name.value_or(path), threads,
                                                  max_record_bytes, max_document_bytes);
             options.join_abstracts = abstracts;
             py::gil_scoped_release release;
             return std::make_unique<BatchIterator>(
                 BatchIterator{PaperStream(path, options), batch_size});
           }),
           py::arg("path"), py::arg("format") = "auto", py::arg("name") = py::none(),
           py::arg("batch_size") = 10000, py::arg("threads") = 0, py::arg("max_record_bytes") = 0,
           py::arg("max_document_bytes") = 0, py::arg("abstracts") = "")
      .def("__iter__", [](py::object self) { return self; })
      .def("__next__",
           [](BatchIterator& it) {
             std::optional<Corpus> batch;
             {
               py::gil_scoped_release release;
               batch = it.stream.next(it.batch_size);
             }
             if (!batch) throw py::stop_iteration();
             return std::move(*batch);
           })
      .def_readonly("batch_size", &BatchIterator::batch_size)
      .def_property_readonly(
          "format",
          [](const BatchIterator& it) { return std::string(format_name(it.stream.format())); })
      .def_property_readonly(
          "totals", [](const BatchIterator& it) { return stats_dict(it.stream.totals()); },
          "Stats summed over the batches returned so far.");
}

}  // namespace papersieve::python
