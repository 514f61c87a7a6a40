// Maps papersieve::Error to Python exceptions by status:
//   PapersieveError ⊃ ParseError (also ValueError) ⊃ FileError (also OSError), RuleError,
//   StateError (also OSError).
#include <Python.h>

#include <new>
#include <string_view>

#include "bindings.hpp"
#include "papersieve/error.hpp"
#include "papersieve/state.hpp"

namespace papersieve::python {
namespace {

PyObject* new_exception(py::module_& m, const char* name, PyObject* bases, const char* doc) {
  const std::string qualified = std::string("papersieve.") + name;
  PyObject* type = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, bases, nullptr);
  if (type == nullptr) throw py::error_already_set();
  m.add_object(name, py::handle(type));
  return type;
}

// A new reference to the tuple (first, second), as PyErr_NewException wants bases.
PyObject* bases(PyObject* first, PyObject* second) {
  return py::make_tuple(py::handle(first), py::handle(second)).release().ptr();
}

}  // namespace

void bind_errors(py::module_& m) {
  static PyObject* base =
      new_exception(m, "PapersieveError", PyExc_Exception, "Base class of every papersieve error.");
  static PyObject* parse_error =
      new_exception(m, "ParseError", bases(base, PyExc_ValueError),
                    "Input that cannot be parsed, or an unknown or unsupported format.");
  static PyObject* file_error = new_exception(m, "FileError", bases(parse_error, PyExc_OSError),
                                              "A file that cannot be opened or read.");
  static PyObject* rule_error = new_exception(m, "RuleError", bases(base, PyExc_ValueError),
                                              "A rule or query that cannot be compiled.");
  static PyObject* state_error =
      new_exception(m, "StateError", bases(base, PyExc_OSError),
                    "A seen-state file that cannot be used: not a papersieve state, corrupt, "
                    "from a newer papersieve, or busy.");

  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const StateError& e) {
      PyErr_SetString(state_error, e.what());
    } catch (const Error& e) {
      PyObject* type = base;
      switch (e.status()) {
        case Status::io: type = file_error; break;
        case Status::rule: type = rule_error; break;
        case Status::parse:
        case Status::invalid_argument:
        case Status::unsupported:
        case Status::limit: type = parse_error; break;
        case Status::no_memory: type = PyExc_MemoryError; break;
        default: break;
      }
      // PyErr_SetString would fail on invalid UTF-8; core messages are valid, but decode
      // leniently anyway so that no library string can raise UnicodeDecodeError.
      const std::string_view what = e.what();
      PyObject* message =
          PyUnicode_DecodeUTF8(what.data(), static_cast<Py_ssize_t>(what.size()), "replace");
      if (message == nullptr) return;  // the decoding error (MemoryError) stays set
      PyErr_SetObject(type, message);
      Py_DECREF(message);
    }
  });
}

}  // namespace papersieve::python
