// The file pipeline (docs/design.md, "The file pipeline"): read stretches of input, do the
// per-record work on every core, settle the results in input order.
#include "papersieve/filter_file.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <mutex>
#include <optional>
#include <utility>

#include "papersieve/normalize.hpp"
#include "papersieve/stream.hpp"
#include "parallel.hpp"
#include "parse/file_source.hpp"
#include "parse/format_resolve.hpp"
#include "parse/seen_keys.hpp"
#include "pipeline/chunk_filter.hpp"
#include "pipeline/held_hits.hpp"
#include "pipeline/line_chunker.hpp"
#include "pipeline/line_numbers.hpp"
#include "pipeline/ordered_workers.hpp"

namespace papersieve {
namespace {

using detail::FilteredChunk;

constexpr std::size_t kStretchBytes = std::size_t{4} << 20;  // JSON lines a worker reads at once
constexpr std::size_t kBatchPapers = 4096;                   // papers of other formats
constexpr std::size_t kWriteBytes = std::size_t{1} << 20;    // output handed on at once

// Formats whose every line is one record and which say nothing about the input as a whole:
// a stretch of lines reads the same on its own as within the input.
bool reads_by_line(Format format) { return format == Format::arxiv_jsonl; }

bool regular_file(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode);
}

// Takes the results in input order: duplicates of papers settled before are dropped, hits go
// out (input order) or into the held hits (ranked), counts and diagnostics are summed.
class Settler {
 public:
  Settler(const FileFilterOptions& options, const OutputWriter* write,
          const FilterProgress& progress, detail::BufferPool& line_buffers)
      : write_(write), progress_(progress), top_(options.filter.top), line_buffers_(line_buffers) {
    if (write_ != nullptr && options.filter.sort != SortOrder::input)
      held_.emplace(options.filter.sort, top_, options.memory_budget);
  }

  void note(Diagnostic&& diagnostic) {
    std::vector<Diagnostic> notes;
    notes.push_back(std::move(diagnostic));
    report(std::move(notes), summary_.stats, bytes_);
  }

  void settle(FilteredChunk&& chunk) {
    ParseStats& stats = summary_.stats;
    stats.records += chunk.stats.records;
    stats.papers += chunk.stats.papers;
    stats.duplicates += chunk.stats.duplicates;
    stats.rejected += chunk.stats.rejected;
    for (const auto& [macro, count] : chunk.unknown_macros) summary_.unknown_macros[macro] += count;
    // The keys of the papers a few ahead are prefetched: each look-up is a cache miss.
    constexpr std::size_t kAhead = 8;
    const std::size_t entries = chunk.entries.size();
    for (std::size_t i = 0; i < entries; ++i) {
      const FilteredChunk::Entry& entry = chunk.entries[i];
      if (chunk.check_duplicates && i + kAhead < entries) {
        const FilteredChunk::Entry& next = chunk.entries[i + kAhead];
        for (std::uint32_t k = next.keys_begin; k < next.keys_end; ++k)
          seen_.prefetch(chunk.keys[k]);
      }
      if (chunk.check_duplicates && settled_before(chunk, entry)) {
        --stats.papers;
        ++stats.duplicates;
        if (entry.selected) --chunk.selected;
        chunk.diagnostics.push_back(Diagnostic{
            Severity::warning, chunk.format_name, chunk.source_name, entry.line, entry.byte_offset,
            "duplicate of a paper read before (" + entry.id + "), dropped"});
        continue;
      }
      if (entry.hit >= 0) out(chunk, chunk.hits[static_cast<std::size_t>(entry.hit)]);
    }
    summary_.selected += chunk.selected;
    bytes_ = std::max(bytes_, chunk.bytes_end);
    line_buffers_.give(std::move(chunk.lines));
    report(std::move(chunk.diagnostics), stats, bytes_);
  }

  FileFilterSummary finish() {
    if (held_) {
      summary_.written = held_->write_ranked(*write_);
    } else if (write_ != nullptr && !pending_.empty()) {
      (*write_)(pending_);
    }
    summary_.considered = static_cast<std::size_t>(summary_.stats.papers);
    return std::move(summary_);
  }

  const ParseStats& stats() const { return summary_.stats; }

 private:
  bool settled_before(const FilteredChunk& chunk, const FilteredChunk::Entry& entry) {
    for (std::uint32_t k = entry.keys_begin; k < entry.check_end; ++k)
      if (seen_.contains(chunk.keys[k])) return true;
    for (std::uint32_t k = entry.keys_begin; k < entry.keys_end; ++k) seen_.insert(chunk.keys[k]);
    return false;
  }

  void out(const FilteredChunk& chunk, FilteredChunk::HitLine& hit) {
    if (write_ == nullptr) return;
    const std::string_view line(chunk.lines.data() + hit.begin, hit.end - hit.begin);
    hit.rank.input = next_input_++;
    if (held_) {
      held_->add(hit.rank, line);
      return;
    }
    if (top_ && summary_.written >= *top_) return;
    ++summary_.written;
    pending_.append(line);
    if (pending_.size() >= kWriteBytes) {
      (*write_)(pending_);
      pending_.clear();
    }
  }

  void report(std::vector<Diagnostic>&& diagnostics, const ParseStats& stats, std::uint64_t bytes) {
    for (Diagnostic& d : diagnostics) {
      summary_.warnings += d.severity == Severity::warning;
      repair_utf8_in_place(d.message);  // whatever a reader wrote, the caller gets UTF-8
    }
    if (progress_) progress_(std::move(diagnostics), stats, bytes);
  }

  const OutputWriter* write_;
  const FilterProgress& progress_;
  std::optional<std::size_t> top_;
  detail::BufferPool& line_buffers_;
  std::optional<detail::HeldHits> held_;
  detail::SeenKeys seen_;
  std::string pending_;  // input order: output not yet handed on
  std::uint64_t next_input_ = 0;
  std::uint64_t bytes_ = 0;
  FileFilterSummary summary_;
};

// `identity_only`: without rules, JSON lines are normalized only as far as counting needs.
FileFilterSummary run(const std::string& path, const RuleSet* rules,
                      const FileFilterOptions& options, const OutputWriter* write,
                      const FilterProgress& progress, bool identity_only = false) {
  const std::size_t threads = detail::resolve_threads(options.parse.threads);
  ParseOptions parse = options.parse;
  if (parse.source_name == ParseOptions{}.source_name) parse.source_name = path;
  const std::string name = repair_utf8(parse.source_name);
  std::mutex state_lock;
  detail::ChunkContext context;
  context.rules = rules;
  context.sort = options.filter.sort;
  context.state = options.filter.state;
  context.show_updated = options.filter.show_updated;
  context.state_lock = &state_lock;
  detail::BufferPool input_buffers, line_buffers;
  context.line_buffers = &line_buffers;
  Settler settler(options, write, progress, line_buffers);

  std::optional<detail::FileSource> file;
  std::string_view first;
  std::optional<detail::Resolved> resolved;
  if (regular_file(path) && parse.join_abstracts.empty()) {
    file.emplace(path);
    first = file->next();
    resolved = detail::resolve(parse.format, first.substr(0, detail::kDetectBytes), name);
  }
  if (resolved && reads_by_line(resolved->format)) {
    context.source = detail::source_info(resolved->format, name, parse);
    context.source.identity_only = rules == nullptr && identity_only;
    if (!resolved->close_call.empty())
      settler.note(Diagnostic{Severity::warning, std::string(format_name(resolved->format)), name,
                              1, 0, resolved->close_call});
    detail::LineChunker chunker(*file, path, first, kStretchBytes, parse.max_record_bytes,
                                input_buffers);
    detail::LineNumbers numbers;
    detail::run_ordered<detail::LineChunk, FilteredChunk>(
        threads, [&] { return chunker.next(); },
        [&](detail::LineChunk&& chunk) {
          try {
            chunker.read(chunk);
          } catch (...) {
            numbers.fail();
            throw;
          }
          numbers.number(chunk);
          FilteredChunk out = detail::filter_lines(chunk, context);
          out.bytes_end = chunk.end();
          input_buffers.give(std::move(chunk.buffer));
          return out;
        },
        [&](FilteredChunk&& chunk) { settler.settle(std::move(chunk)); });
    if (auto note = detail::all_rejected_note(*resolved, name, settler.stats()))
      settler.note(std::move(*note));
    FileFilterSummary summary = settler.finish();
    summary.format = resolved->format;
    return summary;
  }
  // Every other format: the stream reads, normalizes and de-duplicates; the workers match.
  file.reset();
  ParseOptions stream_options = parse;
  stream_options.threads = threads;
  PaperStream stream(path, stream_options);
  context.source = detail::source_info(stream.format(), name, parse);
  detail::run_ordered<Corpus, FilteredChunk>(
      threads, [&] { return stream.next(kBatchPapers); },
      [&](Corpus&& batch) {
        // Progress: where the batch's last paper starts (compressed input: decoded bytes).
        const std::uint64_t end = batch.papers.empty() ? 0 : batch.papers.back().source.byte_offset;
        FilteredChunk out = detail::filter_batch(std::move(batch), context);
        out.bytes_end = end;
        return out;
      },
      [&](FilteredChunk&& chunk) { settler.settle(std::move(chunk)); });
  FileFilterSummary summary = settler.finish();
  summary.format = stream.format();
  return summary;
}

}  // namespace

FileFilterSummary filter_file(const std::string& path, const RuleSet& rules,
                              const FileFilterOptions& options, const OutputWriter& write,
                              const FilterProgress& progress) {
  if (options.filter.top) return run(path, &rules, options, &write, progress);
  FileFilterOptions settings = options;
  settings.filter.top = rules.top();  // the rule file's, like RuleSet::filter
  return run(path, &rules, settings, &write, progress);
}

FileFilterSummary scan_file(const std::string& path, const ScanOptions& options,
                            const FilterProgress& progress) {
  FileFilterOptions settings;
  settings.parse = options.parse;
  return run(path, nullptr, settings, nullptr, progress, !options.unknown_macros);
}

FileFilterSummary scan_file(const std::string& path, const ParseOptions& options,
                            const FilterProgress& progress) {
  return scan_file(path, ScanOptions{options}, progress);
}

}  // namespace papersieve
