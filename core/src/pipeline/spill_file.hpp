// The unnamed temporary file the held hits spill their sorted runs to (docs/design.md, "The
// file pipeline"): made in $TMPDIR (else /tmp), gone once closed, written only at its end and
// read anywhere. Every failure is an IoError that names the directory.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace papersieve::detail {

class SpillFile {
 public:
  SpillFile();
  ~SpillFile();
  SpillFile(const SpillFile&) = delete;
  SpillFile& operator=(const SpillFile&) = delete;

  std::uint64_t size() const { return size_; }
  void append(std::string_view bytes);
  // Exactly `size` bytes from `offset`, which must lie within what was appended.
  void read(std::uint64_t offset, char* into, std::size_t size) const;
  // Bytes never read again: their disk space is freed where the file system can.
  void release(std::uint64_t offset, std::uint64_t size);

 private:
  [[noreturn]] void failed(const char* what) const;

  std::string directory_;
  int fd_ = -1;
  std::uint64_t size_ = 0;
};

}  // namespace papersieve::detail
