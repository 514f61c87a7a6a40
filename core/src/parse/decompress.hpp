// Compressed input, read transparently: gzip (zlib), zstd (libzstd) and bzip2
// (libbz2), recognised by their magic bytes and decoded a chunk at a time, so
// a compressed dump is never held whole, compressed or not (docs/formats.md,
// "Compressed input").
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace papersieve::detail {

enum class Compression { none, gzip, zstd, bzip2 };

// By the magic bytes at the start of the input.
Compression compression_of(std::string_view head);
std::string_view compression_name(Compression compression);

// One compressed stream (concatenated members and frames included).
class Decompressor {
 public:
  static std::unique_ptr<Decompressor> make(Compression compression);
  virtual ~Decompressor() = default;
  // Decodes from the front of `in` (consuming it) into out[0..capacity);
  // returns the bytes written. Throws Error(parse) on corrupt data.
  virtual std::size_t run(std::string_view& in, char* out, std::size_t capacity) = 0;
  // True between members: the data so far ended a stream cleanly.
  virtual bool at_stream_end() const = 0;
};

// Turns the chunks of an input into the chunks of its content: compressed
// input is decoded, anything else passes through unchanged.
class ChunkDecoder {
 public:
  using NextChunk = std::function<std::string_view()>;  // empty at the end
  static constexpr std::size_t kChunkBytes = 1 << 20;

  ChunkDecoder(NextChunk raw, std::string name);
  // The next chunk of content (valid until the next call); empty at the end.
  // Throws Error(parse) for corrupt or truncated compressed data.
  std::string_view next();
  Compression compression() const { return compression_; }
  // The first chunk has been read, and compression() says what the file is.
  bool started() const { return started_; }

 private:
  NextChunk raw_;
  std::string name_;
  bool started_ = false;
  bool raw_done_ = false;
  Compression compression_ = Compression::none;
  std::unique_ptr<Decompressor> decompressor_;
  std::string_view pending_;  // raw bytes not decoded yet
  std::vector<char> out_;
};

}  // namespace papersieve::detail
