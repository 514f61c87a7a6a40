// Reads a file in fixed-size chunks, with errors that name the file.
#pragma once

#include <fstream>
#include <string>
#include <string_view>
#include <vector>

namespace papersieve::detail {

class FileSource {
 public:
  static constexpr std::size_t kChunkBytes = 1 << 20;

  explicit FileSource(const std::string& path);

  // The next chunk (a view into an internal buffer, valid until the next call);
  // empty at end of file. Throws IoError on a read error.
  std::string_view next();

 private:
  std::string path_;
  std::ifstream in_;
  std::vector<char> buffer_;
};

}  // namespace papersieve::detail
