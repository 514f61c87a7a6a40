// papersieve.State: the seen-state file (docs/state.md) for Python.
#include <pybind11/stl.h>

#include <ctime>
#include <vector>

#include "py_types.hpp"

namespace papersieve::python {
namespace {

// Seconds since 1970-01-01 UTC: `now`, or the system clock for None.
std::int64_t seconds_or_clock(std::optional<std::int64_t> now) {
  return now ? *now : static_cast<std::int64_t>(std::time(nullptr));
}

}  // namespace

void bind_state(py::module_& m) {
  py::class_<PyState>(m, "State",
                      "Which papers earlier runs showed, in one SQLite file (created when "
                      "missing). Use it with filter(..., state=) and mark() once the output is "
                      "written.")
      .def(py::init([](const std::string& path, double busy_timeout) {
             auto state = std::make_unique<PyState>();
             state->path = path;
             py::gil_scoped_release release;
             state->state.emplace(path, static_cast<int>(busy_timeout * 1000));
             return state;
           }),
           py::arg("path"), py::arg("busy_timeout") = 10.0,
           "Open (or create) the state file; another run holding it is waited for up to "
           "busy_timeout seconds. Raises StateError for a file that is not a papersieve state, "
           "is corrupt or comes from a newer papersieve.")
      .def_property_readonly("path", [](const PyState& s) { return s.path; })
      .def(
          "status",
          [](PyState& s, const Paper& paper) {
            return std::string(seen_status_name(s.open().status(paper)));
          },
          py::arg("paper"), "'new', 'updated' (an older version was shown) or 'seen'.")
      .def(
          "mark",
          [](PyState& s, const py::object& shown, std::optional<std::int64_t> now) {
            std::vector<const Paper*> papers;
            if (py::isinstance<PyResults>(shown)) {
              const PyResults& results = shown.cast<const PyResults&>();
              for (const Hit& hit : results.results.hits)
                papers.push_back(&results.corpus->papers[hit.index]);
            } else {
              for (py::handle item : shown) papers.push_back(&item.cast<const Paper&>());
            }
            SeenState& state = s.open();
            py::gil_scoped_release release;
            state.mark(papers, seconds_or_clock(now));
          },
          py::arg("shown"), py::arg("now") = py::none(),
          "Remember the papers of `shown` (Results, or papers) as shown at `now` (seconds since "
          "1970-01-01 UTC; default: the clock), all in one transaction. Call it after the "
          "output was written completely.")
      .def(
          "prune",
          [](PyState& s, const py::object& older_than, std::optional<std::int64_t> now) {
            // Seconds, or a datetime.timedelta.
            const double seconds = py::hasattr(older_than, "total_seconds")
                                       ? older_than.attr("total_seconds")().cast<double>()
                                       : older_than.cast<double>();
            SeenState& state = s.open();
            const auto before = seconds_or_clock(now) - static_cast<std::int64_t>(seconds);
            py::gil_scoped_release release;
            return state.prune(before);
          },
          py::arg("older_than"), py::arg("now") = py::none(),
          "Forget the papers last shown more than `older_than` (seconds or a timedelta) before "
          "`now`; returns how many.")
      .def("__len__", [](PyState& s) { return s.open().count(); })
      .def(
          "entries",
          [](PyState& s) {
            py::list out;
            for (const SeenEntry& e : s.open().entries()) {
              py::dict d;
              d["id"] = e.id;
              d["version"] = e.version;
              d["title"] = e.title;
              d["title_hash"] = e.title_hash;
              d["first_seen"] = e.first_seen;
              d["last_seen"] = e.last_seen;
              out.append(d);
            }
            return out;
          },
          "The remembered papers as dicts, most recently shown first.")
      .def("close", [](PyState& s) { s.state.reset(); })
      .def("__enter__", [](py::object self) { return self; })
      .def("__exit__", [](PyState& s, const py::args&) { s.state.reset(); })
      .def("__repr__", [](const PyState& s) {
        return "State(" + py::repr(py::str(s.path)).cast<std::string>() +
               (s.state ? ")" : ", closed)");
      });
}

}  // namespace papersieve::python
