// URLs in abstracts: found, trimmed of the sentence around them, classified.
// Abstracts end "Code: https://github.com/x/y." and wrap links in parentheses,
// so the end of a URL is decided by what can end one, not by the next space.
#include <re2/re2.h>

#include <algorithm>
#include <array>

#include "normalize/ascii.hpp"
#include "papersieve/normalize.hpp"

namespace papersieve {
namespace {

constexpr std::size_t npos = std::string_view::npos;

bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

using detail::starts_with_nocase;

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// Characters that continue a word a URL cannot start inside of: "a.www.b",
// "x@www.b" and "/www." are parts of something else.
bool joins_www(char c) {
  return is_alnum(c) || c == '/' || c == '.' || c == '@' || c == '-' || c == '_';
}

// Length of the "https://", "http://" or "www." that starts a URL at pos; 0 if none.
std::size_t url_prefix_length(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return 0;
  const char before = pos > 0 ? text[pos - 1] : ' ';
  const std::string_view rest = text.substr(pos);
  if (!is_alnum(before)) {
    if (starts_with_nocase(rest, "https://")) return 8;
    if (starts_with_nocase(rest, "http://")) return 7;
  }
  if (!joins_www(before) && starts_with_nocase(rest, "www.")) return 4;
  return 0;
}

// Printable ASCII except what RFC 3986 excludes and prose puts around URLs.
bool is_url_char(char c) {
  constexpr std::string_view kEnders = "<>\"{}|\\^`";
  return c > ' ' && c < 0x7F && kEnders.find(c) == npos;
}

bool is_trailing_punctuation(char c) {
  constexpr std::string_view kPunctuation = ".,;:!?'\"";
  return kPunctuation.find(c) != npos;
}

bool ends_host(char c) { return c == '/' || c == '?' || c == '#' || c == ':'; }

// A host has a dot (example.org), or is "localhost" after http(s)://: "https://this" and the
// "https://host" of a URL broken by a space ("https://host. github.io") are no URLs.
bool is_host(std::string_view host, bool www) {
  if (host.empty() || !is_alnum(host.front())) return false;
  if (host.find('.') != npos) return true;
  return !www && host.size() == 9 && starts_with_nocase(host, "localhost");
}

// "github.io/x" or "org/x" after "https://host. ": labels of letters, digits and '-' with dots
// between them, the last of two or more letters, then the rest of the URL (a lone label
// needs a '/' after it: "https://example. Then" is a sentence).
bool continues_host(std::string_view rest) {
  std::size_t i = 0, label = 0, dots = 0;
  bool letters_only = true;
  for (; i < rest.size() && !ends_host(rest[i]); ++i) {
    const char c = rest[i];
    if (c == '.') {
      if (label == 0) return false;
      ++dots, label = 0, letters_only = true;
    } else if (is_alnum(c) || c == '-') {
      ++label;
      letters_only = letters_only && !(c >= '0' && c <= '9') && c != '-';
    } else {
      return false;
    }
  }
  const bool path = i < rest.size() && rest[i] == '/';
  return (dots > 0 || path) && label >= 2 && letters_only;
}

// Drops what ends the sentence rather than the URL: punctuation, quotes, and a
// ')' or ']' closing a bracket opened before the URL ("(see https://x.org/a)").
// Counts are kept as the end moves, so trimming stays linear.
std::size_t trimmed_length(std::string_view url, std::size_t keep) {
  const auto count = [url](char c) { return std::count(url.begin(), url.end(), c); };
  const auto round_open = count('('), square_open = count('[');
  auto round_close = count(')'), square_close = count(']');
  std::size_t n = url.size();
  while (n > keep) {
    const char c = url[n - 1];
    if (c == ')' && round_close > round_open) {
      --round_close;
    } else if (c == ']' && square_close > square_open) {
      --square_close;
    } else if (!is_trailing_punctuation(c)) {
      break;
    }
    --n;
  }
  return n;
}

// The host a URL names, lowercased, without "www.", user or port.
std::string host_of(std::string_view url) {
  const std::size_t scheme = url.find("://");
  std::string_view rest = scheme == npos ? url : url.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (const std::size_t at = rest.rfind('@'); at != npos) rest = rest.substr(at + 1);
  rest = rest.substr(0, rest.find(':'));
  std::string host(rest);
  std::transform(host.begin(), host.end(), host.begin(), detail::ascii_lower);
  if (starts_with(host, "www.")) host.erase(0, 4);
  return host;
}

// The path of a URL, from its first '/' after the host ("" when none).
std::string_view path_of(std::string_view url) {
  const std::size_t scheme = url.find("://");
  const std::size_t host_start = scheme == npos ? 0 : scheme + 3;
  const std::size_t slash = url.find('/', host_start);
  return slash == npos ? std::string_view() : url.substr(slash);
}

bool is_host_or_subdomain(std::string_view host, std::string_view domain) {
  if (host == domain) return true;
  return host.size() > domain.size() && host.substr(host.size() - domain.size()) == domain &&
         host[host.size() - domain.size() - 1] == '.';
}

template <std::size_t N>
bool is_one_of(std::string_view host, const std::array<std::string_view, N>& hosts) {
  return std::find(hosts.begin(), hosts.end(), host) != hosts.end();
}

LinkKind classify_huggingface(std::string_view path) {
  if (starts_with(path, "/spaces/")) return LinkKind::code;
  if (starts_with(path, "/datasets/")) return LinkKind::data;
  if (starts_with(path, "/papers/")) return LinkKind::paper;
  return LinkKind::project;  // models, organizations, blog posts
}

// Where an "://" at `colon` belongs to "http" or "https" that starts a URL.
std::size_t scheme_start(std::string_view text, std::size_t colon) {
  for (std::size_t length : {std::size_t{5}, std::size_t{4}}) {
    if (colon < length) continue;
    const std::size_t start = colon - length;
    if (url_prefix_length(text, start) == length + 3) return start;
  }
  return npos;
}

// Positions where a URL may start, in order. Both searches look for a rare
// byte with memchr: the ':' of "://" and the '.' of "www." (a 'w' is too common).
std::vector<std::size_t> url_candidates(std::string_view text) {
  std::vector<std::size_t> starts;
  for (std::size_t colon = text.find("://"); colon != npos; colon = text.find("://", colon + 3)) {
    if (const std::size_t start = scheme_start(text, colon); start != npos) starts.push_back(start);
  }
  for (std::size_t dot = text.find('.', 3); dot != npos; dot = text.find('.', dot + 1)) {
    if (starts_with_nocase(text.substr(dot - 3), "www")) starts.push_back(dot - 3);
  }
  std::sort(starts.begin(), starts.end());
  return starts;
}

void add_unique(std::vector<Link>& links, Link link) {
  for (const auto& have : links)
    if (have.url == link.url) return;
  links.push_back(std::move(link));
}

re2::StringPiece piece(std::string_view text) { return {text.data(), text.size()}; }

}  // namespace

std::size_t url_length_at(std::string_view text, std::size_t pos) {
  const std::size_t prefix = url_prefix_length(text, pos);
  if (prefix == 0) return 0;
  const bool www = prefix == 4;
  // The host is checked before the rest is scanned: a candidate that fails
  // costs only its host, which keeps hostile "https://-https://-..." linear.
  std::size_t host_end = pos + prefix;
  while (host_end < text.size() && is_url_char(text[host_end]) && !ends_host(text[host_end]))
    ++host_end;
  if (!is_host(text.substr(pos + prefix, host_end - pos - prefix), www)) return 0;
  std::size_t end = host_end;
  while (end < text.size() && is_url_char(text[end])) ++end;
  const std::size_t length = trimmed_length(text.substr(pos, end - pos), prefix);
  const bool host_trimmed = pos + length < host_end;  // "www.example." -> "www.example"
  if (host_trimmed && !is_host(text.substr(pos + prefix, length - prefix), www)) return 0;
  return length;
}

LinkKind classify_link(std::string_view url) {
  static constexpr std::array<std::string_view, 3> kCode = {"github.com", "gitlab.com",
                                                            "bitbucket.org"};
  static constexpr std::array<std::string_view, 4> kPaper = {"doi.org", "dx.doi.org",
                                                             "openreview.net", "aclanthology.org"};
  const std::string host = host_of(url);
  const std::string_view path = path_of(url);
  if (host == "huggingface.co") return classify_huggingface(path);
  if (is_one_of(host, kCode)) return LinkKind::code;
  if (host == "zenodo.org" || is_host_or_subdomain(host, "figshare.com") ||
      (host == "kaggle.com" && starts_with(path, "/datasets"))) {
    return LinkKind::data;
  }
  if (is_host_or_subdomain(host, "arxiv.org") || is_one_of(host, kPaper)) return LinkKind::paper;
  return LinkKind::project;  // github.io pages, lab sites, demos
}

namespace {

// A URL whose host a stray space broke after a dot ("https://host. github.io/x", as copied
// from a PDF), joined again: "https://host.github.io/x"; empty when that is not what is there.
std::string rejoined_url(std::string_view text, std::size_t start, std::size_t& consumed) {
  const std::size_t prefix = url_prefix_length(text, start);
  std::size_t dot = start + prefix;
  while (dot < text.size() && is_url_char(text[dot]) && !ends_host(text[dot])) ++dot;
  if (dot == start + prefix || text[dot - 1] != '.' || dot + 1 >= text.size() || text[dot] != ' ')
    return {};
  const std::string joined = std::string(text.substr(start, dot - start)) +
                             std::string(text.substr(dot + 1, text.find(' ', dot + 1) - dot - 1));
  if (!continues_host(std::string_view(joined).substr(dot - start))) return {};
  const std::size_t length = url_length_at(joined, 0);
  if (length <= dot - start) return {};
  consumed = start + length + 1;
  return joined.substr(0, length);
}

}  // namespace

std::vector<Link> extract_links(std::string_view text) {
  std::vector<Link> links;
  std::size_t consumed = 0;  // candidates inside a URL already taken are parts of it
  for (const std::size_t start : url_candidates(text)) {
    if (start < consumed) continue;
    const std::size_t length = url_length_at(text, start);
    std::string url;
    if (length != 0) {
      consumed = start + length;
      url = std::string(text.substr(start, length));
    } else if (url = rejoined_url(text, start, consumed); url.empty()) {
      continue;
    }
    if (starts_with_nocase(url, "www.")) url.insert(0, "https://");
    const LinkKind kind = classify_link(url);
    add_unique(links, Link{std::move(url), kind});
  }
  return links;
}

std::optional<ArxivRef> arxiv_ref_from_url(std::string_view url) {
  // The host must start at a boundary (no "notarxiv.org"); the id must end at
  // one (2406.012345 is no id).
  static const RE2 pattern(
      R"((?:^|[/.@])(?:arxiv\.org/(?:abs|pdf|html)|huggingface\.co/papers)/)"
      R"((\d{4}\.\d{4,5}|[a-z][a-z-]*(?:\.[A-Z]{2})?/\d{7})(?:v(\d{1,9}))?(?:\D|$))");
  ArxivRef ref;
  std::string version;
  if (!RE2::PartialMatch(piece(url), pattern, &ref.id, &version)) return std::nullopt;
  ref.version = version.empty() ? 0 : std::stoi(version);
  return ref;
}

}  // namespace papersieve
