#include "write/paper_view.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>

namespace papersieve::write {

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const auto byte = static_cast<unsigned char>(c);
    // Characters XML 1.0 forbids even escaped: C0 controls but tab and line ends,
    // U+FFFE and U+FFFF.
    if (byte < 0x20 && c != '\t' && c != '\n' && c != '\r') continue;
    if (byte == 0xEF && text.substr(i, 3) >= "\xEF\xBF\xBE" &&
        text.substr(i, 3) <= "\xEF\xBF\xBF") {
      i += 2;
      continue;
    }
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

bool safe_url(std::string_view url) {
  return url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0;
}

namespace {

bool ends_with_pdf(std::string_view url) {
  return url.size() > 4 && url.substr(url.size() - 4) == ".pdf";
}

bool read_from_hugging_face(const Paper& paper) { return paper.source.format.rfind("hf", 0) == 0; }

}  // namespace

PaperLinks paper_links(const Paper& paper) {
  PaperLinks out;
  if (!paper.arxiv_id.empty()) {
    out.abs = "https://arxiv.org/abs/" + paper.arxiv_id;
    out.pdf = "https://arxiv.org/pdf/" + paper.arxiv_id;
    if (read_from_hugging_face(paper)) out.hf = "https://huggingface.co/papers/" + paper.arxiv_id;
  }
  if (auto doi = paper.extra.find("doi"); doi != paper.extra.end() && !doi->second.empty())
    out.doi = "https://doi.org/" + doi->second;
  std::string first_paper_link;
  for (const auto& link : paper.links) {
    if (!safe_url(link.url)) continue;
    if (link.url.find("huggingface.co/papers/") != std::string::npos) {
      if (out.hf.empty()) out.hf = link.url;
    } else if (ends_with_pdf(link.url) || link.url.find("arxiv.org/pdf/") != std::string::npos) {
      if (out.pdf.empty()) out.pdf = link.url;
    } else if (link.kind == LinkKind::paper) {
      if (first_paper_link.empty()) first_paper_link = link.url;
    } else if (link.kind != LinkKind::other) {
      out.others.push_back(link);
    }
  }
  out.page = !out.hf.empty()             ? out.hf
             : !out.abs.empty()          ? out.abs
             : !first_paper_link.empty() ? first_paper_link
                                         : out.doi;
  return out;
}

std::vector<LabeledLink> entry_links(const PaperLinks& links, bool with_doi) {
  std::vector<LabeledLink> out;
  auto add = [&](const std::string& url, std::string_view label) {
    if (safe_url(url)) out.push_back({std::string(label), url});
  };
  add(links.abs, "arXiv");
  add(links.pdf, "PDF");
  add(links.hf, "Hugging Face");
  if (with_doi || links.abs.empty()) add(links.doi, "DOI");
  for (const auto& other : links.others) add(other.url, link_kind_name(other.kind));
  return out;
}

Window abstract_window(const Paper& paper, const Hit& hit, bool full) {
  return full ? Window{0, paper.abstract.size()}
              : snippet_window(paper.abstract, hit, MatchField::abstract);
}

Window snippet_window(std::string_view text, const Hit& hit, MatchField field, std::size_t size) {
  if (text.size() <= size + size / 3) return {0, text.size()};
  std::size_t first = 0, first_end = 0;
  for (const auto& span : hit.spans) {
    if (span.field == field && span.end <= text.size()) {
      first = span.start;
      first_end = span.end;
      break;
    }
  }
  // From the beginning when the first match is early enough to show; else some context
  // before it, cut at a space (ASCII, so a character boundary).
  std::size_t start = first_end <= size * 3 / 4 ? 0 : first - std::min(first, size / 3);
  if (start > 0) {
    const std::size_t space = text.find(' ', start);
    start = space == std::string_view::npos || space >= first ? first : space + 1;
  }
  std::size_t end = start + size;
  if (end >= text.size()) return {start, text.size()};
  const std::size_t space = text.rfind(' ', end);
  end = space == std::string_view::npos || space <= start ? text.find(' ', end) : space;
  return {start, end == std::string_view::npos ? text.size() : end};
}

std::size_t rank_of(const Results& results, const Hit& hit) {
  return static_cast<std::size_t>(&hit - results.hits.data()) + 1;
}

std::string author_line(const Paper& paper, std::size_t most) {
  std::string out;
  const std::size_t shown = most == 0 ? paper.authors.size() : std::min(most, paper.authors.size());
  for (std::size_t i = 0; i < shown; ++i) out += (i ? ", " : "") + paper.authors[i];
  if (shown < paper.authors.size()) out += " et al.";
  return out;
}

std::string now_rfc3339() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

namespace {

int digits(std::string_view text, std::size_t at, std::size_t count) {
  if (text.size() < at + count) return 0;
  int value = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return 0;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

// Days since 1970-01-01 of a civil date (Howard Hinnant's days_from_civil).
long days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

int days_in_month(int year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

}  // namespace

DateParts date_parts(std::string_view iso) {
  DateParts out;
  out.year = digits(iso, 0, 4);
  if (out.year == 0) return out;
  if (iso.size() >= 7 && iso[4] == '-') out.month = digits(iso, 5, 2);
  if (out.month != 0 && iso.size() >= 10 && iso[7] == '-') out.day = digits(iso, 8, 2);
  if (out.month > 12) out.month = out.day = 0;
  if (out.day > days_in_month(out.year, out.month)) out.day = 0;  // "2024-02-30": the month only
  return out;
}

std::string date_to_rfc3339(std::string_view iso) {
  const DateParts d = date_parts(iso);
  if (d.year == 0) return {};
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT00:00:00Z", d.year, d.month ? d.month : 1,
                d.day ? d.day : 1);
  return buffer;
}

std::string rfc3339_to_rfc822(std::string_view rfc3339) {
  static const char* const kDays[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};
  static const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const DateParts d = date_parts(rfc3339);
  if (d.year == 0 || d.month == 0 || d.day == 0) return {};
  const long days = days_from_civil(d.year, d.month, d.day);
  const int hour = digits(rfc3339, 11, 2), minute = digits(rfc3339, 14, 2),
            second = digits(rfc3339, 17, 2);
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%s, %02d %s %04d %02d:%02d:%02d +0000",
                kDays[((days % 7) + 7) % 7], d.day, kMonths[d.month - 1], d.year, hour, minute,
                second);
  return buffer;
}

}  // namespace papersieve::write
