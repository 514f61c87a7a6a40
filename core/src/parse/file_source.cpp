#include "parse/file_source.hpp"

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

}  // namespace papersieve::detail
