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

// windows-1252 as feeds declare it (expat knows UTF-8, UTF-16, ISO-8859-1 and
// US-ASCII itself): Latin-1 but for 0x80-0x9F, where five bytes are unassigned.
constexpr int kCp1252High[32] = {0x20AC, -1,     0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, -1,     0x017D, -1,
                                 -1,     0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, -1,     0x017E, 0x0178};

bool is_cp1252(std::string_view name) {
  std::string lower;
  for (char c : name) lower.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
  return lower == "windows-1252" || lower == "cp1252" || lower == "x-cp1252";
}

int XMLCALL unknown_encoding(void*, const XML_Char* name, XML_Encoding* info) {
  if (name == nullptr || !is_cp1252(name)) return XML_STATUS_ERROR;
  for (int i = 0; i < 256; ++i) info->map[i] = i;
  for (int i = 0; i < 32; ++i) info->map[0x80 + i] = kCp1252High[i];
  info->data = nullptr;
  info->convert = nullptr;
  info->release = nullptr;
  return XML_STATUS_OK;
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
  XML_SetUnknownEncodingHandler(p, &unknown_encoding, nullptr);
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
