#include "pipeline/chunk_filter.hpp"

#include <rapidjson/stringbuffer.h>

#include <algorithm>
#include <limits>
#include <utility>

#include "papersieve/normalize.hpp"
#include "parse/corpus_builder.hpp"
#include "parse/line_splitter.hpp"
#include "parse/record_emitter.hpp"
#include "write/json_paper.hpp"

namespace papersieve::detail {
namespace {

// Fewer bytes than an arXiv snapshot record has, so that a stretch's papers fit the room
// reserved for them.
constexpr std::size_t kBytesPerRecord = 1024;

// The hits of `corpus` in input order, seen-state applied (under its lock: one database
// connection serves every thread).
std::vector<Hit> select(const Corpus& corpus, const ChunkContext& context, FilteredChunk& out) {
  FilterOptions options;
  options.top = std::numeric_limits<std::size_t>::max();  // every hit, explained as it is found
  options.threads = 1;                                    // chunks are the unit of parallelism
  options.sort = SortOrder::input;
  std::vector<Hit> hits = context.rules->filter(corpus, options).hits;
  out.selected = hits.size();
  for (const Hit& hit : hits) out.entries[hit.index].selected = true;
  if (context.state == nullptr) return hits;
  const std::lock_guard<std::mutex> lock(*context.state_lock);
  std::size_t kept = 0;
  for (Hit& hit : hits) {
    const SeenStatus status = context.state->status(corpus.papers[hit.index]);
    if (status == SeenStatus::seen || (status == SeenStatus::updated && !context.show_updated))
      continue;
    hit.updated = status == SeenStatus::updated;
    hits[kept++] = std::move(hit);
  }
  hits.resize(kept);
  return hits;
}

// `keys`: each paper's duplicate keys (CorpusBuilder::keys_of), or null when the batch was
// de-duplicated against the input before already.
FilteredChunk settle_ready(Corpus&& corpus, const ChunkContext& context,
                           const std::vector<PaperKeys>* keys) {
  FilteredChunk out;
  const bool check_duplicates = keys != nullptr;
  out.check_duplicates = check_duplicates;
  out.stats = corpus.stats;
  out.diagnostics = std::move(corpus.diagnostics);
  out.unknown_macros = std::move(corpus.unknown_macros);
  out.format_name = std::string(format_name(context.source.format));
  out.source_name = context.source.name;
  out.entries.resize(corpus.papers.size());
  if (check_duplicates) out.keys.reserve(corpus.papers.size() * 3);
  for (std::size_t i = 0; i < corpus.papers.size(); ++i) {
    const Paper& paper = corpus.papers[i];
    FilteredChunk::Entry& entry = out.entries[i];
    entry.line = paper.source.line;
    entry.byte_offset = paper.source.byte_offset;
    if (!check_duplicates) continue;
    entry.id = paper.id;
    entry.keys_begin = static_cast<std::uint32_t>(out.keys.size());
    out.keys.insert(out.keys.end(), (*keys)[i].begin(), (*keys)[i].end());
    entry.keys_end = static_cast<std::uint32_t>(out.keys.size());
    entry.check_end = entry.keys_begin + static_cast<std::uint32_t>(CorpusBuilder::taken_check_keys(
                                             paper, (*keys)[i].size()));
  }
  if (context.rules == nullptr) return out;
  const std::vector<Hit> hits = select(corpus, context, out);
  if (context.line_buffers != nullptr) {
    out.lines = context.line_buffers->take();
    out.lines.clear();
  }
  rapidjson::StringBuffer buffer;
  out.hits.reserve(hits.size());
  for (const Hit& hit : hits) {
    const Paper& paper = corpus.papers[hit.index];
    FilteredChunk::HitLine line;
    line.rank = rank_key(context.sort, paper, hit.score);
    line.begin = out.lines.size();
    write::append_hit_line(out.lines, buffer, paper, hit);
    line.end = out.lines.size();
    out.entries[hit.index].hit = static_cast<std::int64_t>(out.hits.size());
    out.hits.push_back(std::move(line));
  }
  return out;
}

}  // namespace

FilteredChunk filter_lines(const LineChunk& chunk, const ChunkContext& context) {
  CorpusBuilder builder(context.source.format);
  builder.reserve(chunk.size / kBytesPerRecord + 1);
  if (context.source.identity_only) builder.normalize_identity_only();
  SourceInfo source = context.source;
  source.first_line = chunk.first_line;
  source.first_offset = chunk.offset;
  auto reader = make_reader(source, builder);
  reader->feed(chunk.text());
  reader->finish();
  if (chunk.overlong_length > 0) {
    Line line;
    line.length = chunk.overlong_length;
    RecordEmitter(source, builder)
        .reject({chunk.overlong_line, chunk.offset + chunk.size},
                overlong_line_message(line, source.max_record_bytes));
  }
  std::vector<PaperKeys> keys;
  Corpus corpus = builder.take_all(&keys);
  return settle_ready(std::move(corpus), context, &keys);
}

FilteredChunk filter_batch(Corpus&& batch, const ChunkContext& context) {
  return settle_ready(std::move(batch), context, nullptr);
}

}  // namespace papersieve::detail
