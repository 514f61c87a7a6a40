#include "parse/xml_stream.hpp"

#include <expat.h>

#include <algorithm>
#include <new>

namespace papersieve::detail {
namespace {

constexpr char kNamespaceSeparator = '\x01';  // cannot occur in a URI or a name
constexpr std::size_t kMaxPiece = 1 << 28;    // XML_Parse takes an int length

XmlName split_name(const char* name) {
  const std::string_view full(name);
  const std::size_t cut = full.find(kNamespaceSeparator);
  if (cut == std::string_view::npos) return {{}, full};
  return {full.substr(0, cut), full.substr(cut + 1)};
}

}  // namespace

struct XmlStream::Parser {
  XML_Parser expat = nullptr;
  ~Parser() {
    if (expat != nullptr) XML_ParserFree(expat);
  }
};

// expat's C callbacks; user data is the XmlStream.
struct XmlStream::Callbacks {
  static void XMLCALL start(void* self, const char* name, const char** attributes) {
    static_cast<XmlStream*>(self)->handler_.start(split_name(name), attributes);
  }
  static void XMLCALL end(void* self, const char* name) {
    static_cast<XmlStream*>(self)->handler_.end(split_name(name));
  }
  static void XMLCALL text(void* self, const char* data, int size) {
    static_cast<XmlStream*>(self)->handler_.text({data, static_cast<std::size_t>(size)});
  }
  // Feeds declare no entities; refusing them all rules out entity expansion attacks.
  static void XMLCALL entity(void* self, const char*, int, const char*, int, const char*,
                             const char*, const char*, const char*) {
    static_cast<XmlStream*>(self)->refuse("entity declarations are not accepted");
  }
};

XmlStream::XmlStream(XmlHandler& handler) : handler_(handler), parser_(std::make_unique<Parser>()) {
  XML_Parser p = XML_ParserCreateNS(nullptr, kNamespaceSeparator);
  if (p == nullptr) throw std::bad_alloc();
  parser_->expat = p;
  XML_SetUserData(p, this);
  XML_SetElementHandler(p, &Callbacks::start, &Callbacks::end);
  XML_SetCharacterDataHandler(p, &Callbacks::text);
  XML_SetEntityDeclHandler(p, &Callbacks::entity);
  XML_SetParamEntityParsing(p, XML_PARAM_ENTITY_PARSING_NEVER);  // no external DTD, ever
}

XmlStream::~XmlStream() = default;

bool XmlStream::feed(std::string_view chunk) {
  while (chunk.size() > kMaxPiece) {
    if (!parse(chunk.data(), kMaxPiece, false)) return false;
    chunk.remove_prefix(kMaxPiece);
  }
  return parse(chunk.data(), chunk.size(), false);
}

bool XmlStream::finish() { return parse("", 0, true); }

bool XmlStream::parse(const char* data, std::size_t size, bool final) {
  if (!error_.empty()) return false;
  XML_Parser p = parser_->expat;
  if (XML_Parse(p, data, static_cast<int>(size), final ? XML_TRUE : XML_FALSE) == XML_STATUS_OK)
    return true;
  if (error_.empty()) {
    error_ = XML_ErrorString(XML_GetErrorCode(p));
    error_position_ = position();
  }
  return false;
}

void XmlStream::refuse(std::string why) {
  error_ = std::move(why);
  error_position_ = position();
  XML_StopParser(parser_->expat, XML_FALSE);
}

XmlPosition XmlStream::position() const {
  XML_Parser p = parser_->expat;
  const XML_Index index = XML_GetCurrentByteIndex(p);
  return {static_cast<std::uint64_t>(XML_GetCurrentLineNumber(p)),
          static_cast<std::uint64_t>(std::max<XML_Index>(index, 0))};
}

std::string_view xml_attribute(const char** attributes, std::string_view name) {
  for (const char** a = attributes; a != nullptr && a[0] != nullptr; a += 2)
    if (name == a[0]) return a[1];
  return {};
}

}  // namespace papersieve::detail
