// Reads a file in fixed-size chunks, with errors that name the file; gzip,
// zstd and bzip2 files are decoded on the way (decompress.hpp).
#pragma once

#include <fstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "parse/decompress.hpp"

namespace papersieve::detail {

class FileSource {
 public:
  static constexpr std::size_t kChunkBytes = 1 << 20;

  explicit FileSource(const std::string& path);

  // The next chunk of content (a view into an internal buffer, valid until
  // the next call); empty at end of file. Throws IoError on a read error and
  // Error(parse) on corrupt compressed data.
  std::string_view next() {
    if (!rest_.empty()) return std::exchange(rest_, {});
    return decoder_.next();
  }

  // Up to `n` bytes of content copied to `out`; 0 at the end. Once the first chunk has shown
  // the file is not compressed, the bytes are read straight into `out`, without the copy
  // through the chunk buffer that next() hands out; a compressed file is decoded a chunk at
  // a time, and what one call does not take the next one (or next()) gets. Throws as next().
  std::size_t read(char* out, std::size_t n);

  // Known once next() or read() has been called: the file is gzip, zstd or bzip2.
  bool compressed() const { return decoder_.compression() != Compression::none; }

 private:
  std::string_view read_raw();

  std::string path_;
  std::ifstream in_;
  std::vector<char> buffer_;
  ChunkDecoder decoder_;
  std::string_view rest_;  // decoded content read() has not handed out yet
};

}  // namespace papersieve::detail
