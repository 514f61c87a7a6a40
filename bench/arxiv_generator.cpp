#include "arxiv_generator.hpp"

#include <array>
#include <cstdio>
#include <random>
#include <string_view>

namespace papersieve::bench {
namespace {

constexpr std::array<std::string_view, 24> kWords = {
    "model",  "diffusion", "language", "prompt",  "learning", "training", "we",     "propose",
    "method", "results",   "the",      "of",      "and",      "a",        "to",     "in",
    "for",    "with",      "data",     "network", "quantum",  "field",    "theory", "energy"};
constexpr std::array<std::string_view, 4> kNonAscii = {"Schrödinger", "naïve", "café", "Möbius"};
constexpr std::array<std::string_view, 8> kFirst = {"Ana",   "Bo",    "Chen",  "Dmitri",
                                                    "Elena", "Farid", "Grace", "Hiro"};
constexpr std::array<std::string_view, 8> kLast = {"Nadolsky", "Berger", "Yuan",   "Streinu",
                                                   "Theran",   "Valle",  "Okafor", "Lindqvist"};
constexpr std::array<std::string_view, 6> kCategories = {"hep-ph", "math.CO",  "cs.CL",
                                                         "cs.AI",  "astro-ph", "quant-ph"};
constexpr std::array<std::string_view, 7> kDays = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

class Generator {
 public:
  explicit Generator(std::uint64_t seed) : rng_(seed) {}

  void record(int n, std::string& out) {
    out += "{\"id\":\"" + id(n) + "\",\"submitter\":\"" + name() + "\",\"authors\":\"";
    const int authors = 1 + pick(4);
    std::string parsed;
    for (int a = 0; a < authors; ++a) author(a, authors, out, parsed);
    out += "\",\"title\":\"" + wrapped(90, 70, "", "\\n  ") + "\",\"comments\":\"" +
           std::to_string(5 + pick(30)) + " pages, " + std::to_string(pick(12)) +
           " figures\",\"journal-ref\":null,\"doi\":" +
           (pick(2) ? "\"10.1103/PhysRevD.76." + std::to_string(pick(99999)) + "\"" : "null") +
           ",\"report-no\":null,\"categories\":\"" + categories() +
           "\",\"license\":null,\"abstract\":\"" + wrapped(1200, 80, "  ", "\\n") +
           "\\n\",\"versions\":[";
    const int versions = 1 + pick(4);
    for (int v = 1; v <= versions; ++v)
      out += std::string(v > 1 ? "," : "") + "{\"version\":\"v" + std::to_string(v) +
             "\",\"created\":\"" + date() + "\"}";
    out += "],\"update_date\":\"2008-11-26\",\"authors_parsed\":[" + parsed + "]}\n";
  }

 private:
  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  bool percent(int p) { return pick(100) < p; }

  static std::string id(int n) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%02d%02d.%05d", 7 + n / 1200000, 1 + n / 100000 % 12,
                  n % 100000);
    return buffer;
  }

  std::string name() { return std::string(kFirst[pick(8)]) + " " + std::string(kLast[pick(8)]); }

  // The TeX string gets an accent in ~4% of names; authors_parsed has the
  // letter as a \u escape, as the snapshot writes it.
  void author(int index, int count, std::string& tex, std::string& parsed) {
    const std::string first(kFirst[pick(8)]);
    std::string last(kLast[pick(8)]), last_json = last;
    if (percent(4)) {
      last = "Bal\\\\'azs";
      last_json = "Bal\\u00e1zs";
    }
    if (index > 0) tex += index + 1 == count ? " and " : ", ";
    tex += first + " " + last;
    parsed += std::string(index > 0 ? "," : "") + "[\"" + last_json + "\",\"" + first + "\",\"\"]";
  }

  // ~`size` bytes of words after `indent`, with `line_break` (JSON-escaped)
  // every ~`width` bytes: the snapshot keeps arXiv's hard wraps.
  std::string wrapped(std::size_t size, std::size_t width, std::string_view indent,
                      std::string_view line_break) {
    std::string text(indent);
    std::size_t column = 0;
    while (text.size() < size) {
      const std::string_view word = percent(3) ? kNonAscii[pick(4)] : kWords[pick(24)];
      if (column + word.size() > width) {
        text += line_break;
        column = 0;
      } else if (text.size() > indent.size()) {
        text += ' ';
      }
      text += word;
      column += word.size() + 1;
    }
    return text;
  }

  std::string categories() {
    std::string list(kCategories[pick(6)]);
    for (int extra = pick(3); extra > 0; --extra) list += " " + std::string(kCategories[pick(6)]);
    return list;
  }

  std::string date() {
    return std::string(kDays[pick(7)]) + ", " + std::to_string(1 + pick(28)) + " " +
           std::string(kMonths[pick(12)]) + " " + std::to_string(2007 + pick(17)) + " " +
           std::to_string(10 + pick(14)) + ":18:42 GMT";
  }

  std::mt19937_64 rng_;
};

}  // namespace

std::string generate_arxiv_jsonl(std::size_t bytes, std::uint64_t seed, int* next_number) {
  Generator generator(seed);
  std::string out;
  out.reserve(bytes + 4096);
  int n = next_number != nullptr ? *next_number : 1;
  for (; out.size() < bytes; ++n) generator.record(n, out);
  if (next_number != nullptr) *next_number = n;
  return out;
}

}  // namespace papersieve::bench
