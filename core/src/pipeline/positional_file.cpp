#include "pipeline/positional_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "papersieve/error.hpp"

namespace papersieve::detail {

PositionalFile::PositionalFile(const std::string& path) : path_(path) {
  fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) throw IoError("cannot open '" + path + "' for reading: " + std::strerror(errno));
  struct stat info {};
  if (::fstat(fd_, &info) != 0) {
    const int error = errno;
    ::close(fd_);
    throw IoError("cannot read '" + path + "': " + std::strerror(error));
  }
  size_ = static_cast<std::uint64_t>(info.st_size);
}

PositionalFile::~PositionalFile() { ::close(fd_); }

std::size_t PositionalFile::read_at(std::uint64_t offset, char* out, std::size_t n) const {
  std::size_t done = 0;
  while (done < n) {
    const ::ssize_t got = ::pread(fd_, out + done, n - done, static_cast<::off_t>(offset + done));
    if (got == 0) break;
    if (got < 0) {
      if (errno == EINTR) continue;
      throw IoError("error reading '" + path_ + "': " + std::strerror(errno));
    }
    done += static_cast<std::size_t>(got);
  }
  return done;
}

}  // namespace papersieve::detail
