// JATS XML fragments, as Crossref writes abstracts, turned into plain text.
#pragma once

#include <string>
#include <string_view>

namespace papersieve::detail {

// "<jats:title>Abstract</jats:title><jats:p>We <jats:italic>use</jats:italic> …</jats:p>"
// -> "We use …": the text of the elements (read by expat), blocks (p, title,
// sec, list-item, …) separated by a space, a leading "Abstract" heading
// dropped, XML and common HTML entities (&nbsp; &ndash; …) decoded. Text that
// is not well-formed XML has its tags stripped instead; `well_formed` says which.
std::string jats_to_text(std::string_view jats, bool* well_formed = nullptr);

}  // namespace papersieve::detail
