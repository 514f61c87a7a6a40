#include "pipeline/spill_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "papersieve/error.hpp"

namespace papersieve::detail {

SpillFile::SpillFile() {
  const char* tmpdir = std::getenv("TMPDIR");
  directory_ = tmpdir != nullptr && *tmpdir != '\0' ? tmpdir : "/tmp";
#ifdef O_TMPFILE
  fd_ = ::open(directory_.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd_ >= 0) return;
#endif
  // No O_TMPFILE (an older kernel or a file system without it): a named file, unlinked at once.
  std::string name = directory_ + "/papersieve-held-XXXXXX";
  fd_ = ::mkstemp(name.data());
  if (fd_ < 0) failed("cannot create it");
  ::unlink(name.c_str());
}

SpillFile::~SpillFile() {
  if (fd_ >= 0) ::close(fd_);
}

void SpillFile::failed(const char* what) const {
  throw IoError("temporary file for the held hits in " + directory_ + " (TMPDIR): " + what + ": " +
                std::strerror(errno));
}

void SpillFile::append(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t done = ::pwrite(fd_, bytes.data(), bytes.size(), static_cast<off_t>(size_));
    if (done < 0 && errno == EINTR) continue;
    if (done <= 0) failed("cannot write");  // disk full (ENOSPC), quota, I/O error
    size_ += static_cast<std::uint64_t>(done);
    bytes.remove_prefix(static_cast<std::size_t>(done));
  }
}

void SpillFile::read(std::uint64_t offset, char* into, std::size_t size) const {
  while (size > 0) {
    const ssize_t done = ::pread(fd_, into, size, static_cast<off_t>(offset));
    if (done < 0 && errno == EINTR) continue;
    if (done == 0) errno = EIO;  // shorter than what was written
    if (done <= 0) failed("cannot read");
    offset += static_cast<std::uint64_t>(done);
    into += done;
    size -= static_cast<std::size_t>(done);
  }
}

void SpillFile::release(std::uint64_t offset, std::uint64_t size) {
#if defined(FALLOC_FL_PUNCH_HOLE) && defined(FALLOC_FL_KEEP_SIZE)
  // Only space is at stake: a file system that cannot punch holes keeps the bytes until close.
  (void)::fallocate(fd_, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, static_cast<off_t>(offset),
                    static_cast<off_t>(size));
#else
  (void)offset;
  (void)size;
#endif
}

}  // namespace papersieve::detail
