// The file pipeline (filter_file, scan_file): the same hits, scores, spans and order as
// RuleSet::filter over parse_file, for any number of threads, any memory budget and any
// order; lines and offsets of later stretches right; duplicates across stretches counted.
#define BOOST_TEST_MODULE filter_file
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "papersieve/error.hpp"
#include "papersieve/filter_file.hpp"
#include "papersieve/parse.hpp"
#include "papersieve/rules.hpp"
#include "papersieve/write.hpp"
#include "pipeline/line_numbers.hpp"
#include "test_support.hpp"

using namespace papersieve;

namespace {

const char* kWords[] = {"diffusion", "model",  "quantum", "graph", "neural",  "lattice",
                        "field",     "theory", "photon",  "spin",  "entropy", "Schrödinger"};

// Record `n` of a generated arXiv snapshot: varied words, some TeX, about 1 KB.
std::string record(std::size_t n, const std::string& id_prefix = "2401") {
  char id[32];
  std::snprintf(id, sizeof id, "%s.%05zu", id_prefix.c_str(), n % 100000);
  std::string title = "On " + std::string(kWords[n % 12]) + " and " + kWords[(n / 12) % 12] +
                      " number " + std::to_string(n);
  std::string abstract;
  for (std::size_t i = 0; i < 40; ++i) abstract += std::string(kWords[(n * 7 + i) % 12]) + " ";
  abstract += "with $\\\\alpha$ and 13 TeV.";
  return std::string("{\"id\":\"") + id + "\",\"submitter\":\"A. Person\",\"authors\":\"" +
         "A. Person and B. Bal\\\\'azs\",\"title\":\"" + title + "\",\"comments\":null," +
         "\"journal-ref\":null,\"doi\":null,\"categories\":\"hep-th cs.LG\",\"abstract\":\"  " +
         abstract + "\\n\",\"versions\":[{\"version\":\"v1\",\"created\":\"Mon, 2 Apr 2007 " +
         "19:18:42 GMT\"}],\"update_date\":\"2008-11-13\"}\n";
}

struct TempFile {
  std::string path;
  explicit TempFile(const std::string& text) {
    char name[] = "/tmp/psv_filter_file_XXXXXX";
    const int fd = mkstemp(name);
    BOOST_REQUIRE(fd >= 0);
    close(fd);
    path = name;
    std::ofstream(path, std::ios::binary) << text;
  }
  ~TempFile() { std::remove(path.c_str()); }
};

// More than three stretches of JSON lines (a stretch is about 4 MiB).
std::string snapshot(std::size_t records) {
  std::string text;
  for (std::size_t n = 0; n < records; ++n) text += record(n);
  return text;
}

const RuleSet& rules() {
  static const RuleSet r = RuleSet::from_json(R"({"rules": [
    {"name": "dm", "query": "\"diffusion model\"", "weight": 2},
    {"name": "q", "query": "title:quantum"},
    {"name": "schrodinger", "query": "schrodinger lattice"},
    {"name": "alpha", "regex": ["α and [0-9]+ TeV"], "weight": 0.5},
    {"name": "balazs", "query": "authors:Balázs spin", "weight": 0.25},
    {"name": "no_graphs", "query": "title:graph", "exclude": true}]})");
  return r;
}

struct Output {
  std::string text;
  FileFilterSummary summary;
  std::vector<Diagnostic> diagnostics;
};

Output run(const std::string& path, std::size_t threads, SortOrder sort = SortOrder::score,
           std::optional<std::size_t> top = std::nullopt,
           std::size_t budget = FileFilterOptions{}.memory_budget) {
  FileFilterOptions options;
  options.parse.threads = threads;
  options.filter.sort = sort;
  options.filter.top = top;
  options.memory_budget = budget;
  Output out;
  out.summary = filter_file(
      path, rules(), options, [&](std::string_view bytes) { out.text.append(bytes); },
      [&](std::vector<Diagnostic>&& ds, const ParseStats&, std::uint64_t) {
        for (auto& d : ds) out.diagnostics.push_back(std::move(d));
      });
  return out;
}

// What RuleSet::filter over parse_file gives, as JSON lines.
std::string reference(const std::string& path, SortOrder sort = SortOrder::score,
                      std::optional<std::size_t> top = std::nullopt) {
  const Corpus corpus = parse_file(path);
  FilterOptions options;
  options.sort = sort;
  options.top = top;
  return hits_to_jsonl(corpus, rules().filter(corpus, options));
}

std::size_t lines(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

}  // namespace

BOOST_AUTO_TEST_CASE(same_hits_as_filter_over_parse_file_for_any_threads) {
  const TempFile file(snapshot(16000));  // ~17 MB: five stretches
  const std::string expected = reference(file.path);
  BOOST_REQUIRE_GT(lines(expected), 1000u);
  BOOST_REQUIRE_LT(lines(expected), 16000u);  // the exclude rule and misses count
  for (std::size_t threads : {1, 2, 3}) {
    const Output out = run(file.path, threads);
    BOOST_TEST(out.text == expected, "threads " << threads);
    BOOST_TEST(out.summary.stats.records == 16000u);
    BOOST_TEST(out.summary.stats.papers == 16000u);
    BOOST_TEST(out.summary.considered == 16000u);
    BOOST_TEST(out.summary.written == lines(expected));
    BOOST_TEST(out.summary.selected == lines(expected));
    BOOST_TEST(out.summary.format == Format::arxiv_jsonl);
    BOOST_TEST(out.diagnostics.empty());
  }
}

BOOST_AUTO_TEST_CASE(every_order_and_top_agree_with_filter_and_spill_changes_nothing) {
  const TempFile file(snapshot(9000));
  for (SortOrder sort : {SortOrder::score, SortOrder::published, SortOrder::input}) {
    const std::string expected = reference(file.path, sort);
    BOOST_TEST(run(file.path, 2, sort).text == expected);
    // A budget of 4 KiB sends nearly every held line to the temporary file.
    BOOST_TEST(run(file.path, 2, sort, std::nullopt, 4096).text == expected);
    const std::string top7 = reference(file.path, sort, 7);
    BOOST_TEST(lines(top7) == 7u);
    BOOST_TEST(run(file.path, 2, sort, 7).text == top7);
    BOOST_TEST(run(file.path, 1, sort, 7, 4096).text == top7);
    BOOST_TEST(run(file.path, 2, sort, 0).text.empty());
  }
}

BOOST_AUTO_TEST_CASE(later_stretches_keep_their_lines_offsets_and_duplicates) {
  std::string text = snapshot(12000);
  const std::size_t bad_offset = text.size();
  text += "{\"id\": \"2401.99999\", \"title\": broken\n";  // line 12001, a reject
  text += record(3);                                       // line 12002, a duplicate of line 4
  text += record(12003, "2402");
  const TempFile file(text);
  const Corpus whole = parse_file(file.path);  // what one reader over the whole input says
  BOOST_REQUIRE_EQUAL(whole.diagnostics.size(), 2u);
  BOOST_TEST(whole.diagnostics[0].byte_offset >= bad_offset);
  for (std::size_t threads : {1, 2}) {
    const Output out = run(file.path, threads);
    BOOST_TEST(out.summary.stats.records == 12003u);
    BOOST_TEST(out.summary.stats.papers == 12001u);
    BOOST_TEST(out.summary.stats.rejected == 1u);
    BOOST_TEST(out.summary.stats.duplicates == 1u);
    BOOST_REQUIRE_EQUAL(out.diagnostics.size(), 2u);
    BOOST_TEST(out.diagnostics[0].severity == Severity::error);
    BOOST_TEST(out.diagnostics[0].line == 12001u);
    BOOST_TEST(out.diagnostics[0].byte_offset == whole.diagnostics[0].byte_offset);
    BOOST_TEST(out.diagnostics[0].message == whole.diagnostics[0].message);
    BOOST_TEST(out.diagnostics[1].severity == Severity::warning);
    BOOST_TEST(out.diagnostics[1].line == 12002u);
    BOOST_TEST(out.diagnostics[1].message.find("2401.00003") != std::string::npos);
    BOOST_TEST(out.summary.warnings == 1u);
  }
  // scan_file counts the same.
  ParseOptions options;
  options.threads = 2;
  const FileFilterSummary scanned = scan_file(file.path, options);
  BOOST_TEST(scanned.stats.records == 12003u);
  BOOST_TEST(scanned.stats.duplicates == 1u);
  BOOST_TEST(scanned.stats.rejected == 1u);
}

BOOST_AUTO_TEST_CASE(other_formats_go_through_the_stream_with_the_same_hits) {
  const std::string path = test_support::shared_data("hf_daily_papers_api.json");
  if (path.empty()) return;
  const RuleSet any = RuleSet::from_query("model OR learning OR image");
  const Corpus corpus = parse_file(path);
  const std::string expected = hits_to_jsonl(corpus, any.filter(corpus));
  BOOST_REQUIRE_GT(lines(expected), 3u);
  for (std::size_t threads : {1, 2}) {
    FileFilterOptions options;
    options.parse.threads = threads;
    std::string text;
    const FileFilterSummary s =
        filter_file(path, any, options, [&](std::string_view b) { text.append(b); });
    BOOST_TEST(text == expected);
    BOOST_TEST(s.format == Format::hf_json);
    BOOST_TEST(s.stats.papers == corpus.stats.papers);
  }
}

BOOST_AUTO_TEST_CASE(errors_reach_the_caller) {
  BOOST_CHECK_THROW(run("/nonexistent/papers.jsonl", 2), IoError);
  const TempFile not_papers("\x01\x02 binary, not a paper dump \x03\n");
  BOOST_CHECK_THROW(run(not_papers.path, 2), ParseError);
  const TempFile file(snapshot(6000));
  FileFilterOptions options;
  options.parse.threads = 2;
  options.filter.sort = SortOrder::input;
  BOOST_CHECK_THROW(filter_file(file.path, rules(), options,
                                [](std::string_view) { throw IoError("disk full"); }),
                    IoError);
}

BOOST_AUTO_TEST_CASE(many_spilled_runs_merge_to_the_same_output) {
  // A budget of 1 KiB spills every hit or two as its own run: thousands of runs, merged in
  // passes; ties in score across runs keep the input order.
  const TempFile file(snapshot(6000));
  for (SortOrder sort : {SortOrder::score, SortOrder::published}) {
    const std::string expected = reference(file.path, sort);
    BOOST_REQUIRE_GT(lines(expected), 1000u);
    BOOST_TEST(run(file.path, 2, sort, std::nullopt, 1024).text == expected);
    BOOST_TEST(run(file.path, 2, sort, 100, 1024).text == reference(file.path, sort, 100));
  }
}

BOOST_AUTO_TEST_CASE(an_unusable_tmpdir_is_a_clear_error_once_hits_spill) {
  const TempFile file(snapshot(3000));
  const char* before = std::getenv("TMPDIR");
  const std::string saved = before != nullptr ? before : "";
  setenv("TMPDIR", "/nonexistent/psv-tmp", 1);
  try {
    run(file.path, 2, SortOrder::score, std::nullopt, 4096);
    BOOST_ERROR("no error");
  } catch (const IoError& e) {
    BOOST_TEST(std::string(e.what()).find("/nonexistent/psv-tmp") != std::string::npos, e.what());
  }
  // Within the budget nothing spills and no temporary file is needed.
  BOOST_TEST(run(file.path, 2).text == reference(file.path));
  if (before != nullptr) {
    setenv("TMPDIR", saved.c_str(), 1);
  } else {
    unsetenv("TMPDIR");
  }
}

// A line longer than max_record_bytes is one rejected record wherever it lies: inside a
// stretch (the reader rejects it), across the end of one (the chunker reads it only to find
// its end), right after such a line, or last without a line end. Records, rejections,
// diagnostics, hits and the lines and offsets after them are those of one reader.
BOOST_AUTO_TEST_CASE(overlong_lines_are_one_rejection_each_as_one_reader_says) {
  const std::string big =
      "{\"id\": \"2402.00001\", \"title\": \"" + std::string(300000, 'x') + "\"}";
  std::string text = record(0) + big + "\n";
  std::size_t n = 1;
  while (text.size() < (std::size_t{4} << 20) - 100000) text += record(n++);
  text += big + "\r\n" + big + "\n";  // the first runs past the first stretch's end
  while (text.size() < (std::size_t{9} << 20)) text += record(n++);
  text += big;
  const TempFile file(text);
  ParseOptions parse;
  parse.max_record_bytes = 50000;
  const Corpus whole = parse_file(file.path, parse);
  BOOST_REQUIRE_EQUAL(whole.stats.rejected, 4u);
  FilterOptions sorted;
  const std::string expected = hits_to_jsonl(whole, rules().filter(whole, sorted));
  BOOST_REQUIRE_GT(lines(expected), 100u);
  for (std::size_t threads : {1, 2}) {
    FileFilterOptions options;
    options.parse = parse;
    options.parse.threads = threads;
    Output out;
    out.summary = filter_file(
        file.path, rules(), options, [&](std::string_view bytes) { out.text.append(bytes); },
        [&](std::vector<Diagnostic>&& ds, const ParseStats&, std::uint64_t) {
          for (auto& d : ds) out.diagnostics.push_back(std::move(d));
        });
    BOOST_TEST(out.text == expected, "threads " << threads);
    BOOST_TEST(out.summary.stats.records == whole.stats.records);
    BOOST_TEST(out.summary.stats.rejected == 4u);
    BOOST_REQUIRE_EQUAL(out.diagnostics.size(), whole.diagnostics.size());
    for (std::size_t i = 0; i < whole.diagnostics.size(); ++i) {
      BOOST_TEST(out.diagnostics[i].line == whole.diagnostics[i].line);
      BOOST_TEST(out.diagnostics[i].byte_offset == whole.diagnostics[i].byte_offset);
      BOOST_TEST(out.diagnostics[i].message == whole.diagnostics[i].message);
    }
    const FileFilterSummary scanned = scan_file(file.path, options.parse);
    BOOST_TEST(scanned.stats.records == whole.stats.records);
    BOOST_TEST(scanned.stats.rejected == 4u);
  }
}

// scan_file without unknown macros normalizes only what identity needs, falling back to the
// whole of it where a field is not ASCII: counts and diagnostics are those of the full scan.
BOOST_AUTO_TEST_CASE(a_scan_without_macros_counts_and_notes_the_same) {
  std::string text = snapshot(9000);  // three stretches; every abstract has TeX
  // Within one stretch: a title that is another's after TeX rendering (a duplicate), a DOI
  // shared by two records without arXiv ids, an unknown macro, non-ASCII authors, and invalid
  // UTF-8 in an abstract and in the authors (read by RapidJSON, repaired with a note).
  text += R"({"id":"2403.00001","title":"Caf\\'e theory of spin","abstract":"a \\sysname model"})"
          "\n";
  text += R"({"id":"2403.00002","title":"Café theory of spin","abstract":"the same paper"})"
          "\n";
  text += R"({"id":"x1","title":"Shared DOI one","doi":"10.1000/ABC","abstract":"one"})"
          "\n";
  text += R"({"id":"x2","title":"Shared DOI two","doi":"10.1000/abc","abstract":"two"})"
          "\n";
  text += R"({"id":"2403.00005","title":"Accents","authors":"Jörg Müller","abstract":"ok"})"
          "\n";
  text += "{\"id\":\"2403.00006\",\"title\":\"Bad bytes\",\"abstract\":\"a \xff b\"}\n";
  text +=
      "{\"id\":\"2403.00007\",\"title\":\"Bad author\",\"authors\":\"A "
      "\xc3\",\"abstract\":\"c\"}\n";
  // What the reader notes or rejects in fields a scan leaves unread: a malformed
  // authors_parsed entry, a date that is not one, wrong types.
  text +=
      R"({"id":"2403.00008","title":"Odd authors","authors_parsed":[["","",""],["Doe","J.",""]]})"
      "\n";
  text += R"({"id":"2403.00009","title":"Odd date","versions":[{"version":"v2","created":"soon"}]})"
          "\n";
  text +=
      R"({"id":"2403.00010","title":"Wrong types","categories":7,"authors":["x"],"submitter":1})"
      "\n";
  text += R"({"id":"2403.00011","title":"Abstract of a wrong type","abstract":5})"
          "\n";
  text += record(4);  // a duplicate of a paper of the first stretch
  const TempFile file(text);
  const auto scan = [&](bool macros, std::size_t threads, std::vector<Diagnostic>& notes) {
    ScanOptions options;
    options.parse.threads = threads;
    options.unknown_macros = macros;
    return scan_file(file.path, options,
                     [&](std::vector<Diagnostic>&& ds, const ParseStats&, std::uint64_t) {
                       for (auto& d : ds) notes.push_back(std::move(d));
                     });
  };
  std::vector<Diagnostic> full_notes;
  const FileFilterSummary full = scan(true, 1, full_notes);
  BOOST_TEST(full.stats.records == 9012u);
  BOOST_TEST(full.stats.duplicates == 3u);
  BOOST_TEST(full.stats.rejected == 1u);
  BOOST_TEST(full.warnings >= 10u);  // three duplicates, two repairs, five reader notes
  BOOST_TEST(full.unknown_macros.count("\\sysname") == 1u);
  for (std::size_t threads : {1, 2}) {
    std::vector<Diagnostic> notes;
    const FileFilterSummary fast = scan(false, threads, notes);
    BOOST_TEST(fast.unknown_macros.empty());  // the fast path was taken
    BOOST_TEST(fast.stats.records == full.stats.records);
    BOOST_TEST(fast.stats.papers == full.stats.papers);
    BOOST_TEST(fast.stats.duplicates == full.stats.duplicates);
    BOOST_TEST(fast.stats.rejected == full.stats.rejected);
    BOOST_TEST(fast.warnings == full.warnings);
    BOOST_REQUIRE_EQUAL(notes.size(), full_notes.size());
    for (std::size_t i = 0; i < notes.size(); ++i) {
      BOOST_TEST(notes[i].line == full_notes[i].line);
      BOOST_TEST(notes[i].message == full_notes[i].message);
    }
  }
  // The real records, where there are.
  const std::string real = test_support::shared_data("arxiv_oai_snapshot_first100.jsonl");
  if (real.empty()) return;
  ScanOptions options;
  options.parse.threads = 2;
  const FileFilterSummary real_full = scan_file(real, options, {});
  options.unknown_macros = false;
  const FileFilterSummary real_fast = scan_file(real, options, {});
  BOOST_TEST(real_fast.stats.papers == real_full.stats.papers);
  BOOST_TEST(real_fast.stats.papers == 100u);
  BOOST_TEST(real_fast.warnings == real_full.warnings);
}

// Workers number their stretches' lines in input order whatever order they come in, and a
// stretch that failed to be read stops the ones after it from waiting for ever.
BOOST_AUTO_TEST_CASE(stretches_are_numbered_in_input_order_from_any_thread) {
  const auto stretch = [](std::uint64_t sequence, const std::string& text,
                          std::uint64_t overlong = 0) {
    detail::LineChunk chunk;
    chunk.sequence = sequence;
    chunk.buffer = text;
    chunk.size = text.size();
    chunk.overlong_length = overlong;
    return chunk;
  };
  detail::LineNumbers numbers;
  detail::LineChunk third = stretch(2, "f\n");
  std::thread late([&] { numbers.number(third); });  // waits for the two before it
  // Let the last stretch arrive first: numbering in order of arrival would then give it 1.
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  detail::LineChunk first = stretch(0, "a\nb\nc\n", 900);
  detail::LineChunk second = stretch(1, "d\ne\n");
  numbers.number(first);
  numbers.number(second);
  late.join();
  BOOST_TEST(first.first_line == 1u);
  BOOST_TEST(first.overlong_line == 4u);  // the overlong line after its three
  BOOST_TEST(second.first_line == 5u);
  BOOST_TEST(third.first_line == 7u);

  detail::LineNumbers failing;
  detail::LineChunk after = stretch(1, "x\n");
  bool threw = false;
  std::thread waiting([&] {
    try {
      failing.number(after);
    } catch (const Error&) {
      threw = true;
    }
  });
  failing.fail();  // stretch 0 could not be read
  waiting.join();
  BOOST_TEST(threw);
}

// A line longer than two stretches: the stretches inside it hold no line start and read
// nothing; the one it starts in reads it whole (within max_record_bytes) or only to its end
// (past it). Either way the records, lines and offsets are those of one reader.
BOOST_AUTO_TEST_CASE(a_line_longer_than_two_stretches_is_one_record) {
  const std::string huge =
      "{\"id\": \"2402.00001\", \"title\": \"Quantum lattice\", \"abstract\": \"" +
      std::string(std::size_t{9} << 20, 'q') + "\"}";
  std::string text = snapshot(3000) + huge + "\n";
  for (std::size_t n = 3000; n < 6000; ++n) text += record(n);
  std::string last = huge;
  last.replace(last.find("00001"), 5, "00002");
  last.replace(last.find("Quantum"), 7, "Another");
  text += last;  // without a line end
  const TempFile file(text);
  for (std::size_t limit : {std::size_t{16} << 20, std::size_t{50000}}) {
    ParseOptions parse;
    parse.max_record_bytes = limit;
    const Corpus whole = parse_file(file.path, parse);
    const std::string expected = hits_to_jsonl(whole, rules().filter(whole, FilterOptions{}));
    for (std::size_t threads : {1, 2}) {
      FileFilterOptions options;
      options.parse = parse;
      options.parse.threads = threads;
      std::vector<Diagnostic> diagnostics;
      std::string out;
      const FileFilterSummary s = filter_file(
          file.path, rules(), options, [&](std::string_view b) { out.append(b); },
          [&](std::vector<Diagnostic>&& ds, const ParseStats&, std::uint64_t) {
            for (auto& d : ds) diagnostics.push_back(std::move(d));
          });
      BOOST_TEST(out == expected, "limit " << limit << ", threads " << threads);
      BOOST_TEST(s.stats.records == 6002u);
      BOOST_TEST(s.stats.rejected == (limit == 50000 ? 2u : 0u));
      BOOST_REQUIRE_EQUAL(diagnostics.size(), whole.diagnostics.size());
      for (std::size_t i = 0; i < diagnostics.size(); ++i) {
        BOOST_TEST(diagnostics[i].line == whole.diagnostics[i].line);
        BOOST_TEST(diagnostics[i].byte_offset == whole.diagnostics[i].byte_offset);
        BOOST_TEST(diagnostics[i].message == whole.diagnostics[i].message);
      }
    }
  }
}
