#include "parse/decompress.hpp"

#include <bzlib.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <climits>
#include <new>

#include "papersieve/error.hpp"

namespace papersieve::detail {
namespace {

// zlib and libbz2 count in unsigned int.
constexpr std::size_t kMaxStep = UINT_MAX / 2;

[[noreturn]] void corrupt(std::string_view what, std::string_view detail) {
  throw Error(Status::parse,
              std::string(what) + " data is corrupt: " + std::string(detail) + "; reading stopped");
}

class Gzip final : public Decompressor {
 public:
  Gzip() {
    if (inflateInit2(&z_, 15 + 32) != Z_OK) throw std::bad_alloc();  // gzip or zlib header
  }
  ~Gzip() override { inflateEnd(&z_); }

  std::size_t run(std::string_view& in, char* out, std::size_t capacity) override {
    if (ended_ && !in.empty()) {  // another member follows (pigz, bgzip, cat a.gz b.gz)
      inflateReset(&z_);
      ended_ = false;
    }
    z_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z_.avail_in = static_cast<uInt>(std::min(in.size(), kMaxStep));
    z_.next_out = reinterpret_cast<Bytef*>(out);
    z_.avail_out = static_cast<uInt>(std::min(capacity, kMaxStep));
    const uInt had_in = z_.avail_in, had_out = z_.avail_out;
    const int status = inflate(&z_, Z_NO_FLUSH);
    if (status == Z_STREAM_END)
      ended_ = true;
    else if (status != Z_OK && status != Z_BUF_ERROR)
      corrupt("gzip", z_.msg != nullptr ? z_.msg : "inflate failed");
    in.remove_prefix(had_in - z_.avail_in);
    return had_out - z_.avail_out;
  }
  bool at_stream_end() const override { return ended_; }

 private:
  z_stream z_{};
  bool ended_ = false;
};

class Zstd final : public Decompressor {
 public:
  Zstd() : dctx_(ZSTD_createDCtx()) {
    if (dctx_ == nullptr) throw std::bad_alloc();
  }
  ~Zstd() override { ZSTD_freeDCtx(dctx_); }

  std::size_t run(std::string_view& in, char* out, std::size_t capacity) override {
    ZSTD_inBuffer input{in.data(), in.size(), 0};
    ZSTD_outBuffer output{out, capacity, 0};
    const std::size_t status = ZSTD_decompressStream(dctx_, &output, &input);
    if (ZSTD_isError(status)) corrupt("zstd", ZSTD_getErrorName(status));
    ended_ = status == 0;  // a frame is complete and flushed
    in.remove_prefix(input.pos);
    return output.pos;
  }
  bool at_stream_end() const override { return ended_; }

 private:
  ZSTD_DCtx* dctx_;
  bool ended_ = true;
};

class Bzip2 final : public Decompressor {
 public:
  Bzip2() { init(); }
  ~Bzip2() override { BZ2_bzDecompressEnd(&bz_); }

  std::size_t run(std::string_view& in, char* out, std::size_t capacity) override {
    if (ended_ && !in.empty()) {  // another stream follows (pbzip2)
      BZ2_bzDecompressEnd(&bz_);
      init();
    }
    bz_.next_in = const_cast<char*>(in.data());
    bz_.avail_in = static_cast<unsigned>(std::min(in.size(), kMaxStep));
    bz_.next_out = out;
    bz_.avail_out = static_cast<unsigned>(std::min(capacity, kMaxStep));
    const unsigned had_in = bz_.avail_in, had_out = bz_.avail_out;
    const int status = BZ2_bzDecompress(&bz_);
    if (status == BZ_STREAM_END)
      ended_ = true;
    else if (status != BZ_OK)
      corrupt("bzip2", "error " + std::to_string(status));
    in.remove_prefix(had_in - bz_.avail_in);
    return had_out - bz_.avail_out;
  }
  bool at_stream_end() const override { return ended_; }

 private:
  void init() {
    bz_ = bz_stream{};
    if (BZ2_bzDecompressInit(&bz_, 0, 0) != BZ_OK) throw std::bad_alloc();
    ended_ = false;
  }
  bz_stream bz_{};
  bool ended_ = false;
};

}  // namespace

Compression compression_of(std::string_view head) {
  if (head.substr(0, 2) == "\x1F\x8B") return Compression::gzip;
  if (head.substr(0, 4) == "\x28\xB5\x2F\xFD") return Compression::zstd;
  if (head.size() >= 4 && head.substr(0, 3) == "BZh" && head[3] >= '1' && head[3] <= '9')
    return Compression::bzip2;
  return Compression::none;
}

std::string_view compression_name(Compression compression) {
  switch (compression) {
    case Compression::gzip: return "gzip";
    case Compression::zstd: return "zstd";
    case Compression::bzip2: return "bzip2";
    default: return "none";
  }
}

std::unique_ptr<Decompressor> Decompressor::make(Compression compression) {
  switch (compression) {
    case Compression::gzip: return std::make_unique<Gzip>();
    case Compression::zstd: return std::make_unique<Zstd>();
    case Compression::bzip2: return std::make_unique<Bzip2>();
    default: return nullptr;
  }
}

ChunkDecoder::ChunkDecoder(NextChunk raw, std::string name)
    : raw_(std::move(raw)), name_(std::move(name)) {}

std::string_view ChunkDecoder::next() {
  if (!started_) {
    started_ = true;
    const std::string_view first = raw_();
    compression_ = compression_of(first);
    if (compression_ == Compression::none) return first;
    decompressor_ = Decompressor::make(compression_);
    out_.resize(kChunkBytes);
    pending_ = first;
  }
  if (compression_ == Compression::none) return raw_();
  while (true) {
    if (pending_.empty() && !raw_done_) {
      pending_ = raw_();
      raw_done_ = pending_.empty();
    }
    if (pending_.empty() && raw_done_) {
      if (!decompressor_->at_stream_end())
        throw Error(Status::parse, "'" + name_ + "': the " +
                                       std::string(compression_name(compression_)) +
                                       " data ends early (truncated file?)");
      return {};
    }
    try {
      const std::size_t before = pending_.size();
      const std::size_t n = decompressor_->run(pending_, out_.data(), out_.size());
      if (n > 0) return {out_.data(), n};
      if (pending_.size() == before && before > 0)
        corrupt(compression_name(compression_), "the decoder made no progress");
    } catch (const Error& e) {
      throw Error(Status::parse, "'" + name_ + "': " + e.what());
    }
  }
}

}  // namespace papersieve::detail
