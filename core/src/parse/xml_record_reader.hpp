// What the XML readers (arxiv-atom, arxiv-rss, feed, pubmed, oai-pmh) share: the expat
// stream, the element path, text capture, bounded records, and the handling
// of empty and malformed input. A reader says where its records start and end
// and what each element means; this class does the rest.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "parse/reader.hpp"
#include "parse/record_emitter.hpp"
#include "parse/xml_stream.hpp"

namespace papersieve::detail {

class XmlRecordReader : public Reader, private XmlHandler {
 public:
  // `document` and `record` name the input and its records in messages
  // ("RSS or Atom feed", "item").
  XmlRecordReader(const SourceInfo& source, RecordSink& sink, std::string document,
                  std::string record);

  void feed(std::string_view chunk) final;
  void finish() final;

 protected:
  // The element just opened (depth() counts it: the root is 1) and its end.
  virtual void element_start(const XmlName& name, const char** attributes) = 0;
  virtual void element_end(const XmlName& name) = 0;
  // The input was read to its end without an XML error.
  virtual void document_end() {}

  int depth() const { return static_cast<int>(path_.size()); }
  // Local name of the ancestor `up` levels above the current element (0: itself).
  std::string_view ancestor(int up) const;

  // Appends the text of the element just opened, its children's included, to
  // `into` until that element ends. Text beyond max_record_bytes in one
  // record is dropped and the record rejected.
  void capture(std::string& into);

  // A record starts at the element just opened; emit() hands it on.
  void begin_record();
  bool in_record() const { return in_record_; }
  void emit(Paper&& paper, RecordReport& report);
  // Ends the record without a paper (the reader noted why).
  void skip_record() { in_record_ = false; }
  Position record_start() const { return record_start_; }

  Position here() const;
  RecordEmitter& emitter() { return emitter_; }

 private:
  void start(const XmlName& name, const char** attributes) final;
  void end(const XmlName& name) final;
  void text(std::string_view data) final;
  void note_content(std::string_view chunk);
  void fail();

  RecordEmitter emitter_;
  XmlStream xml_;
  std::string document_;
  std::string record_;
  std::size_t max_record_bytes_;
  std::vector<std::string> path_;  // local names from the root down
  std::string* capture_ = nullptr;
  int capture_depth_ = 0;
  Position record_start_;
  std::size_t record_bytes_ = 0;
  bool in_record_ = false;
  bool oversized_ = false;
  bool has_content_ = false;
  bool failed_ = false;
  std::uint64_t fed_ = 0;
};

}  // namespace papersieve::detail
