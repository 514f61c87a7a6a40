#include "papersieve/parse.hpp"

#include <fstream>
#include <vector>

#include "papersieve/error.hpp"
#include "papersieve/normalize.hpp"
#include "papersieve/version.hpp"
#include "parse/corpus_builder.hpp"
#include "parse/hf_text_reader.hpp"
#include "parse/reader.hpp"

namespace papersieve {
namespace detail {

std::unique_ptr<Reader> make_reader(const SourceInfo& source, RecordSink& sink) {
  switch (source.format) {
    case Format::hf_text: return make_hf_text_reader(source, sink);
    default:
      throw Error(Status::unsupported, "format '" + std::string(format_name(source.format)) +
                                           "' has no reader in papersieve " + version_string);
  }
}

}  // namespace detail

namespace {

constexpr std::size_t kChunkBytes = 1 << 20;
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
  Corpus corpus;
  corpus.format = resolve(options.format, data.substr(0, kDetectBytes));
  detail::CorpusBuilder builder(corpus);
  auto reader = detail::make_reader({corpus.format, repair_utf8(options.source_name)}, builder);
  reader->feed(data);
  reader->finish();
  return corpus;
}

Corpus parse_file(const std::string& path, ParseOptions options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError("cannot open '" + path + "' for reading");
  if (options.source_name == ParseOptions{}.source_name) options.source_name = path;

  std::vector<char> chunk(kChunkBytes);
  auto read_chunk = [&]() -> std::string_view {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    if (in.bad()) throw IoError("error reading '" + path + "'");
    return {chunk.data(), static_cast<std::size_t>(in.gcount())};
  };

  std::string_view first = read_chunk();
  Corpus corpus;
  corpus.format = resolve(options.format, first.substr(0, kDetectBytes));
  detail::CorpusBuilder builder(corpus);
  auto reader = detail::make_reader({corpus.format, repair_utf8(options.source_name)}, builder);
  for (std::string_view data = first; !data.empty(); data = read_chunk()) reader->feed(data);
  reader->finish();
  return corpus;
}

}  // namespace papersieve
