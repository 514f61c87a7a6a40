#include "parse/record_emitter.hpp"

#include <utility>

namespace papersieve::detail {

RecordEmitter::RecordEmitter(const SourceInfo& source, RecordSink& sink)
    : format_(format_name(source.format)), name_(source.name), sink_(sink) {}

void RecordEmitter::emit(Paper&& paper, const RecordReport& report, Position start) {
  if (report.rejected()) {  // notes about its fields would only repeat the point
    reject(Position{start.line, start.offset + report.column}, report.rejection);
    return;
  }
  paper.source = SourceRef{format_, name_, start.line, start.offset};
  sink_.record(std::move(paper));
  for (const auto& message : report.notes) note(start, message);
}

void RecordEmitter::reject(Position where, std::string message) {
  sink_.reject(diagnostic(Severity::error, where, std::move(message)));
}

void RecordEmitter::note(Position where, std::string message) {
  sink_.note(diagnostic(Severity::warning, where, std::move(message)));
}

Diagnostic RecordEmitter::diagnostic(Severity severity, Position where, std::string message) const {
  return Diagnostic{severity, format_, name_, where.line, where.offset, std::move(message)};
}

}  // namespace papersieve::detail
