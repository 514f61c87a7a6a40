// One JSON object per line (formats "arxiv-jsonl" and "jsonl"): the line
// machinery is shared, what a line means is a LineRecordParser.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "parse/reader.hpp"
#include "parse/record_emitter.hpp"

namespace papersieve::detail {

class LineRecordParser {
 public:
  virtual ~LineRecordParser() = default;

  // Reads one line into `paper` (which arrives empty). The line is a private,
  // writable copy ending in a NUL byte and padding, so it can be parsed in
  // situ; it may hold other NUL bytes (see check_parsed_to_end). JSON errors
  // and unusable records go to `report`.
  virtual void parse(char* line, std::size_t size, Paper& paper, RecordReport& report) = 0;

  // Reads one line without a copy, where the parser can: the line is followed by at least
  // kJsonPadding readable bytes (json_support.hpp). False, with `paper` and `report`
  // untouched, asks for parse() on a copy instead.
  virtual bool parse_in_place(std::string_view, Paper&, RecordReport&) { return false; }

  // A warning about the input as a whole, given once at its end (none when empty).
  virtual std::string finish_note() { return {}; }
};

// Skips blank lines; each other line is one record, read by `parser`.
std::unique_ptr<Reader> make_json_lines_reader(const SourceInfo& source, RecordSink& sink,
                                               std::unique_ptr<LineRecordParser> parser);

}  // namespace papersieve::detail
