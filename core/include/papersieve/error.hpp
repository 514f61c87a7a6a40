// One error hierarchy for the whole engine; every error carries a status code
// that the C ABI returns unchanged and Python maps to an exception class.
#pragma once

#include <stdexcept>
#include <string>

namespace papersieve {

// Values are pinned: the C ABI exposes them as PSV_E* constants.
enum class Status : int {
  ok = 0,
  invalid_argument = -1,
  io = -2,
  parse = -3,
  rule = -4,
  limit = -5,
  unsupported = -6,
  no_memory = -7,
  internal = -8,
};

const char* status_name(Status status) noexcept;

namespace detail {
// The message with invalid UTF-8 replaced by U+FFFD: every error message is valid UTF-8,
// whatever input it quotes (normalize.hpp's repair_utf8).
std::string valid_utf8_message(const std::string& message);
}  // namespace detail

class Error : public std::runtime_error {
 public:
  Error(Status status, const std::string& message)
      : std::runtime_error(detail::valid_utf8_message(message)), status_(status) {}
  Status status() const noexcept { return status_; }

 private:
  Status status_;
};

// Input that cannot be read as the requested format (or at all).
class ParseError : public Error {
 public:
  explicit ParseError(const std::string& message) : Error(Status::parse, message) {}
};

// A rule or query that cannot be compiled.
class RuleError : public Error {
 public:
  explicit RuleError(const std::string& message) : Error(Status::rule, message) {}
};

// A file that cannot be opened or read.
class IoError : public Error {
 public:
  explicit IoError(const std::string& message) : Error(Status::io, message) {}
};

}  // namespace papersieve
