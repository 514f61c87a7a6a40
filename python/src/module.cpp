#include <pybind11/stl.h>

#include "bindings.hpp"
#include "papersieve/format.hpp"
#include "papersieve/limits.hpp"

PYBIND11_MODULE(_core, m) {
  using namespace papersieve::python;
  m.doc() = "papersieve engine (C++): parse, normalize and filter paper dumps";
  m.attr("__version__") = PSV_VERSION;
  bind_errors(m);
  bind_paper(m);
  bind_corpus(m);
  bind_rules(m);
  bind_state(m);
  bind_pipeline(m);
  m.def(
      "formats",
      [] {
        std::vector<std::string> names;
        for (auto name : papersieve::format_names())
          if (name == "auto" || papersieve::format_supported(papersieve::format_from_name(name)))
            names.emplace_back(name);
        return names;
      },
      "Names of the input formats this build can read, 'auto' first.");
  m.def(
      "limits",
      [] {
        std::vector<py::tuple> table;
        for (const auto& limit : papersieve::kLimits)
          table.push_back(py::make_tuple(std::string(limit.name),
                                         std::string(papersieve::limit_scope_name(limit.scope)),
                                         limit.default_value, std::string(limit.doc)));
        return table;
      },
      "The engine's limits as (name, scope, default, doc), scope 'parse' or 'rules', in "
      "declaration order (core/include/papersieve/limits.def).");
}
