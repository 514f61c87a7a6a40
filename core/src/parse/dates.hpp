// Dates as the JSON sources write them, turned into ISO 8601 calendar dates.
#pragma once

#include <string>
#include <string_view>

namespace papersieve::detail {

// "2024-10-22T17:59:30.000Z" or "2024-10-22" -> "2024-10-22": the leading
// YYYY-MM-DD of an ISO 8601 date or timestamp; empty when the text has none.
std::string iso_date_prefix(std::string_view text);

// "Mon, 2 Apr 2007 19:18:42 GMT" (RFC 2822; weekday and time optional)
// -> "2007-04-02"; empty when the text is not such a date.
std::string iso_date_from_rfc2822(std::string_view text);

// Any of the above, or a page date such as "Jun 21, 2024"; empty when unknown.
std::string iso_date_from_any(std::string_view text);

}  // namespace papersieve::detail
