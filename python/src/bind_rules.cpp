// RuleSet, Results, Hit and Span for Python. Spans are in codepoints of the
// paper's displayed field (the C++ core counts UTF-8 bytes).
#include <pybind11/stl.h>

#include <algorithm>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include "bindings.hpp"
#include "papersieve/rules.hpp"
#include "papersieve/write.hpp"
#include "py_types.hpp"

namespace papersieve::python {
namespace {

// The RuleLimits fields by their Python keyword name (limits.def).
template <class Visit>
void each_limit(RuleLimits& l, Visit&& visit) {
#define PSV_RULE_LIMIT(name, type, value, doc) visit(#name, l.name);
#include "papersieve/limits.def"
}

// Limits from keyword arguments (RuleSet.from_query(q, max_rules=10)): TypeError for an
// unknown name or a value that is not an int, ValueError for one below 1.
// The clock for relative dates: seconds since 1970-01-01 UTC (an int), a datetime (a naive one
// is UTC) or a date (its midnight UTC).
std::int64_t clock_seconds(py::handle value) {
  if (PyLong_Check(value.ptr()) && !PyBool_Check(value.ptr())) return value.cast<std::int64_t>();
  const py::module_ datetime = py::module_::import("datetime");
  if (py::isinstance(value, datetime.attr("datetime"))) {
    py::object moment = py::reinterpret_borrow<py::object>(value);
    if (moment.attr("tzinfo").is_none())
      moment = moment.attr("replace")(py::arg("tzinfo") = datetime.attr("timezone").attr("utc"));
    return static_cast<std::int64_t>(moment.attr("timestamp")().cast<double>());
  }
  if (py::isinstance(value, datetime.attr("date")))
    return (value.attr("toordinal")().cast<std::int64_t>() - 719163) * 86400;
  throw py::type_error(std::string("now must be an int (seconds), a datetime or a date, not ") +
                       Py_TYPE(value.ptr())->tp_name);
}

RuleLimits rule_limits(const py::dict& given) {
  RuleLimits limits;
  std::size_t used = 0;
  if (given.contains("now")) {
    ++used;
    if (!given["now"].is_none()) limits.now = clock_seconds(given["now"]);
  }
  each_limit(limits, [&](const char* name, auto& field) {
    if (!given.contains(name)) return;
    ++used;
    const py::handle value = given[name];
    if (!PyLong_Check(value.ptr()) || PyBool_Check(value.ptr()))
      throw py::type_error(std::string(name) + " must be an int, not " +
                           Py_TYPE(value.ptr())->tp_name);
    const auto number = value.cast<long long>();
    if (number < 1)
      throw py::value_error(std::string(name) + " must be at least 1, not " +
                            std::to_string(number));
    field = static_cast<std::remove_reference_t<decltype(field)>>(number);
  });
  if (used != given.size()) {
    std::vector<std::string> names;
    each_limit(limits, [&](const char* name, auto&) { names.emplace_back(name); });
    names.emplace_back("now");
    for (const auto& item : given) {
      const auto key = py::str(item.first).cast<std::string>();
      if (std::find(names.begin(), names.end(), key) != names.end()) continue;
      std::string known;
      for (const auto& name : names) known += (known.empty() ? "" : ", ") + name;
      throw py::type_error("unknown limit '" + key + "' (limits: " + known + ")");
    }
  }
  return limits;
}

py::dict limits_dict(RuleLimits limits) {
  py::dict out;
  each_limit(limits, [&](const char* name, auto field) { out[name] = field; });
  if (limits.now) out["now"] = *limits.now;
  return out;
}

struct PyHit {
  std::shared_ptr<const Corpus> corpus;
  Hit hit;
};

struct PySpan {
  std::string field;
  std::size_t start, end;  // codepoints
};

std::size_t codepoints(std::string_view utf8) {
  std::size_t n = 0;
  for (unsigned char c : utf8) n += (c & 0xC0) != 0x80;
  return n;
}

std::vector<PySpan> python_spans(const Paper& paper, const std::vector<Span>& spans) {
  std::vector<PySpan> out;
  for (const auto& span : spans) {
    const std::string text = displayed_field(paper, span.field);
    const std::string_view view(text);
    const std::size_t start = codepoints(view.substr(0, span.start));
    out.push_back(PySpan{std::string(match_field_name(span.field)), start,
                         start + codepoints(view.substr(span.start, span.end - span.start))});
  }
  return out;
}

FilterOptions filter_options(std::optional<std::size_t> top, std::size_t threads,
                             const std::string& sort, PyState* state, bool show_updated) {
  FilterOptions options;
  options.top = top;
  options.threads = threads;
  const auto order = sort_order_from_name(sort);
  if (!order)
    throw py::value_error("sort must be 'score', 'published', 'upvotes' or 'input', not '" + sort +
                          "'");
  options.sort = *order;
  options.state = state != nullptr ? &state->open() : nullptr;
  options.show_updated = show_updated;
  return options;
}

py::dict rule_info(const RuleSet::RuleInfo& info) {
  py::dict d;
  d["name"] = info.name;
  d["weight"] = info.weight;
  d["tags"] = info.tags;
  d["exclude"] = info.exclude;
  d["require"] = info.require;
  return d;
}

DigestInfo digest_info(const std::string& title, const std::vector<std::string>& inputs,
                       const std::string& rules, const std::string& generated, bool full_abstracts,
                       const std::string& feed_url) {
  DigestInfo info;
  info.title = title;
  info.inputs = inputs;
  info.rules = rules;
  info.generated = generated;
  info.full_abstracts = full_abstracts;
  info.feed_url = feed_url;
  return info;
}

// Results of hits or papers a script chose: the hits' own corpus when they all share
// one, else a new corpus of their papers (a Paper becomes a hit with score 0).
PyResults results_of(const py::iterable& items, std::optional<std::size_t> considered) {
  std::vector<py::handle> all(items.begin(), items.end());
  std::shared_ptr<const Corpus> shared;
  bool one_corpus = !all.empty();
  for (const auto& item : all) {
    if (!py::isinstance<PyHit>(item)) {
      if (!py::isinstance<Paper>(item))
        throw py::type_error("Results() takes Hit or Paper objects, not " +
                             std::string(Py_TYPE(item.ptr())->tp_name));
      one_corpus = false;
      continue;
    }
    const auto& corpus = item.cast<const PyHit&>().corpus;
    if (shared == nullptr) shared = corpus;
    one_corpus = one_corpus && shared == corpus;
  }
  PyResults out;
  if (one_corpus) {
    out.corpus = shared;
    for (const auto& item : all) out.results.hits.push_back(item.cast<const PyHit&>().hit);
    out.results.considered =
        considered.value_or(std::max<std::size_t>(shared->stats.papers, shared->papers.size()));
    return out;
  }
  auto corpus = std::make_shared<Corpus>();
  for (const auto& item : all) {
    Hit hit;
    if (py::isinstance<PyHit>(item)) {
      const auto& h = item.cast<const PyHit&>();
      hit = h.hit;
      corpus->papers.push_back(h.corpus->papers[h.hit.index]);
    } else {
      corpus->papers.push_back(item.cast<Paper>());
    }
    hit.index = corpus->papers.size() - 1;
    out.results.hits.push_back(std::move(hit));
  }
  corpus->stats.records = corpus->stats.papers = corpus->papers.size();
  out.corpus = corpus;
  out.results.considered = considered.value_or(corpus->papers.size());
  return out;
}

py::tuple hit_state(const Hit& hit) {
  py::list spans;
  for (const auto& s : hit.spans)
    spans.append(py::make_tuple(static_cast<int>(s.field), s.start, s.end));
  return py::make_tuple(hit.index, hit.score, hit.rules, hit.tags, spans);
}

Hit hit_from_state(const py::tuple& t, std::size_t papers) {
  if (t.size() != 5) throw py::value_error("invalid Results pickle state");
  Hit hit;
  hit.index = t[0].cast<std::size_t>();
  if (hit.index >= papers) throw py::value_error("invalid Results pickle state");
  hit.score = t[1].cast<double>();
  hit.rules = t[2].cast<std::vector<std::string>>();
  hit.tags = t[3].cast<std::vector<std::string>>();
  for (auto span : t[4].cast<py::list>()) {
    const auto s = span.cast<py::tuple>();
    if (s.size() != 3) throw py::value_error("invalid Results pickle state");
    const int field = s[0].cast<int>();
    if (field < 0 || field > static_cast<int>(MatchField::link))
      throw py::value_error("invalid Results pickle state");
    hit.spans.push_back(Span{static_cast<MatchField>(field), s[1].cast<std::uint32_t>(),
                             s[2].cast<std::uint32_t>()});
  }
  return hit;
}

}  // namespace

void bind_rules(py::module_& m) {
  py::class_<PySpan>(m, "Span", "Where a hit matched: field and codepoint range of its text.")
      .def_readonly("field", &PySpan::field)
      .def_readonly("start", &PySpan::start)
      .def_readonly("end", &PySpan::end)
      .def("__iter__",
           [](const PySpan& s) { return py::iter(py::make_tuple(s.field, s.start, s.end)); })
      .def("__eq__",
           [](const PySpan& a, const PySpan& b) {
             return a.field == b.field && a.start == b.start && a.end == b.end;
           })
      .def("__repr__", [](const PySpan& s) {
        return "Span(field='" + s.field + "', start=" + std::to_string(s.start) +
               ", end=" + std::to_string(s.end) + ")";
      });

  py::class_<PyHit>(m, "Hit", "A selected paper: score, matched rules, tags and spans.")
      .def_property_readonly(
          "paper", [](const PyHit& h) -> const Paper& { return h.corpus->papers[h.hit.index]; },
          py::return_value_policy::reference_internal)
      .def_property_readonly(
          "index", [](const PyHit& h) { return h.hit.index; },
          "position of the paper in the filtered corpus")
      .def_property_readonly("score", [](const PyHit& h) { return h.hit.score; })
      .def_property_readonly(
          "updated", [](const PyHit& h) { return h.hit.updated; },
          "a newer version of a paper the state had shown (filter(..., show_updated=True))")
      .def_property_readonly("rules", [](const PyHit& h) { return h.hit.rules; })
      .def_property_readonly("tags", [](const PyHit& h) { return h.hit.tags; })
      .def_property_readonly(
          "spans",
          [](const PyHit& h) { return python_spans(h.corpus->papers[h.hit.index], h.hit.spans); })
      .def("to_dict",
           [](const PyHit& h) {
             py::dict d;
             d["index"] = h.hit.index;
             d["score"] = h.hit.score;
             d["updated"] = h.hit.updated;
             d["rules"] = h.hit.rules;
             d["tags"] = h.hit.tags;
             py::list spans;
             for (const auto& s : python_spans(h.corpus->papers[h.hit.index], h.hit.spans))
               spans.append(py::make_tuple(s.field, s.start, s.end));
             d["spans"] = spans;
             d["paper"] = py::module_::import("json").attr("loads")(
                 paper_to_json(h.corpus->papers[h.hit.index]));
             return d;
           })
      .def("__repr__", [](const PyHit& h) {
        return "Hit(score=" + py::repr(py::float_(h.hit.score)).cast<std::string>() + ", title=" +
               py::repr(text(h.corpus->papers[h.hit.index].title)).cast<std::string>() + ")";
      });

  py::class_<PyResults>(m, "Results", "Selected papers, best first; a sequence of Hit.")
      .def(py::init(&results_of), py::arg("items"), py::arg("considered") = py::none(),
           "Results of the given hits (e.g. some dropped) or papers, in the given order.")
      .def("__len__", [](const PyResults& r) { return r.results.hits.size(); })
      .def("__getitem__",
           [](const PyResults& r, std::ptrdiff_t i) {
             const auto n = static_cast<std::ptrdiff_t>(r.results.hits.size());
             if (i < 0) i += n;
             if (i < 0 || i >= n) throw py::index_error("Results index out of range");
             return PyHit{r.corpus, r.results.hits[static_cast<std::size_t>(i)]};
           })
      .def("__getitem__",
           [](const PyResults& r, const py::slice& s) {
             std::size_t start = 0, stop = 0, step = 0, length = 0;
             if (!s.compute(r.results.hits.size(), &start, &stop, &step, &length))
               throw py::error_already_set();
             PyResults out{r.corpus, {}};
             out.results.considered = r.results.considered;
             for (std::size_t k = 0; k < length; ++k, start += step)
               out.results.hits.push_back(r.results.hits[start]);
             return out;
           })
      .def("__repr__",
           [](const PyResults& r) {
             return "Results(selected=" + std::to_string(r.results.hits.size()) +
                    ", considered=" + std::to_string(r.results.considered) + ")";
           })
      .def_property_readonly(
          "considered", [](const PyResults& r) { return r.results.considered; },
          "how many papers were looked at")
      .def_property_readonly(
          "corpus", [](const PyResults& r) { return std::const_pointer_cast<Corpus>(r.corpus); },
          "The corpus the hits index (Hit.index).")
      .def("to_jsonl", [](const PyResults& r) { return hits_to_jsonl(*r.corpus, r.results); })
      .def(
          "to_csv", [](const PyResults& r) { return hits_to_csv(*r.corpus, r.results); },
          "RFC 4180 CSV: rank, score, rules, tags, then the paper columns.")
      .def(
          "to_html",
          [](const PyResults& r, const std::string& title, const std::vector<std::string>& inputs,
             const std::string& rules, const std::string& generated, bool full_abstracts) {
            return hits_to_html(*r.corpus, r.results,
                                digest_info(title, inputs, rules, generated, full_abstracts, ""));
          },
          py::arg("title") = "papersieve digest", py::kw_only(),
          py::arg("inputs") = std::vector<std::string>{}, py::arg("rules") = "",
          py::arg("generated") = "", py::arg("full_abstracts") = false,
          "A self-contained HTML digest (e-mail friendly), matched text in <mark>; the footer "
          "names `inputs`, `rules` and `generated` (RFC 3339 UTC; default now).")
      .def(
          "to_markdown",
          [](const PyResults& r, const std::string& title, const std::vector<std::string>& inputs,
             const std::string& rules, const std::string& generated, bool full_abstracts) {
            return hits_to_markdown(
                *r.corpus, r.results,
                digest_info(title, inputs, rules, generated, full_abstracts, ""));
          },
          py::arg("title") = "papersieve digest", py::kw_only(),
          py::arg("inputs") = std::vector<std::string>{}, py::arg("rules") = "",
          py::arg("generated") = "", py::arg("full_abstracts") = false,
          "The Markdown digest, matched text in bold; options as to_html.")
      .def(
          "to_text",
          [](const PyResults& r, const std::string& title, const std::vector<std::string>& inputs,
             const std::string& rules, const std::string& generated, bool full_abstracts) {
            return hits_to_text(*r.corpus, r.results,
                                digest_info(title, inputs, rules, generated, full_abstracts, ""));
          },
          py::arg("title") = "papersieve digest", py::kw_only(),
          py::arg("inputs") = std::vector<std::string>{}, py::arg("rules") = "",
          py::arg("generated") = "", py::arg("full_abstracts") = false,
          "The digest as plain text (an e-mail's text part); options as to_html.")
      .def(
          "to_atom",
          [](const PyResults& r, const std::string& title, const std::string& generated,
             const std::string& feed_url) {
            return hits_to_atom(*r.corpus, r.results,
                                digest_info(title, {}, "", generated, false, feed_url));
          },
          py::arg("title") = "papersieve digest", py::kw_only(), py::arg("generated") = "",
          py::arg("feed_url") = "",
          "An Atom 1.0 feed; entry ids stable across runs; `feed_url`: where it is published.")
      .def(
          "to_rss",
          [](const PyResults& r, const std::string& title, const std::string& generated,
             const std::string& feed_url) {
            return hits_to_rss(*r.corpus, r.results,
                               digest_info(title, {}, "", generated, false, feed_url));
          },
          py::arg("title") = "papersieve digest", py::kw_only(), py::arg("generated") = "",
          py::arg("feed_url") = "", "An RSS 2.0 feed; options as to_atom.")
      .def(
          "to_bibtex", [](const PyResults& r) { return hits_to_bibtex(*r.corpus, r.results); },
          "BibTeX entries, tags as keywords (docs/writers.md).")
      .def(
          "to_ris", [](const PyResults& r) { return hits_to_ris(*r.corpus, r.results); },
          "RIS records, tags as keywords (docs/writers.md).")
      .def(
          "to_csl_json", [](const PyResults& r) { return hits_to_csl_json(*r.corpus, r.results); },
          "A CSL-JSON array, tags as keywords (docs/writers.md).")
      .def(py::pickle(
          [](const PyResults& r) {
            py::list hits;
            for (const auto& hit : r.results.hits) hits.append(hit_state(hit));
            return py::make_tuple(std::const_pointer_cast<Corpus>(r.corpus), hits,
                                  r.results.considered);
          },
          [](const py::tuple& t) {
            if (t.size() != 3) throw py::value_error("invalid Results pickle state");
            PyResults out{t[0].cast<std::shared_ptr<Corpus>>(), {}};
            for (auto hit : t[1].cast<py::list>())
              out.results.hits.push_back(
                  hit_from_state(hit.cast<py::tuple>(), out.corpus->papers.size()));
            out.results.considered = t[2].cast<std::size_t>();
            return out;
          }));

  py::class_<RuleSet>(m, "RuleSet", "Compiled rules: immutable, safe to share across threads.")
      .def_static(
          "from_query",
          [](std::string_view query, const py::kwargs& limits) {
            return RuleSet::from_query(query, rule_limits(limits));
          },
          py::arg("query"))
      .def_static(
          "from_json",
          [](std::string_view json, const py::kwargs& limits) {
            return RuleSet::from_json(json, rule_limits(limits));
          },
          py::arg("json"))
      .def_static(
          "from_file",
          [](const py::object& path, const py::kwargs& limits) {
            return RuleSet::from_file(fs_path(path), rule_limits(limits));
          },
          py::arg("path"))
      .def_property_readonly(
          "limits", [](const RuleSet& r) { return limits_dict(r.limits()); },
          "The limits it was compiled with, by name.")
      .def_static(
          "check_json",
          [](std::string_view json, const py::kwargs& limits) {
            std::vector<std::string> messages;
            for (const auto& problem : RuleSet::check_json(json, rule_limits(limits)))
              messages.push_back(problem.to_string());
            return messages;
          },
          py::arg("json"), "Every problem of a rule file as a message; empty when it compiles.")
      .def_property_readonly("rules",
                             [](const RuleSet& r) {
                               py::list out;
                               for (const auto& info : r.rules()) out.append(rule_info(info));
                               return out;
                             })
      .def_property_readonly("min_score", &RuleSet::min_score)
      .def_property_readonly("top", &RuleSet::top)
      .def(
          "filter",
          [](const RuleSet& rules, std::shared_ptr<Corpus> corpus, std::optional<std::size_t> top,
             std::size_t threads, const std::string& sort, PyState* state, bool show_updated) {
            PyResults out{corpus, {}};
            const FilterOptions options = filter_options(top, threads, sort, state, show_updated);
            {
              py::gil_scoped_release release;
              out.results = rules.filter(*corpus, options);
            }
            return out;
          },
          py::arg("corpus"), py::arg("top") = py::none(), py::arg("threads") = 0, py::kw_only(),
          py::arg("sort") = "score", py::arg("state") = nullptr, py::arg("show_updated") = false,
          "Selected papers by score, then input order (or sort='published'/'upvotes'); at most "
          "`top` (default: the rule file's). threads: 0 = every core, 1 = this thread; the "
          "result is the same for any value. state: a papersieve.State whose shown papers are "
          "dropped (newer versions too, unless show_updated; Hit.updated tells them).")
      .def(
          "_filter_batches",
          [](const RuleSet& rules, const py::iterable& batches, std::optional<std::size_t> top,
             std::size_t threads, const std::string& sort, PyState* state, bool show_updated) {
            const FilterOptions options = filter_options(top, threads, sort, state, show_updated);
            // Streaming filter for one input: each batch filtered as it comes, only its
            // selected papers kept, ranked at the end. Selection depends on the paper alone
            // and a stream's batches hold no duplicates of each other, so the results equal
            // filter(combine(batches)); the kept corpus carries the summed stats.
            auto kept = std::make_shared<Corpus>();
            std::size_t considered = 0;
            bool first = true;
            for (py::handle item : batches) {
              const auto batch = item.cast<std::shared_ptr<Corpus>>();
              py::gil_scoped_release release;
              if (first) kept->format = batch->format;
              first = false;
              const Results selected = rules.filter(*batch, std::nullopt, threads);
              considered += selected.considered;
              std::vector<std::size_t> indices;
              for (const auto& hit : selected.hits) indices.push_back(hit.index);
              std::sort(indices.begin(), indices.end());
              for (std::size_t i : indices) kept->papers.push_back(batch->papers[i]);
              kept->stats.records += batch->stats.records;
              kept->stats.papers += batch->stats.papers;
              kept->stats.duplicates += batch->stats.duplicates;
              kept->stats.rejected += batch->stats.rejected;
              for (const auto& [macro, count] : batch->unknown_macros)
                kept->unknown_macros[macro] += count;
            }
            PyResults out{kept, {}};
            {
              py::gil_scoped_release release;
              out.results = rules.filter(*kept, options);
            }
            out.results.considered = considered;
            return out;
          },
          py::arg("batches"), py::arg("top") = py::none(), py::arg("threads") = 0, py::kw_only(),
          py::arg("sort") = "score", py::arg("state") = nullptr, py::arg("show_updated") = false,
          "Filter the batches of one stream (iter_file) in bounded memory: what filter(combine("
          "batches)) gives, holding only the selected papers.")
      .def(
          "_decide",
          [](const RuleSet& r, const Paper& paper) {
            const auto d = r.decide(paper);
            py::dict out;
            out["selected"] = d.selected;
            out["score"] = d.score;
            out["matched"] = d.matched;
            out["excluded_by"] = d.excluded_by;
            out["missing_required"] = d.missing_required;
            out["below_min_score"] = d.below_min_score;
            return out;
          },
          py::arg("paper"), "Why the rules select this paper or not.")
      .def("__len__", [](const RuleSet& r) { return r.rules().size(); })
      .def("__repr__",
           [](const RuleSet& r) {
             return "RuleSet(rules=" + std::to_string(r.rules().size()) +
                    (r.from_a_query() ? ", query=" + py::repr(text(r.source())).cast<std::string>()
                                      : std::string()) +
                    ")";
           })
      .def(py::pickle(
          [](const RuleSet& r) {
            return py::make_tuple(r.from_a_query(), r.source(), limits_dict(r.limits()));
          },
          [](const py::tuple& t) {
            if (t.size() != 2 && t.size() != 3)
              throw py::value_error("invalid RuleSet pickle state");
            const auto source = t[1].cast<std::string>();
            const RuleLimits limits =
                t.size() == 3 ? rule_limits(t[2].cast<py::dict>()) : RuleLimits{};
            return t[0].cast<bool>() ? RuleSet::from_query(source, limits)
                                     : RuleSet::from_json(source, limits);
          }));
}

}  // namespace papersieve::python
