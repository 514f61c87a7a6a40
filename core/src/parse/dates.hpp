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

// Partial ISO dates kept partial: "2010" -> "2010", "2010-05" -> "2010-05",
// "2010-05-17T..." -> "2010-05-17"; any form iso_date_from_any reads; else empty.
std::string iso_partial_date(std::string_view text);

// PubMed's parts: year "2018", month "05", "5" or "May", day "17" (month and
// day may be empty) -> "2018-05-17", "2018-05" or "2018"; empty without a year.
std::string iso_date_from_parts(std::string_view year, std::string_view month,
                                std::string_view day);

// PubMed's <MedlineDate>: "1998 Dec-1999 Jan" -> "1998-12", "2000 Spring" ->
// "2000", "2018 May 3-10" -> "2018-05-03"; empty without a leading year.
std::string iso_date_from_medline(std::string_view text);

}  // namespace papersieve::detail
