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
#include "parse/format_resolve.hpp"
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

using detail::kDetectBytes;
using detail::note_all_rejected;
using detail::note_close_call;
using detail::resolve;
using detail::Resolved;
using detail::source_info;
constexpr std::size_t kParallelChunk = 1 << 20;  // in-memory input, per parallel step

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
