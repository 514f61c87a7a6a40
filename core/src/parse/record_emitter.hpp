// Hands records and diagnostics of the JSON readers to the sink, each tagged
// with where it starts in the input.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "parse/reader.hpp"

namespace papersieve::detail {

struct Position {
  std::uint64_t line = 1;    // 1-based
  std::uint64_t offset = 0;  // 0-based byte offset
};

// What mapping one record found besides the Paper.
struct RecordReport {
  std::vector<std::string> notes;  // fields ignored in a kept record
  std::string rejection;           // non-empty: the record cannot be read
  std::size_t column = 0;          // byte offset within the record the rejection points at

  bool rejected() const { return !rejection.empty(); }
  void note(std::string message) { notes.push_back(std::move(message)); }
  bool reject(std::string message, std::size_t at = 0) {
    if (rejection.empty()) {
      rejection = std::move(message);
      column = at;
    }
    return false;
  }
  void clear() {
    notes.clear();
    rejection.clear();
    column = 0;
  }
};

class RecordEmitter {
 public:
  RecordEmitter(const SourceInfo& source, RecordSink& sink);

  // The record and its notes, or its rejection at `start` + report.column.
  void emit(Paper&& paper, const RecordReport& report, Position start);
  void reject(Position where, std::string message);
  void note(Position where, std::string message);

 private:
  Diagnostic diagnostic(Severity severity, Position where, std::string message) const;

  std::string format_;
  std::string name_;
  RecordSink& sink_;
};

}  // namespace papersieve::detail
