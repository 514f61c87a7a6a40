// A validated simdjson DOM replayed as the SAX events of a RapidJSON handler, so
// that one handler holds a reader's meaning whichever parser read the bytes
// (docs/design.md, "Parsing"). Containers deeper than `kept_depth` are replayed
// as empty: handlers ignore their contents, and the walk's recursion stays
// shallow however deep the input nests.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <string_view>

namespace papersieve::detail {

// Replays `element` (at nesting `depth`, the document being 0) into `handler`;
// false when the handler stopped.
template <int kept_depth, class Handler>
bool replay_events(simdjson::dom::element element, Handler& handler, int depth = 0) {
  using Type = simdjson::dom::element_type;
  switch (element.type()) {
    case Type::OBJECT: {
      if (!handler.StartObject()) return false;
      if (depth < kept_depth) {
        for (simdjson::dom::key_value_pair field : simdjson::dom::object(element)) {
          const auto size = static_cast<unsigned>(field.key.size());
          if (!handler.Key(field.key.data(), size, true) ||
              !replay_events<kept_depth>(field.value, handler, depth + 1))
            return false;
        }
      }
      return handler.EndObject(0);
    }
    case Type::ARRAY: {
      if (!handler.StartArray()) return false;
      if (depth < kept_depth) {
        for (simdjson::dom::element item : simdjson::dom::array(element))
          if (!replay_events<kept_depth>(item, handler, depth + 1)) return false;
      }
      return handler.EndArray(0);
    }
    case Type::STRING: {
      const std::string_view text = element.get_string().value_unsafe();
      return handler.String(text.data(), static_cast<unsigned>(text.size()), true);
    }
    case Type::INT64: return handler.Int64(element.get_int64().value_unsafe());
    case Type::UINT64: return handler.Uint64(element.get_uint64().value_unsafe());
    case Type::DOUBLE: return handler.Double(element.get_double().value_unsafe());
    case Type::BOOL: return handler.Bool(element.get_bool().value_unsafe());
    case Type::NULL_VALUE: return handler.Null();
  }
  return false;
}

}  // namespace papersieve::detail
