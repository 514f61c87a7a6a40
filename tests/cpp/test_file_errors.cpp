// Files that are not regular, readable, stable files: a directory, a FIFO, a
// missing path, no permission, a file unlinked or truncated while it is read.
// Each gives a clear IoError or reads what is there, never a crash or a hang.
#define BOOST_TEST_MODULE file_errors
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>

#include "papersieve/error.hpp"
#include "papersieve/parse.hpp"
#include "papersieve/stream.hpp"
#include "reader_harness.hpp"
#include "test_support.hpp"

using namespace papersieve;
using test_support::contains;

namespace {

// A fresh directory under $TMPDIR, removed with everything in it at the end.
struct TempDir {
  std::string path;
  TempDir() {
    std::string pattern = (std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp");
    pattern += "/psv-files-XXXXXX";
    BOOST_REQUIRE(mkdtemp(pattern.data()) != nullptr);
    path = pattern;
  }
  ~TempDir() { std::system(("rm -rf '" + path + "'").c_str()); }
  std::string operator/(const std::string& name) const { return path + "/" + name; }
};

void write_file(const std::string& path, const std::string& content) {
  std::ofstream(path, std::ios::binary) << content;
}

// n JSON-lines records of 100 bytes each, titles "Paper 00000", "Paper 00001", ...
std::string records(std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    char title[32];
    std::snprintf(title, sizeof title, "Paper %05zu", i);
    out += "{\"title\":\"" + std::string(title) + "\",\"abstract\":\"" +
           std::string(60, 'a' + static_cast<char>(i % 26)) + "\"}\n";
  }
  return out;
}

// The IoError's message for reading `path`, or "" when there was none.
std::string io_error(const std::string& path) {
  try {
    parse_file(path);
  } catch (const IoError& e) {
    BOOST_TEST(e.status() == Status::io);
    return e.what();
  }
  return "";
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_missing_path) {
  TempDir dir;
  const std::string path = dir / "nope.jsonl";
  BOOST_TEST(io_error(path) == "cannot open '" + path + "' for reading: No such file or directory");
  BOOST_CHECK_THROW(PaperStream{path}, IoError);
}

BOOST_AUTO_TEST_CASE(a_directory) {
  TempDir dir;
  BOOST_TEST(io_error(dir.path) == "error reading '" + dir.path + "': Is a directory");
  BOOST_CHECK_THROW(PaperStream{dir.path}, IoError);
}

BOOST_AUTO_TEST_CASE(no_permission) {
  if (geteuid() == 0) {
    // root reads anything: CI runs as root, so this case runs on developer machines only.
    BOOST_TEST_MESSAGE("SKIP: running as root, file permissions do not apply");
    return;
  }
  TempDir dir;
  const std::string path = dir / "secret.jsonl";
  write_file(path, records(1));
  BOOST_REQUIRE(chmod(path.c_str(), 0) == 0);
  BOOST_TEST(io_error(path) == "cannot open '" + path + "' for reading: Permission denied");
}

// A FIFO: the reader blocks until a writer comes, reads until it closes.
BOOST_AUTO_TEST_CASE(a_fifo_with_a_writer_that_closes) {
  TempDir dir;
  const std::string path = dir / "pipe";
  BOOST_REQUIRE(mkfifo(path.c_str(), 0600) == 0);
  const std::string content = records(3000);  // more than one pipe buffer (64 KiB)
  std::thread writer([&] {
    const int fd = open(path.c_str(), O_WRONLY);
    if (fd < 0) return;
    std::size_t done = 0;
    while (done < content.size()) {
      const ssize_t n = write(fd, content.data() + done, content.size() - done);
      if (n <= 0) break;
      done += static_cast<std::size_t>(n);
    }
    close(fd);
  });
  const Corpus c = parse_file(path);
  writer.join();
  test_support::check_accounting(c);
  BOOST_TEST(c.format == Format::jsonl);
  BOOST_TEST(c.stats.records == 3000u);
  BOOST_TEST(c.papers.size() == 3000u);
  BOOST_TEST(c.papers.back().title == "Paper 02999");
}

// Unlinked after open: the open file stays readable, every record comes through.
BOOST_AUTO_TEST_CASE(a_file_unlinked_while_read) {
  TempDir dir;
  const std::string path = dir / "gone.jsonl";
  constexpr std::size_t kRecords = 40000;  // about 4 MB: several 1 MiB chunks
  write_file(path, records(kRecords));
  PaperStream stream(path);
  auto first = stream.next(10);
  BOOST_REQUIRE(first);
  BOOST_REQUIRE(std::remove(path.c_str()) == 0);
  std::uint64_t papers = first->papers.size();
  while (auto batch = stream.next(5000)) {
    test_support::check_accounting(*batch);
    papers += batch->papers.size();
  }
  BOOST_TEST(papers == kRecords);
  BOOST_TEST(stream.totals().records == kRecords);
  BOOST_TEST(stream.totals().rejected == 0u);
}

// Truncated while read: what was read counts, the cut record is rejected (when
// the cut falls inside one), nothing crashes and the accounting holds.
BOOST_AUTO_TEST_CASE(a_file_truncated_while_read) {
  TempDir dir;
  const std::string path = dir / "shrinking.jsonl";
  constexpr std::size_t kRecords = 40000;
  const std::string content = records(kRecords);
  write_file(path, content);
  const std::size_t line = content.find('\n') + 1;  // every record is the same length
  BOOST_REQUIRE(content.size() == kRecords * line);
  PaperStream stream(path);
  auto first = stream.next(10);
  BOOST_REQUIRE(first);
  // Cut 30,000 records and a half in: past what the stream has read (at most
  // two 1 MiB chunks, about 20,000 records).
  const std::size_t keep = 30000 * line + line / 2;
  BOOST_REQUIRE(truncate(path.c_str(), static_cast<off_t>(keep)) == 0);
  ParseStats sum = first->stats;
  std::string last_error;
  while (auto batch = stream.next(5000)) {
    test_support::check_accounting(*batch);
    sum.records += batch->stats.records;
    sum.papers += batch->stats.papers;
    sum.rejected += batch->stats.rejected;
    for (const auto& d : batch->diagnostics)
      if (d.severity == Severity::error) last_error = d.message;
  }
  BOOST_TEST(sum.records == 30001u);
  BOOST_TEST(sum.papers == 30000u);
  BOOST_TEST(sum.rejected == 1u);
  BOOST_TEST(contains(last_error, "truncated?"), last_error);
  BOOST_TEST(stream.totals().records == 30001u);

  // Truncated to nothing after the first batch: no crash; what was read counts,
  // the record cut at the end of the last chunk read is rejected, the rest is gone.
  write_file(path, content);
  PaperStream again(path);
  BOOST_REQUIRE(again.next(10));
  BOOST_REQUIRE(truncate(path.c_str(), 0) == 0);
  last_error.clear();
  while (auto batch = again.next(5000)) {
    test_support::check_accounting(*batch);
    for (const auto& d : batch->diagnostics)
      if (d.severity == Severity::error) last_error = d.message;
  }
  BOOST_TEST(again.totals().records < kRecords);
  BOOST_TEST(again.totals().rejected == 1u);  // 1 MiB chunks never end on a 100-byte line
  BOOST_TEST(again.totals().papers == again.totals().records - 1);
  BOOST_TEST(contains(last_error, "truncated?"), last_error);
}
