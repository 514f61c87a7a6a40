// Reading a file batch by batch: psv_stream_*.
#include "papersieve/stream.hpp"

#include "capi.hpp"

struct psv_stream {
  papersieve::PaperStream stream;
};

namespace capi = papersieve::capi;

extern "C" int psv_stream_open(psv_stream** out, const char* path,
                               const psv_parse_options* options) {
  return capi::status_call("psv_stream_open", [&] {
    capi::require(out, "out");
    *out = nullptr;
    capi::require(path, "path");
    *out = new psv_stream{papersieve::PaperStream(path, capi::to_options(options))};
  });
}

extern "C" int psv_stream_open_joined(psv_stream** out, const char* papers_path,
                                      const char* abstracts_path,
                                      const psv_parse_options* options) {
  return capi::status_call("psv_stream_open_joined", [&] {
    capi::require(out, "out");
    *out = nullptr;
    capi::require(papers_path, "papers_path");
    capi::require(abstracts_path, "abstracts_path");
    papersieve::ParseOptions parse_options = capi::to_options(options);
    parse_options.join_abstracts = abstracts_path;
    *out = new psv_stream{papersieve::PaperStream(papers_path, parse_options)};
  });
}

extern "C" int psv_stream_next(psv_corpus** out, psv_stream* stream, size_t max_papers) {
  return capi::status_call("psv_stream_next", [&] {
    capi::require(out, "out");
    *out = nullptr;
    capi::require(stream, "stream");
    if (max_papers == 0) {
      throw papersieve::Error(papersieve::Status::invalid_argument,
                              "max_papers must be at least 1");
    }
    if (auto batch = stream->stream.next(max_papers)) *out = new psv_corpus{std::move(*batch)};
  });
}

extern "C" int psv_stream_totals(psv_stats* out, const psv_stream* stream) {
  return capi::status_call("psv_stream_totals", [&] {
    capi::require(out, "out");
    capi::require(stream, "stream");
    const auto& t = stream->stream.totals();
    *out = psv_stats{t.records, t.papers, t.duplicates, t.rejected};
  });
}

extern "C" void psv_stream_free(psv_stream* stream) { delete stream; }
