// Names of enum values as users see them, and the diagnostic text form.
#include "papersieve/diagnostic.hpp"
#include "papersieve/error.hpp"
#include "papersieve/limits.hpp"
#include "papersieve/paper.hpp"

namespace papersieve {

const char* status_name(Status status) noexcept {
  switch (status) {
    case Status::ok: return "ok";
    case Status::invalid_argument: return "invalid argument";
    case Status::io: return "I/O error";
    case Status::parse: return "parse error";
    case Status::rule: return "rule error";
    case Status::limit: return "engine limit";
    case Status::unsupported: return "unsupported";
    case Status::no_memory: return "out of memory";
    case Status::internal: return "internal error";
  }
  return "unknown status";
}

std::string_view link_kind_name(LinkKind kind) noexcept {
  switch (kind) {
    case LinkKind::code: return "code";
    case LinkKind::project: return "project";
    case LinkKind::data: return "data";
    case LinkKind::paper: return "paper";
    case LinkKind::other: return "other";
  }
  return "other";
}

std::string_view limit_scope_name(LimitScope scope) noexcept {
  return scope == LimitScope::parse ? "parse" : "rules";
}

std::string_view severity_name(Severity severity) noexcept {
  return severity == Severity::error ? "error" : "warning";
}

std::string Diagnostic::to_string() const {
  std::string text = source_name;
  if (line > 0) text += ":" + std::to_string(line);
  text += ": ";
  text += severity_name(severity);
  text += ": " + message;
  if (line > 0) text += " (" + format + ", byte offset " + std::to_string(byte_offset) + ")";
  return text;
}

}  // namespace papersieve
