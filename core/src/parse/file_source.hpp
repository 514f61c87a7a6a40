// Reads a file in fixed-size chunks, with errors that name the file; gzip,
// zstd and bzip2 files are decoded on the way (decompress.hpp).
#pragma once

#include <fstream>
#include <string>
#include <string_view>
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
  std::string_view next() { return decoder_.next(); }

 private:
  std::string_view read_raw();

  std::string path_;
  std::ifstream in_;
  std::vector<char> buffer_;
  ChunkDecoder decoder_;
};

}  // namespace papersieve::detail
