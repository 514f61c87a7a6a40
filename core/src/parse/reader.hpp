// The interface every format reader implements. Readers are push parsers: they
// take the input in chunks of any size, so a file never has to fit in memory,
// and hand each record (raw, not yet normalized) to a sink.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "papersieve/diagnostic.hpp"
#include "papersieve/format.hpp"
#include "papersieve/paper.hpp"
#include "papersieve/parse.hpp"

namespace papersieve::detail {

class RecordSink {
 public:
  virtual ~RecordSink() = default;
  virtual void record(Paper&& raw) = 0;       // one record read
  virtual void reject(Diagnostic&& why) = 0;  // one record that could not be read
  virtual void note(Diagnostic&& note) = 0;   // not a record: a caveat or skipped line
};

class Reader {
 public:
  virtual ~Reader() = default;
  virtual void feed(std::string_view chunk) = 0;  // the next bytes of the input
  virtual void finish() = 0;                      // end of input
};

// Where diagnostics and Paper::source say a record came from,
// and the limits of ParseOptions the readers enforce.
struct SourceInfo {
  Format format;
  std::string name;
  std::size_t max_record_bytes = ParseOptions{}.max_record_bytes;
  std::size_t max_document_bytes = ParseOptions{}.max_document_bytes;
  // Where the bytes fed start in the whole input (a stretch of JSON lines read on its own;
  // the JSON lines readers number lines and offsets from here).
  std::uint64_t first_line = 1;
  std::uint64_t first_offset = 0;
  // The sink keeps only what identifies a paper (CorpusBuilder::normalize_identity_only): a
  // reader may leave the other fields out of a record it has validated as UTF-8, where they
  // could not change a count or a note.
  bool identity_only = false;
};

// Throws Error(unsupported) when this build has no reader for the format.
std::unique_ptr<Reader> make_reader(const SourceInfo& source, RecordSink& sink);

}  // namespace papersieve::detail
