// A note about the input: a rejected record (error) or a kept one with a caveat (warning).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace papersieve {

enum class Severity { warning, error };

std::string_view severity_name(Severity severity) noexcept;

struct Diagnostic {
  Severity severity = Severity::warning;
  std::string format;       // reader that produced it
  std::string source_name;  // file path or caller-given name
  std::uint64_t line = 0;   // 1-based, 0 when not tied to a line
  std::uint64_t byte_offset = 0;
  std::string message;

  // "name:line: error: message (byte offset N)", the form compilers use.
  std::string to_string() const;
};

}  // namespace papersieve
