#include "parse/format_resolve.hpp"

#include <algorithm>

#include "papersieve/error.hpp"
#include "papersieve/normalize.hpp"

namespace papersieve::detail {
namespace {

std::string considered(const std::vector<FormatCandidate>& candidates) {
  std::string text = "format detected as " + std::string(format_name(candidates[0].format)) + " (" +
                     candidates[0].evidence + "); also considered";
  for (std::size_t i = 1; i < candidates.size(); ++i) {
    text += (i == 1 ? " " : ", ") + std::string(format_name(candidates[i].format)) + " (" +
            candidates[i].evidence + ")";
  }
  return text + "; pass the format by name if this is wrong";
}

bool is_blank(std::string_view head) {
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  return head.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// "hf-json, arxiv-jsonl, ...": every reader of this build, so new formats name themselves.
std::string reader_names() {
  std::string names;
  for (const std::string_view name : format_names()) {
    const Format f = format_from_name(name);
    if (f != Format::automatic && format_supported(f))
      names += (names.empty() ? "" : ", ") + std::string(name);
  }
  return names;
}

// `auto` with no candidate: refused, never read as some format anyway (docs/formats.md).
[[noreturn]] void refuse_unknown(std::string_view head, const std::string& name) {
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  head.remove_prefix(std::min(head.size(), head.find_first_not_of(" \t\r\n")));
  const std::string_view first_line = head.substr(0, head.find_first_of("\r\n"));
  throw ParseError(name + ": no reader recognizes this input (tried " + reader_names() +
                   "); it starts \"" + utf8_excerpt(first_line, 60) +
                   "\"; name the format to read it anyway");
}

}  // namespace

Resolved resolve(Format requested, std::string_view head, const std::string& name) {
  Resolved r{requested, detect_format_candidates(head), {}};
  if (requested == Format::automatic) {
    if (r.candidates.empty()) {
      if (!is_blank(head)) refuse_unknown(head, name);
      r.format = Format::jsonl;  // blank input: no records in any format
    } else {
      r.format = r.candidates.front().format;
      if (is_close_call(r.candidates)) r.close_call = considered(r.candidates);
    }
  }
  if (!format_supported(r.format)) {
    throw Error(Status::unsupported, "format '" + std::string(format_name(r.format)) + "'" +
                                         (requested == Format::automatic ? " (detected)" : "") +
                                         " has no reader in this build of papersieve");
  }
  return r;
}

SourceInfo source_info(Format format, const std::string& name, const ParseOptions& options) {
  return {format, name, options.max_record_bytes, options.max_document_bytes};
}

void note_close_call(const Resolved& r, const std::string& name, RecordSink& sink) {
  if (r.close_call.empty()) return;
  sink.note(
      Diagnostic{Severity::warning, std::string(format_name(r.format)), name, 1, 0, r.close_call});
}

// A reader that rejected every record it found says so once, naming the format the input looks
// like instead: the usual cause is the wrong --format (docs/formats.md, "Detection").
// `before`: what earlier batches of the same input counted.
std::optional<Diagnostic> all_rejected_note(const Resolved& r, const std::string& name,
                                            const ParseStats& total) {
  if (total.papers + total.duplicates > 0 || total.rejected == 0) return std::nullopt;
  std::string message = "every record was rejected as " + std::string(format_name(r.format));
  const FormatCandidate* other = nullptr;
  for (const FormatCandidate& c : r.candidates)
    if (c.format != r.format && other == nullptr) other = &c;
  if (other != nullptr)
    message += "; the input looks like " + std::string(format_name(other->format)) + " (" +
               other->evidence + ")";
  else if (r.candidates.empty())
    message += "; no reader recognizes this input";
  return Diagnostic{Severity::warning, std::string(format_name(r.format)), name, 1, 0, message};
}

void note_all_rejected(const Resolved& r, const std::string& name, const ParseStats& before,
                       CorpusBuilder& builder) {
  const ParseStats now = builder.pending_stats();
  ParseStats total;
  total.papers = before.papers + now.papers;
  total.duplicates = before.duplicates + now.duplicates;
  total.rejected = before.rejected + now.rejected;
  if (auto note = all_rejected_note(r, name, total)) builder.note(std::move(*note));
}

}  // namespace papersieve::detail
