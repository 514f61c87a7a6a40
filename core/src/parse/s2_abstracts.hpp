// The S2 datasets ship papers without abstracts; the abstracts come in a
// separate dataset, one {"corpusid", "abstract", …} object per line. This joins
// them: the abstracts file is indexed once (corpusid -> where its text lies in
// a temporary file), then each paper record without an abstract gets the one
// with its corpusid as it streams past. Memory: 16 bytes per abstract; the
// papers file is never held (docs/formats.md, "S2 datasets").
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "parse/reader.hpp"

namespace papersieve::detail {

class AbstractIndex {
 public:
  // Reads the whole abstracts file. Lines that cannot be read become warnings
  // in `notes` (with the abstracts file's name, line and byte offset); a repeated
  // corpusid keeps its first abstract. Throws IoError when it cannot be read.
  AbstractIndex(const std::string& path, std::size_t max_line_bytes,
                std::vector<Diagnostic>& notes);
  ~AbstractIndex();
  AbstractIndex(const AbstractIndex&) = delete;
  AbstractIndex& operator=(const AbstractIndex&) = delete;

  std::optional<std::string> find(std::uint64_t corpusid);
  std::size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    std::uint64_t corpusid;
    std::uint64_t offset;  // of the abstract's 4-byte length in the spill file
  };
  void add(std::uint64_t corpusid, std::string_view abstract);

  std::string path_;
  std::FILE* spill_ = nullptr;  // the abstracts' text, each after its length
  std::uint64_t spilled_ = 0;
  std::vector<Entry> entries_;
};

// A sink that fills the abstract of each record carrying extra["corpusid"] and
// none of its own, then hands it on.
class AbstractJoin final : public RecordSink {
 public:
  AbstractJoin(std::shared_ptr<AbstractIndex> index, RecordSink& next)
      : index_(std::move(index)), next_(next) {}

  void record(Paper&& raw) override;
  void reject(Diagnostic&& why) override { next_.reject(std::move(why)); }
  void note(Diagnostic&& note) override { next_.note(std::move(note)); }

 private:
  std::shared_ptr<AbstractIndex> index_;
  RecordSink& next_;
};

}  // namespace papersieve::detail
