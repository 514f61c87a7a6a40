// Declarations shared by the binding files of papersieve._core.
#pragma once

#include <pybind11/pybind11.h>

namespace papersieve::python {

namespace py = pybind11;

void bind_errors(py::module_& m);
void bind_paper(py::module_& m);
void bind_corpus(py::module_& m);
void bind_rules(py::module_& m);
void bind_state(py::module_& m);

}  // namespace papersieve::python
