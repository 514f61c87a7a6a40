#include "parse/json_support.hpp"

#include <cstring>

namespace papersieve::detail {

char* copy_for_insitu(std::string_view text, std::string& buffer) {
  buffer.resize(text.size() + 1 + kJsonPadding);
  std::memcpy(buffer.data(), text.data(), text.size());
  std::memset(buffer.data() + text.size(), 0, 1 + kJsonPadding);
  return buffer.data();
}

std::string json_error_message(rapidjson::ParseErrorCode code) {
  return std::string("invalid JSON: ") + rapidjson::GetParseError_En(code);
}

namespace {

constexpr const char* kNulMessage = "NUL byte in the JSON text (JSON cannot contain one)";

}  // namespace

void reject_json_error(const rapidjson::ParseResult& result, const char* text, std::size_t size,
                       RecordReport& report) {
  // In-situ parsing writes only behind the point where it stopped: the byte
  // there is as it came.
  if (result.Offset() < size && text[result.Offset()] == '\0') {
    report.reject(kNulMessage, result.Offset());
    return;
  }
  std::string message = json_error_message(result.Code());
  if (result.Offset() >= size && result.Code() != rapidjson::kParseErrorDocumentEmpty)
    message += " (the record ends early: truncated?)";
  report.reject(std::move(message), result.Offset());
}

bool check_parsed_to_end(std::size_t stop, std::size_t size, RecordReport& report) {
  return stop >= size || report.reject(kNulMessage, stop);
}

std::string_view json_type_name(const rapidjson::Value& value) {
  switch (value.GetType()) {
    case rapidjson::kNullType: return "null";
    case rapidjson::kFalseType:
    case rapidjson::kTrueType: return "a boolean";
    case rapidjson::kObjectType: return "an object";
    case rapidjson::kArrayType: return "an array";
    case rapidjson::kStringType: return "a string";
    case rapidjson::kNumberType: return "a number";
  }
  return "a value";
}

std::string wrong_type(std::string_view field, std::string_view expected, std::string_view found) {
  std::string message(field);
  message.append(" must be ").append(expected).append(", found ").append(found);
  return message;
}

const rapidjson::Value* member_or_null(const rapidjson::Value& object, std::string_view key) {
  const auto it = object.FindMember(rapidjson::Value(
      rapidjson::StringRef(key.data(), static_cast<rapidjson::SizeType>(key.size()))));
  if (it == object.MemberEnd() || it->value.IsNull()) return nullptr;
  return &it->value;
}

}  // namespace papersieve::detail
