#include "papersieve/parse.hpp"

#include <algorithm>
#include <functional>
#include <memory>
#include <utility>

#include "papersieve/error.hpp"
#include "papersieve/normalize.hpp"
#include "papersieve/stream.hpp"
#include "papersieve/version.hpp"
#include "parallel.hpp"
#include "parse/arxiv_atom_reader.hpp"
#include "parse/arxiv_jsonl_reader.hpp"
#include "parse/arxiv_mailing_reader.hpp"
#include "parse/bibtex_reader.hpp"
#include "parse/biorxiv_record.hpp"
#include "parse/corpus_builder.hpp"
#include "parse/crossref_record.hpp"
#include "parse/csl_record.hpp"
#include "parse/decompress.hpp"
#include "parse/feed_reader.hpp"
#include "parse/file_source.hpp"
#include "parse/generic_record.hpp"
#include "parse/hf_json_reader.hpp"
#include "parse/hf_text_reader.hpp"
#include "parse/json_document_reader.hpp"
#include "parse/kv_text_reader.hpp"
#include "parse/oai_pmh_reader.hpp"
#include "parse/openalex_record.hpp"
#include "parse/parallel_feed.hpp"
#include "parse/pubmed_reader.hpp"
#include "parse/reader.hpp"
#include "parse/ris_reader.hpp"
#include "parse/s2_abstracts.hpp"
#include "parse/s2_record.hpp"
#include "parse/zotero_record.hpp"

namespace papersieve {
namespace detail {

std::unique_ptr<Reader> make_reader(const SourceInfo& source, RecordSink& sink) {
  switch (source.format) {
    case Format::hf_text: return make_hf_text_reader(source, sink);
    case Format::hf_json: return make_hf_json_reader(source, sink);
    case Format::arxiv_jsonl: return make_arxiv_jsonl_reader(source, sink);
    case Format::arxiv_atom: return make_arxiv_atom_reader(source, sink);
    case Format::arxiv_mailing: return make_arxiv_mailing_reader(source, sink);
    case Format::kv_text: return make_kv_text_reader(source, sink);
    case Format::jsonl: return make_jsonl_reader(source, sink);
    case Format::json: return make_json_reader(source, sink);
    case Format::arxiv_rss: return make_arxiv_rss_reader(source, sink);
    case Format::feed: return make_feed_reader(source, sink);
    case Format::pubmed: return make_pubmed_reader(source, sink);
    case Format::oai_pmh: return make_oai_pmh_reader(source, sink);
    case Format::bibtex: return make_bibtex_reader(source, sink);
    case Format::ris: return make_ris_reader(source, sink);
    case Format::semantic_scholar: return make_s2_reader(source, sink);
    case Format::openalex: return make_openalex_reader(source, sink);
    case Format::crossref: return make_crossref_reader(source, sink);
    case Format::biorxiv: return make_biorxiv_reader(source, sink);
    case Format::csl_json: return make_csl_json_reader(source, sink);
    case Format::zotero_json: return make_zotero_json_reader(source, sink);
    default:
      throw Error(Status::unsupported, "format '" + std::string(format_name(source.format)) +
                                           "' has no reader in papersieve " + version_string);
  }
}

}  // namespace detail

namespace {

constexpr std::size_t kDetectBytes = 64 << 10;
constexpr std::size_t kParallelChunk = 1 << 20;  // in-memory input, per parallel step

// The format to read, what detection saw in the head, and for a close detection call the note
// that says which formats were considered (docs/formats.md, "Detection").
struct Resolved {
  Format format;
  std::vector<FormatCandidate> candidates;
  std::string close_call;
};

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

detail::SourceInfo source_info(Format format, const std::string& name,
                               const ParseOptions& options) {
  return {format, name, options.max_record_bytes, options.max_document_bytes};
}

void note_close_call(const Resolved& r, const std::string& name, detail::RecordSink& sink) {
  if (r.close_call.empty()) return;
  sink.note(
      Diagnostic{Severity::warning, std::string(format_name(r.format)), name, 1, 0, r.close_call});
}

// A reader that rejected every record it found says so once, naming the format the input looks
// like instead: the usual cause is the wrong --format (docs/formats.md, "Detection").
// `before`: what earlier batches of the same input counted.
void note_all_rejected(const Resolved& r, const std::string& name, const ParseStats& before,
                       detail::CorpusBuilder& builder) {
  const ParseStats now = builder.pending_stats();
  if (before.papers + before.duplicates + now.papers + now.duplicates > 0) return;
  if (before.rejected + now.rejected == 0) return;
  std::string message = "every record was rejected as " + std::string(format_name(r.format));
  const FormatCandidate* other = nullptr;
  for (const FormatCandidate& c : r.candidates)
    if (c.format != r.format && other == nullptr) other = &c;
  if (other != nullptr)
    message += "; the input looks like " + std::string(format_name(other->format)) + " (" +
               other->evidence + ")";
  else if (r.candidates.empty())
    message += "; no reader recognizes this input";
  builder.note(
      Diagnostic{Severity::warning, std::string(format_name(r.format)), name, 1, 0, message});
}

// With ParseOptions::join_abstracts, records pass through the join on their
// way to `sink`; the index's notes go to `builder` first.
class JoinStage {
 public:
  JoinStage(const ParseOptions& options, detail::CorpusBuilder& builder) {
    if (options.join_abstracts.empty()) return;
    std::vector<Diagnostic> notes;
    auto index = std::make_shared<detail::AbstractIndex>(options.join_abstracts,
                                                         options.max_record_bytes, notes);
    for (auto& note : notes) builder.note(std::move(note));
    index_ = std::move(index);
  }

  // The sink the reader writes to.
  detail::RecordSink& in_front_of(detail::RecordSink& sink) {
    if (!index_) return sink;
    join_ = std::make_unique<detail::AbstractJoin>(index_, sink);
    return *join_;
  }

 private:
  std::shared_ptr<detail::AbstractIndex> index_;
  std::unique_ptr<detail::AbstractJoin> join_;
};

// Reads `first`, then next() until it gives an empty chunk: the chunks of
// one input, in order (in memory, or decoded from compressed bytes).
Corpus read_chunks(std::string_view first, const std::function<std::string_view()>& next,
                   std::size_t threads, const ParseOptions& options) {
  const std::string name = repair_utf8(options.source_name);
  const Resolved resolved = resolve(options.format, first.substr(0, kDetectBytes), name);
  detail::CorpusBuilder builder(resolved.format);
  note_close_call(resolved, name, builder);
  JoinStage join(options, builder);
  const auto chunks = [&first, &next] {
    const std::string_view chunk = first.empty() ? next() : first;
    first = {};
    return chunk;
  };
  if (threads == 1) {
    auto reader =
        detail::make_reader(source_info(resolved.format, name, options), join.in_front_of(builder));
    for (std::string_view chunk = chunks(); !chunk.empty(); chunk = chunks()) reader->feed(chunk);
    reader->finish();
    note_all_rejected(resolved, name, {}, builder);
    return builder.take_all();
  }
  detail::ParallelFeed feed(builder, threads, chunks);
  auto reader =
      detail::make_reader(source_info(resolved.format, name, options), join.in_front_of(feed));
  feed.set_reader(*reader);
  while (feed.step()) {
  }
  note_all_rejected(resolved, name, {}, builder);
  return builder.take_all();
}

}  // namespace

Corpus parse(std::string_view data, const ParseOptions& options) {
  std::size_t at = 0;
  const std::function<std::string_view()> slices = [&data, &at] {
    const std::string_view chunk = data.substr(at, kParallelChunk);
    at += chunk.size();
    return chunk;
  };
  const std::size_t threads = detail::resolve_threads(options.threads);
  if (detail::compression_of(data) != detail::Compression::none) {
    detail::ChunkDecoder decoder(slices, repair_utf8(options.source_name));
    const std::string_view first = decoder.next();
    return read_chunks(
        first, [&decoder] { return decoder.next(); }, threads, options);
  }
  if (data.size() <= kDetectBytes)
    return read_chunks(
        data, [] { return std::string_view(); }, 1, options);
  const std::string_view first = slices();
  return read_chunks(first, slices, threads, options);
}

Corpus combine(std::vector<Corpus> parts) {
  detail::CorpusBuilder builder(parts.empty() ? Format::automatic : parts.front().format);
  for (auto& part : parts) builder.absorb(std::move(part));
  return builder.take_all();
}

Corpus parse_file(const std::string& path, ParseOptions options) {
  PaperStream stream(path, std::move(options));
  return stream.read_all();
}

// ---- PaperStream ------------------------------------------------------------------

struct PaperStream::Impl {
  Impl(const std::string& path, ParseOptions options) : file(path) {
    if (options.source_name == ParseOptions{}.source_name) options.source_name = path;
    first_chunk = file.next();
    name = repair_utf8(options.source_name);
    resolved = resolve(options.format, first_chunk.substr(0, kDetectBytes), name);
    format = resolved.format;
    builder = std::make_unique<detail::CorpusBuilder>(format);
    note_close_call(resolved, name, *builder);
    join = std::make_unique<JoinStage>(options, *builder);
    if (detail::resolve_threads(options.threads) > 1) {
      feed = std::make_unique<detail::ParallelFeed>(
          *builder, detail::resolve_threads(options.threads), [this] { return next_chunk(); });
      reader = detail::make_reader(source_info(format, name, options), join->in_front_of(*feed));
      feed->set_reader(*reader);
    } else {
      reader = detail::make_reader(source_info(format, name, options), join->in_front_of(*builder));
    }
  }

  std::string_view next_chunk() {
    const std::string_view chunk = first_chunk.empty() ? file.next() : first_chunk;
    first_chunk = {};
    return chunk;
  }

  // Feeds input until `papers` are pending or the input ends: a chunk at a
  // time, with or without threads (so batches are the same either way).
  void fill(std::size_t papers) {
    if (feed) {
      while (!finished && builder->pending_papers() < papers) {
        finished = !feed->step();
        if (finished) note_all_rejected(resolved, name, totals, *builder);
      }
      return;
    }
    while (!finished && builder->pending_papers() < papers) {
      std::string_view chunk = first_chunk.empty() ? file.next() : first_chunk;
      first_chunk = {};
      if (chunk.empty()) {
        reader->finish();
        finished = true;
        note_all_rejected(resolved, name, totals, *builder);
        return;
      }
      // Slices keep a batch from overshooting by a whole chunk of papers.
      constexpr std::size_t kSlice = 64 << 10;
      for (std::size_t at = 0; at < chunk.size(); at += kSlice)
        reader->feed(chunk.substr(at, kSlice));
    }
  }

  detail::FileSource file;
  std::string_view first_chunk;
  std::string name;
  Resolved resolved{Format::automatic, {}, {}};
  Format format = Format::automatic;
  std::unique_ptr<detail::CorpusBuilder> builder;
  std::unique_ptr<JoinStage> join;             // S2 abstracts, when asked for
  std::unique_ptr<detail::ParallelFeed> feed;  // with threads; then the reader's sink
  std::unique_ptr<detail::Reader> reader;
  bool finished = false;
  ParseStats totals;
};

PaperStream::PaperStream(const std::string& path, ParseOptions options)
    : impl_(std::make_unique<Impl>(path, std::move(options))) {}

PaperStream::~PaperStream() = default;
PaperStream::PaperStream(PaperStream&&) noexcept = default;
PaperStream& PaperStream::operator=(PaperStream&&) noexcept = default;

Format PaperStream::format() const { return impl_->format; }

const ParseStats& PaperStream::totals() const { return impl_->totals; }

std::optional<Corpus> PaperStream::next(std::size_t max_papers) {
  if (max_papers == 0) throw Error(Status::invalid_argument, "batch size must be at least 1");
  Impl& s = *impl_;
  s.fill(max_papers);
  if (s.finished && !s.builder->has_pending()) return std::nullopt;
  Corpus batch = s.builder->take_batch(max_papers);
  s.totals.records += batch.stats.records;
  s.totals.papers += batch.stats.papers;
  s.totals.duplicates += batch.stats.duplicates;
  s.totals.rejected += batch.stats.rejected;
  return batch;
}

Corpus PaperStream::read_all() {
  Impl& s = *impl_;
  s.fill(static_cast<std::size_t>(-1));
  Corpus all = s.builder->take_all();
  s.totals = all.stats;
  return all;
}

}  // namespace papersieve
