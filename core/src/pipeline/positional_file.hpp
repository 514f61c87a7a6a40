// A plain file read at given offsets, from any thread at once (pread): each worker of the file
// pipeline reads its own stretch (docs/design.md, "The file pipeline").
#pragma once

#include <cstdint>
#include <string>

namespace papersieve::detail {

class PositionalFile {
 public:
  explicit PositionalFile(const std::string& path);  // throws IoError
  ~PositionalFile();
  PositionalFile(const PositionalFile&) = delete;
  PositionalFile& operator=(const PositionalFile&) = delete;

  std::uint64_t size() const { return size_; }  // when opened

  // Up to `n` bytes from `offset` into `out`, fewer only at the end of the file; throws
  // IoError naming the file.
  std::size_t read_at(std::uint64_t offset, char* out, std::size_t n) const;

 private:
  std::string path_;
  int fd_ = -1;
  std::uint64_t size_ = 0;
};

}  // namespace papersieve::detail
