#include "papersieve/parse.hpp"

#include <memory>
#include <utility>

#include "papersieve/error.hpp"
#include "papersieve/normalize.hpp"
#include "papersieve/stream.hpp"
#include "papersieve/version.hpp"
#include "parse/arxiv_jsonl_reader.hpp"
#include "parse/corpus_builder.hpp"
#include "parse/file_source.hpp"
#include "parse/generic_record.hpp"
#include "parse/hf_json_reader.hpp"
#include "parse/hf_text_reader.hpp"
#include "parse/json_document_reader.hpp"
#include "parse/reader.hpp"

namespace papersieve {
namespace detail {

std::unique_ptr<Reader> make_reader(const SourceInfo& source, RecordSink& sink) {
  switch (source.format) {
    case Format::hf_text: return make_hf_text_reader(source, sink);
    case Format::hf_json: return make_hf_json_reader(source, sink);
    case Format::arxiv_jsonl: return make_arxiv_jsonl_reader(source, sink);
    case Format::jsonl: return make_jsonl_reader(source, sink);
    case Format::json: return make_json_reader(source, sink);
    default:
      throw Error(Status::unsupported, "format '" + std::string(format_name(source.format)) +
                                           "' has no reader in papersieve " + version_string);
  }
}

}  // namespace detail

namespace {

constexpr std::size_t kDetectBytes = 64 << 10;

Format resolve(Format requested, std::string_view head) {
  const Format format = requested == Format::automatic ? detect_format(head) : requested;
  if (!format_supported(format)) {
    throw Error(Status::unsupported, "format '" + std::string(format_name(format)) + "'" +
                                         (requested == Format::automatic ? " (detected)" : "") +
                                         " has no reader in this build of papersieve");
  }
  return format;
}

}  // namespace

Corpus parse(std::string_view data, const ParseOptions& options) {
  const Format format = resolve(options.format, data.substr(0, kDetectBytes));
  detail::CorpusBuilder builder(format);
  auto reader = detail::make_reader({format, repair_utf8(options.source_name)}, builder);
  reader->feed(data);
  reader->finish();
  return builder.take_all();
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
    format = resolve(options.format, first_chunk.substr(0, kDetectBytes));
    builder = std::make_unique<detail::CorpusBuilder>(format);
    reader = detail::make_reader({format, repair_utf8(options.source_name)}, *builder);
  }

  // Feeds input until `papers` are pending or the input ends.
  void fill(std::size_t papers) {
    while (!finished && builder->pending_papers() < papers) {
      std::string_view chunk = first_chunk.empty() ? file.next() : first_chunk;
      first_chunk = {};
      if (chunk.empty()) {
        reader->finish();
        finished = true;
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
  Format format = Format::automatic;
  std::unique_ptr<detail::CorpusBuilder> builder;
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
