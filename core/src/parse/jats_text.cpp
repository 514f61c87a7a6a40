#include "parse/jats_text.hpp"

#include <expat.h>

#include <limits>
#include <new>

namespace papersieve::detail {
namespace {

// The HTML entities abstracts use; declared in a fixed internal DTD, so the
// input itself can declare nothing (it sits inside the root element).
constexpr std::string_view kPrologue =
    "<!DOCTYPE r [<!ENTITY nbsp '&#160;'><!ENTITY ndash '&#8211;'><!ENTITY mdash '&#8212;'>"
    "<!ENTITY hellip '&#8230;'><!ENTITY lsquo '&#8216;'><!ENTITY rsquo '&#8217;'>"
    "<!ENTITY ldquo '&#8220;'><!ENTITY rdquo '&#8221;'><!ENTITY times '&#215;'>"
    "<!ENTITY minus '&#8722;'><!ENTITY plusmn '&#177;'><!ENTITY deg '&#176;'>"
    "<!ENTITY micro '&#181;'><!ENTITY le '&#8804;'><!ENTITY ge '&#8805;'>"
    "<!ENTITY thinsp '&#8201;'><!ENTITY shy '&#173;'><!ENTITY alpha '&#945;'>"
    "<!ENTITY beta '&#946;'><!ENTITY gamma '&#947;'><!ENTITY delta '&#948;'>]><r>";

std::string_view local_name(const char* name) {
  const std::string_view full(name);
  const std::size_t colon = full.rfind(':');
  return colon == std::string_view::npos ? full : full.substr(colon + 1);
}

bool is_block(std::string_view name) {
  for (std::string_view block : {"p", "title", "sec", "list-item", "label", "caption", "list",
                                 "disp-quote", "abstract", "def-item", "break"})
    if (name == block) return true;
  return false;
}

bool is_abstract_heading(const std::string& text) {
  std::string folded;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == ':' || c == '.') continue;
    folded.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return folded == "abstract";
}

struct Collector {
  std::string text;
  std::string title;  // the text of the title being read
  int title_depth = 0;

  void space() {
    if (!text.empty() && text.back() != ' ') text.push_back(' ');
  }

  static void XMLCALL start(void* self, const char* name, const char**) {
    auto& c = *static_cast<Collector*>(self);
    const std::string_view local = local_name(name);
    if (local == "title" && c.title_depth++ == 0) c.title.clear();
    if (is_block(local)) c.space();
  }

  static void XMLCALL end(void* self, const char* name) {
    auto& c = *static_cast<Collector*>(self);
    const std::string_view local = local_name(name);
    if (local == "title" && c.title_depth > 0 && --c.title_depth == 0) {
      // A leading "Abstract" heading repeats what the field is.
      const bool heading_only = c.text.find_first_not_of(' ') == std::string::npos;
      if (!(heading_only && is_abstract_heading(c.title))) c.text += c.title;
    }
    if (is_block(local)) c.space();
  }

  static void XMLCALL chars(void* self, const char* data, int size) {
    auto& c = *static_cast<Collector*>(self);
    (c.title_depth > 0 ? c.title : c.text).append(data, static_cast<std::size_t>(size));
  }
};

// The fallback for text expat refuses: tags dropped, the XML entities decoded.
std::string strip_tags(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '<') {
      const std::size_t close = text.find('>', i);
      if (close == std::string_view::npos) break;
      i = close;
      out.push_back(' ');
      continue;
    }
    if (text[i] == '&') {
      bool decoded = false;
      for (auto [name, c] : {std::pair<std::string_view, char>{"&amp;", '&'},
                             {"&lt;", '<'},
                             {"&gt;", '>'},
                             {"&quot;", '"'},
                             {"&apos;", '\''}}) {
        if (text.substr(i, name.size()) == name) {
          out.push_back(c);
          i += name.size() - 1;
          decoded = true;
          break;
        }
      }
      if (decoded) continue;
    }
    out.push_back(text[i]);
  }
  return out;
}

bool parse_piece(XML_Parser parser, std::string_view piece, bool last) {
  // XML_Parse takes an int length: an abstract larger than that is cut into pieces.
  constexpr std::size_t kMax = std::numeric_limits<int>::max() / 2;
  do {
    const std::string_view part = piece.substr(0, kMax);
    piece.remove_prefix(part.size());
    const bool final = last && piece.empty();
    if (XML_Parse(parser, part.data(), static_cast<int>(part.size()), final) != XML_STATUS_OK)
      return false;
  } while (!piece.empty());
  return true;
}

}  // namespace

std::string jats_to_text(std::string_view jats, bool* well_formed) {
  if (jats.find('<') == std::string_view::npos && jats.find('&') == std::string_view::npos) {
    if (well_formed != nullptr) *well_formed = true;
    return std::string(jats);
  }
  XML_Parser parser = XML_ParserCreate("UTF-8");
  if (parser == nullptr) throw std::bad_alloc();
  Collector collector;
  XML_SetUserData(parser, &collector);
  XML_SetElementHandler(parser, &Collector::start, &Collector::end);
  XML_SetCharacterDataHandler(parser, &Collector::chars);
  XML_SetParamEntityParsing(parser, XML_PARAM_ENTITY_PARSING_NEVER);
  const bool ok = parse_piece(parser, kPrologue, false) && parse_piece(parser, jats, false) &&
                  parse_piece(parser, "</r>", true);
  XML_ParserFree(parser);
  if (well_formed != nullptr) *well_formed = ok;
  return ok ? std::move(collector.text) : strip_tags(jats);
}

}  // namespace papersieve::detail
