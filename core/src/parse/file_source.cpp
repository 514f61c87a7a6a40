#include "parse/file_source.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "papersieve/error.hpp"

namespace papersieve::detail {

FileSource::FileSource(const std::string& path)
    : path_(path),
      in_(path, std::ios::binary),
      buffer_(kChunkBytes),
      decoder_([this] { return read_raw(); }, path) {
  if (!in_) throw IoError("cannot open '" + path + "' for reading: " + std::strerror(errno));
}

std::string_view FileSource::read_raw() {
  if (in_.eof()) return {};
  in_.read(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  if (in_.bad()) throw IoError("error reading '" + path_ + "': " + std::strerror(errno));
  return {buffer_.data(), static_cast<std::size_t>(in_.gcount())};
}

std::size_t FileSource::read(char* out, std::size_t n) {
  if (rest_.empty() && decoder_.started() && decoder_.compression() == Compression::none) {
    if (in_.eof()) return 0;
    in_.read(out, static_cast<std::streamsize>(n));
    if (in_.bad()) throw IoError("error reading '" + path_ + "': " + std::strerror(errno));
    return static_cast<std::size_t>(in_.gcount());
  }
  if (rest_.empty()) rest_ = decoder_.next();
  const std::size_t taken = std::min(n, rest_.size());
  if (taken > 0) std::memcpy(out, rest_.data(), taken);
  rest_.remove_prefix(taken);
  return taken;
}

}  // namespace papersieve::detail
