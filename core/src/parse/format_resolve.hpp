// Which reader an input gets: detection over its head, the refusal of input no reader
// recognizes, and the notes a close call or a wholly rejected input earns (docs/formats.md,
// "Detection").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "papersieve/diagnostic.hpp"
#include "papersieve/format.hpp"
#include "papersieve/parse.hpp"
#include "parse/corpus_builder.hpp"
#include "parse/reader.hpp"

namespace papersieve::detail {

// How much of an input's head detection reads.
constexpr std::size_t kDetectBytes = 64 << 10;

// The format to read, what detection saw in the head, and for a close detection call the note
// that says which formats were considered.
struct Resolved {
  Format format;
  std::vector<FormatCandidate> candidates;
  std::string close_call;
};

// `requested`, or with Format::automatic the detected format. Throws ParseError for input no
// reader recognizes and Error(unsupported) for a format without a reader in this build.
Resolved resolve(Format requested, std::string_view head, const std::string& name);

SourceInfo source_info(Format format, const std::string& name, const ParseOptions& options);

// The close call's note, if any, into `sink`.
void note_close_call(const Resolved& r, const std::string& name, RecordSink& sink);

// For an input whose every record was rejected (`total`: its whole count), the warning naming
// the format the input looks like instead: the usual cause is the wrong format.
std::optional<Diagnostic> all_rejected_note(const Resolved& r, const std::string& name,
                                            const ParseStats& total);

// all_rejected_note into `builder`, counting what it holds and what earlier batches counted.
void note_all_rejected(const Resolved& r, const std::string& name, const ParseStats& before,
                       CorpusBuilder& builder);

}  // namespace papersieve::detail
