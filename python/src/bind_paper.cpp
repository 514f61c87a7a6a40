// Paper, Link, Source and Diagnostic as read-only Python objects. Unknown
// scalars are None; text is str; positions are ints.
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "papersieve/diagnostic.hpp"
#include "papersieve/paper.hpp"
#include "papersieve/write.hpp"

namespace papersieve::python {
namespace {

std::optional<std::string> or_none(const std::string& s) {
  if (s.empty()) return std::nullopt;
  return s;
}

LinkKind link_kind_from(const std::string& name) {
  for (LinkKind k :
       {LinkKind::code, LinkKind::project, LinkKind::data, LinkKind::paper, LinkKind::other})
    if (link_kind_name(k) == name) return k;
  throw py::value_error("unknown link kind '" + name +
                        "' (known: code, project, data, paper, other)");
}

py::tuple paper_state(const Paper& p) {
  py::list links;
  for (const auto& l : p.links) links.append(py::make_tuple(l.url, link_kind_name(l.kind)));
  return py::make_tuple(p.id, p.arxiv_id, p.version, p.title, p.abstract, p.authors, p.categories,
                        p.published, links, p.short_name, p.upvotes, p.submitter, p.source.format,
                        p.source.name, p.source.line, p.source.byte_offset, p.extra);
}

Paper paper_from_state(const py::tuple& t) {
  if (t.size() != 17) throw py::value_error("invalid Paper pickle state");
  Paper p;
  p.id = t[0].cast<std::string>();
  p.arxiv_id = t[1].cast<std::string>();
  p.version = t[2].cast<int>();
  p.title = t[3].cast<std::string>();
  p.abstract = t[4].cast<std::string>();
  p.authors = t[5].cast<std::vector<std::string>>();
  p.categories = t[6].cast<std::vector<std::string>>();
  p.published = t[7].cast<std::string>();
  for (auto item : t[8].cast<py::list>()) {
    auto pair = item.cast<py::tuple>();
    p.links.push_back(
        Link{pair[0].cast<std::string>(), link_kind_from(pair[1].cast<std::string>())});
  }
  p.short_name = t[9].cast<std::string>();
  p.upvotes = t[10].cast<std::optional<std::int64_t>>();
  p.submitter = t[11].cast<std::string>();
  p.source = SourceRef{t[12].cast<std::string>(), t[13].cast<std::string>(),
                       t[14].cast<std::uint64_t>(), t[15].cast<std::uint64_t>()};
  p.extra = t[16].cast<std::map<std::string, std::string>>();
  return p;
}

}  // namespace

void bind_paper(py::module_& m) {
  py::class_<Link>(m, "Link", "A URL found in a paper, with what it points to.")
      .def(py::init([](std::string url, const std::string& kind) {
             return Link{std::move(url), link_kind_from(kind)};
           }),
           py::arg("url"), py::arg("kind") = "other")
      .def_readonly("url", &Link::url)
      .def_property_readonly(
          "kind", [](const Link& l) { return std::string(link_kind_name(l.kind)); },
          "code, project, data, paper or other")
      .def("__eq__",
           [](const Link& a, const Link& b) { return a.url == b.url && a.kind == b.kind; })
      .def("__hash__",
           [](const Link& l) { return py::hash(py::make_tuple(l.url, static_cast<int>(l.kind))); })
      .def("__repr__",
           [](const Link& l) {
             return "Link(url=" + py::repr(text(l.url)).cast<std::string>() + ", kind='" +
                    std::string(link_kind_name(l.kind)) + "')";
           })
      .def(py::pickle(
          [](const Link& l) { return py::make_tuple(l.url, link_kind_name(l.kind)); },
          [](const py::tuple& t) {
            return Link{t[0].cast<std::string>(), link_kind_from(t[1].cast<std::string>())};
          }));

  py::class_<SourceRef>(m, "Source", "Where a record was read: format, name, line, byte offset.")
      .def_readonly("format", &SourceRef::format)
      .def_readonly("name", &SourceRef::name)
      .def_readonly("line", &SourceRef::line, "1-based line of the record's first line")
      .def_readonly("byte_offset", &SourceRef::byte_offset, "0-based byte offset of that line")
      .def("__repr__", [](const SourceRef& s) {
        return "Source(format='" + s.format +
               "', name=" + py::repr(text(s.name)).cast<std::string>() +
               ", line=" + std::to_string(s.line) +
               ", byte_offset=" + std::to_string(s.byte_offset) + ")";
      });

  py::class_<Paper>(m, "Paper", "One normalized paper (see docs/formats.md).")
      .def_readonly("id", &Paper::id,
                    "arXiv id, else 'doi:<doi>', 'pmid:<pmid>', else 'psv-' + title hash")
      .def_property_readonly("arxiv_id", [](const Paper& p) { return or_none(p.arxiv_id); })
      .def_property_readonly("version",
                             [](const Paper& p) -> std::optional<int> {
                               if (p.version > 0) return p.version;
                               return std::nullopt;
                             })
      .def_readonly("title", &Paper::title)
      .def_readonly("abstract", &Paper::abstract)
      .def_readonly("authors", &Paper::authors)
      .def_readonly("categories", &Paper::categories)
      .def_property_readonly("published", [](const Paper& p) { return or_none(p.published); })
      .def_readonly("links", &Paper::links)
      .def_property_readonly("short_name", [](const Paper& p) { return or_none(p.short_name); })
      .def_readonly("upvotes", &Paper::upvotes)
      .def_property_readonly("submitter", [](const Paper& p) { return or_none(p.submitter); })
      .def_readonly("extra", &Paper::extra, "what the format says beyond the fields, as strings")
      .def_readonly("source", &Paper::source)
      .def("to_json", &paper_to_json, "The paper as one JSON object (keys in documented order).")
      .def(
          "to_dict",
          [](const Paper& p) {
            return py::module_::import("json").attr("loads")(paper_to_json(p));
          },
          "The paper as a dict (the keys of to_json).")
      .def("__eq__",
           [](const Paper& a, const Paper& b) { return paper_to_json(a) == paper_to_json(b); })
      .def("__hash__", [](const Paper& p) { return py::hash(text(p.id)); })
      .def("__repr__",
           [](const Paper& p) {
             return "Paper(id='" + p.id +
                    "', title=" + py::repr(text(p.title)).cast<std::string>() + ")";
           })
      .def(py::pickle(&paper_state, &paper_from_state));

  py::class_<Diagnostic>(m, "Diagnostic", "A rejected record (error) or a caveat (warning).")
      .def_property_readonly(
          "severity", [](const Diagnostic& d) { return std::string(severity_name(d.severity)); })
      .def_readonly("format", &Diagnostic::format)
      .def_readonly("source", &Diagnostic::source_name)
      .def_readonly("line", &Diagnostic::line)
      .def_readonly("byte_offset", &Diagnostic::byte_offset)
      .def_readonly("message", &Diagnostic::message)
      .def("__str__", &Diagnostic::to_string)
      .def("__repr__", [](const Diagnostic& d) {
        return "Diagnostic(" + py::repr(text(d.to_string())).cast<std::string>() + ")";
      });
}

}  // namespace papersieve::python
