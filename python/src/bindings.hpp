// Declarations shared by the binding files of papersieve._core.
#pragma once

#include <pybind11/pybind11.h>

#include <string>

namespace papersieve::python {

namespace py = pybind11;

// A path argument as the engine takes it: str, or any os.PathLike (pathlib.Path).
std::string fs_path(const py::handle& path);

void bind_errors(py::module_& m);
void bind_paper(py::module_& m);
void bind_corpus(py::module_& m);
void bind_rules(py::module_& m);
void bind_state(py::module_& m);

}  // namespace papersieve::python
