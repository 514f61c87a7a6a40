// A streaming XML parser (expat) that hands elements and text to a handler.
// Namespaces are resolved: names arrive as (namespace URI, local name). DTDs
// are never loaded and entity declarations are refused, so no input can make
// it fetch anything or expand entities without bound.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace papersieve::detail {

struct XmlName {
  std::string_view ns;     // namespace URI, empty when none
  std::string_view local;  // name without prefix
};

struct XmlPosition {
  std::uint64_t line = 1;    // 1-based
  std::uint64_t offset = 0;  // 0-based byte offset in the input
};

class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  // attributes: expat's NULL-terminated name/value array (unprefixed names)
  virtual void start(const XmlName& name, const char** attributes) = 0;
  virtual void end(const XmlName& name) = 0;
  virtual void text(std::string_view data) = 0;
};

class XmlStream {
 public:
  explicit XmlStream(XmlHandler& handler);
  ~XmlStream();
  XmlStream(const XmlStream&) = delete;
  XmlStream& operator=(const XmlStream&) = delete;

  // False once the input proved not to be well-formed XML: see error().
  bool feed(std::string_view chunk);
  bool finish();

  // Where the event being handled starts (valid inside handler calls).
  XmlPosition position() const;
  // The first error: its message and position; empty message when none.
  const std::string& error() const { return error_; }
  XmlPosition error_position() const { return error_position_; }

 private:
  bool parse(const char* data, std::size_t size, bool final);
  void refuse(std::string why);

  struct Parser;
  struct Callbacks;
  XmlHandler& handler_;
  std::unique_ptr<Parser> parser_;
  std::string error_;
  XmlPosition error_position_;
};

// Value of attribute `name` in expat's array, or empty.
std::string_view xml_attribute(const char** attributes, std::string_view name);

}  // namespace papersieve::detail
