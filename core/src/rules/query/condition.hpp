// Conditions: the query terms that are not text (docs/rules.md, "Dates, numbers, announce
// type, source"): published:>=2026-12-01, updated:[2026-01 TO 2026-03], published:>today-7d,
// upvotes:>=10, announce:new, source:arxiv-mailing. They are read from the query here and
// evaluated per paper here, never by the text matcher.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "papersieve/paper.hpp"
#include "rules/query/ast.hpp"

namespace papersieve::rules {

// The condition field named `name` (lowercase), if it is one.
std::optional<ConditionField> condition_field_from_name(std::string_view name);
std::string_view condition_field_name(ConditionField field);

// The condition `field:operand`; `operand_column` is the column of operand[0]. Throws
// QueryError with the column of the offending part.
Condition parse_condition(ConditionField field, std::string_view operand,
                          std::uint32_t operand_column);

// Where a condition operand ends in `query` from `pos`: after the `]` of a range, else at the
// end of the bare token (`bare_end`). npos for a range without its `]`.
std::size_t condition_operand_end(std::string_view query, std::size_t pos, std::size_t bare_end);

// Days since 1970-01-01 of a UTC time in seconds since the epoch; of a calendar date.
std::int64_t days_from_unix_seconds(std::int64_t seconds);
std::int64_t days_from_civil(int year, int month, int day);

// `condition` with its relative dates (today-7d) made absolute for the day `today` (days since
// 1970-01-01).
Condition resolve_condition(Condition condition, std::int64_t today);

// Whether a paper meets a resolved condition. A paper without the value (no date, no upvotes,
// no announce type) never does.
bool condition_holds(const Condition& condition, const Paper& paper);

// The leading calendar date of an ISO date or timestamp ("2026-12", "2026-12-05"), for sorting
// (a partial date sorts just before its first day); empty when there is none.
std::string_view sortable_date(std::string_view text);

// "published:>=2026-12-01" (for to_debug_string).
std::string condition_text(const Condition& condition);

}  // namespace papersieve::rules
