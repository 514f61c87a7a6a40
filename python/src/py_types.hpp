// Python-side wrappers shared by the binding files: results that keep their corpus alive,
// and a seen-state that can be closed.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "bindings.hpp"
#include "papersieve/rules.hpp"
#include "papersieve/state.hpp"

namespace papersieve::python {

// Results keep their corpus alive, so hits can hand out its papers.
struct PyResults {
  std::shared_ptr<const Corpus> corpus;
  Results results;
};

// papersieve.State: a SeenState until close().
struct PyState {
  std::optional<SeenState> state;
  std::string path;

  SeenState& open() {
    if (!state) throw py::value_error("the state " + path + " is closed");
    return *state;
  }
};

void bind_state(py::module_& m);

}  // namespace papersieve::python
