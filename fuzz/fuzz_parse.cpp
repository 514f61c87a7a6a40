// Every reader: the first input byte picks the format (modulo the number of format_names():
// auto and every reader), the rest is the input. Parsing never crashes, throws nothing
// but papersieve::Error, and always accounts for every record. When the byte's
// high bit is set the same input also goes through PaperStream (a memfd file,
// batches of 1..8 papers), whose totals must count the same records. Every input is
// also parsed with a small max_record_bytes (1..241, from the byte's low nibble):
// overlong lines are rejected records, and the accounting still holds. Snapshot input (high
// bit set) is also scanned by the file pipeline with and without unknown macros: a scan that
// reads only identity fields counts and notes what the full scan does.
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "fuzz_support.hpp"
#include "papersieve/filter_file.hpp"
#include "papersieve/parse.hpp"
#include "papersieve/stream.hpp"
#include "papersieve/write.hpp"

namespace {

// A memfd holding `input` (the pipeline and PaperStream read files), or -1.
int file_of(std::string_view input) {
  const int fd = memfd_create("fuzz", 0);
  std::size_t written = 0;
  while (fd >= 0 && written < input.size()) {
    const ssize_t n = write(fd, input.data() + written, input.size() - written);
    if (n <= 0) break;
    written += static_cast<std::size_t>(n);
  }
  return fd;
}

void stream_and_compare(std::string_view input, papersieve::Format format, std::size_t batch,
                        const papersieve::Corpus& whole) {
  const int fd = file_of(input);
  if (fd < 0) return;
  const std::string path = "/proc/self/fd/" + std::to_string(fd);
  try {
    papersieve::PaperStream stream(path, {format, "fuzz"});
    papersieve::ParseStats sum;
    while (auto corpus = stream.next(batch)) {
      fuzz_support::check_corpus(*corpus);
      PSV_FUZZ_CHECK(corpus->papers.size() <= batch, std::to_string(corpus->papers.size()));
      sum.records += corpus->stats.records;
      sum.rejected += corpus->stats.rejected;
    }
    const auto& totals = stream.totals();
    PSV_FUZZ_CHECK(totals.records == sum.records && totals.rejected == sum.rejected, "totals");
    PSV_FUZZ_CHECK(stream.format() == whole.format, "stream and parse detect different formats");
    PSV_FUZZ_CHECK(totals.records == whole.stats.records,
                   "stream " + std::to_string(totals.records) + " records, parse " +
                       std::to_string(whole.stats.records));
    PSV_FUZZ_CHECK(totals.rejected == whole.stats.rejected,
                   "stream " + std::to_string(totals.rejected) + " rejected, parse " +
                       std::to_string(whole.stats.rejected));
  } catch (const papersieve::Error& e) {
    fuzz_support::check_utf8(e.what(), "an error message");
  }
  close(fd);
}

// scan_file without unknown macros (identity fields only) counts and notes as the full scan.
void compare_scans(std::string_view input) {
  const int fd = file_of(input);
  if (fd < 0) return;
  const std::string path = "/proc/self/fd/" + std::to_string(fd);
  try {
    std::vector<papersieve::Diagnostic> notes[2];
    papersieve::FileFilterSummary summaries[2];
    for (int lean = 0; lean < 2; ++lean) {
      papersieve::ScanOptions options;
      options.parse = {papersieve::Format::arxiv_jsonl, "fuzz"};
      options.parse.threads = 1;
      options.unknown_macros = lean == 0;
      summaries[lean] = papersieve::scan_file(path, options,
                                              [&](std::vector<papersieve::Diagnostic>&& ds,
                                                  const papersieve::ParseStats&, std::uint64_t) {
                                                for (auto& d : ds)
                                                  notes[lean].push_back(std::move(d));
                                              });
    }
    const papersieve::ParseStats& full = summaries[0].stats;
    const papersieve::ParseStats& lean = summaries[1].stats;
    PSV_FUZZ_CHECK(full.records == lean.records && full.papers == lean.papers &&
                       full.duplicates == lean.duplicates && full.rejected == lean.rejected,
                   "an identity-only scan counts differently");
    PSV_FUZZ_CHECK(notes[0].size() == notes[1].size(), "an identity-only scan notes differently");
    for (std::size_t i = 0; i < notes[0].size(); ++i)
      PSV_FUZZ_CHECK(
          notes[0][i].message == notes[1][i].message && notes[0][i].line == notes[1][i].line,
          "scan note " + std::to_string(i) + ": " + notes[0][i].message + " | " +
              notes[1][i].message);
  } catch (const papersieve::Error& e) {
    fuzz_support::check_utf8(e.what(), "an error message");
  }
  close(fd);
}

// The snapshot reader's simdjson path reads every line as RapidJSON alone does.
void compare_with_rapidjson(std::string_view input, const papersieve::Corpus& fast) {
  setenv("PAPERSIEVE_JSON", "rapidjson", 1);
  const auto strict = papersieve::parse(input, {papersieve::Format::arxiv_jsonl, "fuzz"});
  unsetenv("PAPERSIEVE_JSON");
  PSV_FUZZ_CHECK(
      papersieve::papers_to_jsonl(strict.papers) == papersieve::papers_to_jsonl(fast.papers),
      "simdjson and RapidJSON read different papers");
  PSV_FUZZ_CHECK(strict.diagnostics.size() == fast.diagnostics.size(),
                 "simdjson and RapidJSON give different diagnostics");
  for (std::size_t i = 0; i < strict.diagnostics.size(); ++i)
    PSV_FUZZ_CHECK(strict.diagnostics[i].message == fast.diagnostics[i].message &&
                       strict.diagnostics[i].line == fast.diagnostics[i].line,
                   "diagnostic " + std::to_string(i) + ": " + strict.diagnostics[i].message +
                       " | " + fast.diagnostics[i].message);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto format = fuzz_support::format_from_byte(data[0]);
  const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  try {
    const auto corpus = papersieve::parse(input, {format, "fuzz"});
    fuzz_support::check_corpus(corpus);
    if (format != papersieve::Format::automatic)
      PSV_FUZZ_CHECK(corpus.format == format, "read as another format");
    // The writers take whatever a reader produced, and write valid UTF-8.
    fuzz_support::check_utf8(papersieve::papers_to_jsonl(corpus.papers), "JSONL output");
    fuzz_support::check_utf8(papersieve::papers_to_csv(corpus.papers), "CSV output");
    if (data[0] & 0x80) stream_and_compare(input, format, ((data[0] >> 4) & 7) + 1, corpus);
    if (corpus.format == papersieve::Format::arxiv_jsonl) {
      compare_with_rapidjson(input, corpus);
      if (data[0] & 0x80) compare_scans(input);
    }
    papersieve::ParseOptions limited{format, "fuzz"};
    limited.max_record_bytes = 1 + std::size_t{16} * (data[0] & 0x0F);
    const auto cut = papersieve::parse(input, limited);
    fuzz_support::check_corpus(cut);
    PSV_FUZZ_CHECK(cut.format == corpus.format, "max_record_bytes changed the format");
  } catch (const papersieve::Error& e) {
    // A clear error (input no reader recognizes, a format without a reader) is a valid
    // outcome; its message is valid UTF-8 whatever the input.
    fuzz_support::check_utf8(e.what(), "an error message");
  } catch (const std::exception& e) {
    fuzz_support::fail("exception other than papersieve::Error:", e.what());
  }
  return 0;
}
