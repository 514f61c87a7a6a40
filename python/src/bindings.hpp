// Declarations shared by the binding files of papersieve._core.
#pragma once

#include <pybind11/pybind11.h>

#include <string>

#include "papersieve/corpus.hpp"
#include "papersieve/parse.hpp"

// Every std::string handed to Python is decoded with errors="replace": the core hands out valid
// UTF-8 only, and this makes sure no library string can ever raise UnicodeDecodeError. Loading
// (Python -> C++) is pybind11's own.
namespace pybind11::detail {
template <>
struct type_caster<std::string> : string_caster<std::string> {
  static handle cast(const std::string& src, return_value_policy, handle) {
    PyObject* text = PyUnicode_DecodeUTF8(src.data(), static_cast<ssize_t>(src.size()), "replace");
    if (text == nullptr) throw error_already_set();
    return text;
  }
};
}  // namespace pybind11::detail

namespace papersieve::python {

namespace py = pybind11;

// A path argument as the engine takes it: str, or any os.PathLike (pathlib.Path).
std::string fs_path(const py::handle& path);
// A Python str of library text, decoded as the type caster above does (never raising).
inline py::str text(const std::string& s) { return py::reinterpret_borrow<py::str>(py::cast(s)); }

// The stats as a dict {"records", "papers", "duplicates", "rejected"}.
py::dict stats_dict(const ParseStats& s);
// ParseOptions; a limit of 0 keeps its default (the Python layer passes 0 for None).
ParseOptions parse_options(const std::string& format, const std::string& name, std::size_t threads,
                           std::size_t max_record_bytes, std::size_t max_document_bytes);

void bind_errors(py::module_& m);
void bind_paper(py::module_& m);
void bind_corpus(py::module_& m);
void bind_rules(py::module_& m);
void bind_state(py::module_& m);
void bind_pipeline(py::module_& m);

}  // namespace papersieve::python
