#include "match_workload.hpp"

#include <map>
#include <random>
#include <set>

#include "match_corpus.hpp"

namespace papersieve::bench {
namespace {

const std::vector<Keyword>& all_keywords() {
  static const std::vector<Keyword> kws = [] {
    const auto& vocab = match_vocabulary();
    const auto absent = absent_words(50'000, 3);
    std::mt19937_64 rng(9);
    std::uniform_int_distribution<std::size_t> rank(300, vocab.size() - 1), any(40, 3000);
    std::vector<Keyword> out;
    for (std::size_t i = 0; i < 50'000; ++i) {
      switch (i % 10) {
        case 0:
        case 5: out.push_back({vocab[rank(rng)]}); break;
        case 7: {
          Keyword kw{vocab[any(rng)], vocab[any(rng)]};
          if (i % 20 == 7) kw.push_back(vocab[any(rng)]);
          out.push_back(kw);
          break;
        }
        default: out.push_back({absent[i]});
      }
    }
    return out;
  }();
  return kws;
}

std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string joined(const Keyword& kw, const std::string& separator) {
  std::string text;
  for (std::size_t w = 0; w < kw.size(); ++w) text += (w ? separator : "") + kw[w];
  return text;
}

std::vector<std::string> split_hyphens(const std::string& word) {
  std::vector<std::string> parts;
  for (std::size_t start = 0; start <= word.size();) {
    std::size_t end = word.find('-', start);
    if (end == std::string::npos) end = word.size();
    parts.push_back(word.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

// The corpus's accents (match_corpus.cpp) removed, as papersieve's folding does.
std::string strip_accents(std::string word) {
  static const std::pair<const char*, const char*> kFolds[] = {{"é", "e"}, {"è", "e"}, {"ö", "o"},
                                                               {"ü", "u"}, {"ï", "i"}, {"á", "a"},
                                                               {"ñ", "n"}, {"ç", "c"}};
  for (const auto& [accented, plain] : kFolds)
    for (std::size_t at; (at = word.find(accented)) != std::string::npos;)
      word.replace(at, std::string(accented).size(), plain);
  return word;
}

// Every word of the corpus that folds like `word` (itself included): papersieve matches them
// all, so a baseline must list them ("leal" also finds "lèal").
std::vector<std::string> spellings_of(const std::string& word) {
  static const auto by_fold = [] {
    std::map<std::string, std::set<std::string>> index;
    for (const std::string& v : match_vocabulary())
      for (const std::string& part : split_hyphens(v)) index[strip_accents(part)].insert(part);
    return index;
  }();
  std::set<std::string> all = {word};
  const auto it = by_fold.find(strip_accents(word));
  if (it != by_fold.end()) all.insert(it->second.begin(), it->second.end());
  return {all.begin(), all.end()};
}

}  // namespace

std::vector<Keyword> keywords(std::size_t count) {
  const auto& all = all_keywords();
  return {all.begin(), all.begin() + static_cast<std::ptrdiff_t>(std::min(count, all.size()))};
}

std::vector<std::string> regexes() {
  std::vector<std::string> out = {R"(\bDPO\b)",
                                  R"(optimi[sz]ation)",
                                  R"((?i)\bgpt-?4o?\b)",
                                  R"(\b[A-Z]{2,}-\d+\b)",
                                  R"((?i)\bllama[- ]?[23]\b)",
                                  R"((?i)reinforcement learning from human feedback)",
                                  R"(\bRLHF\b)",
                                  R"((?i)\bchain[- ]of[- ]thought\b)",
                                  R"((?i)\bmixture[- ]of[- ]experts?\b)",
                                  R"(\b(?:BERT|RoBERTa|T5)\b)",
                                  R"((?i)\bvision[- ]language\b)",
                                  R"(\b\d+(?:\.\d+)?[BM] parameters)",
                                  R"((?i)\bzero-shot\b)",
                                  R"((?i)\bfew-shot\b)",
                                  R"(arXiv:\d{4}\.\d{4,5})",
                                  R"(https?://github\.com/\S+)",
                                  R"((?i)state[- ]of[- ]the[- ]art)",
                                  R"(\bSOTA\b)",
                                  R"((?i)\btransformers?\b)",
                                  R"(\bH100s?\b)",
                                  R"((?i)\bx-ray\b)",
                                  R"(\bViT-[BLH]\b)",
                                  R"((?i)\bclip\b)",
                                  R"(\bMoE\b)",
                                  R"((?i)\bretrieval[- ]augmented\b)"};
  const auto& vocab = match_vocabulary();
  for (std::size_t i = 0; out.size() < 50; ++i) {
    const std::string& w = vocab[200 + 37 * i];
    if (w.find_first_not_of("abcdefghijklmnopqrstuvwxyz") != std::string::npos) continue;
    out.push_back(i % 2 ? "(?i)\\b" + w + "(?:s|es)?\\b" : "\\b" + w + "[a-z]*ing\\b");
  }
  return out;
}

std::string match_text(std::size_t bytes, double plant_rate) {
  std::vector<std::string> planted;
  const auto kws = keywords(1000);
  for (std::size_t i = 0; i < kws.size(); i += 3)
    planted.push_back(joined(kws[i], i % 2 ? "-" : " "));
  return generate_match_text(bytes, planted, plant_rate);
}

std::string rules_json(std::size_t count, std::size_t rules, bool with_regexes) {
  std::vector<std::vector<std::string>> keywords_of(rules), regexes_of(rules);
  const auto kws = keywords(count);
  for (std::size_t i = 0; i < kws.size(); ++i)
    keywords_of[i % rules].push_back(joined(kws[i], " "));
  if (with_regexes) {
    const auto res = regexes();
    for (std::size_t i = 0; i < res.size(); ++i) regexes_of[i % rules].push_back(res[i]);
  }
  std::string out = "{\"min_score\": 1, \"rules\": [\n";
  for (std::size_t r = 0; r < rules; ++r) {
    out += "{\"name\": \"r" + std::to_string(r) + "\", \"weight\": " + std::to_string(1 + r % 3);
    for (const auto* list : {&keywords_of[r], &regexes_of[r]}) {
      if (list->empty()) continue;
      out += list == &keywords_of[r] ? ", \"keywords\": [" : ", \"regex\": [";
      for (std::size_t k = 0; k < list->size(); ++k)
        out += (k ? ", " : "") + json_string((*list)[k]);
      out += "]";
    }
    out += r + 1 < rules ? "},\n" : "}\n";
  }
  return out + "]}\n";
}

// Word boundaries: RE2's and Hyperscan's \b are ASCII-only, so "bl" would match in "blé", where
// papersieve's tokens hold every letter. A keyword that ends where a word of the corpus goes on
// with a non-ASCII letter (or starts after one), or that starts or ends with one, gets boundaries
// that count non-ASCII as letters (the corpus's only non-ASCII characters are letters); the others
// keep \b, as a user would write: a class boundary on every pattern costs RE2::Set its DFA memory.
const std::string kWordStart = R"((?:^|[\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]))",
                  kWordEnd = R"((?:[\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]|$))";

bool touches_non_ascii(const std::string& first, const std::string& last) {
  static const auto tokens = [] {
    std::set<std::string> all;
    for (const std::string& v : match_vocabulary())
      for (const std::string& part : split_hyphens(v)) all.insert(part);
    return all;
  }();
  auto lower = [](std::string s) {
    for (char& c : s) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    return s;
  };
  const std::string f = lower(first), l = lower(last);
  if ((f.front() & 0x80) || (l.back() & 0x80)) return true;  // "cá": \b would cut "cápraist"
  for (const std::string& t : tokens) {
    if (t.size() > f.size() && t.compare(0, f.size(), f) == 0 && (t[f.size()] & 0x80)) return true;
    if (t.size() > l.size() && t.compare(t.size() - l.size(), l.size(), l) == 0 &&
        (t[t.size() - l.size() - 1] & 0x80))
      return true;
  }
  return false;
}

static std::vector<std::vector<std::string>> keyword_words(const Keyword& keyword) {
  std::vector<std::vector<std::string>> out;
  for (const std::string& word : keyword)
    for (const std::string& part : split_hyphens(word)) out.push_back(spellings_of(part));
  return out;
}

std::string keyword_pattern(const Keyword& keyword) {
  const auto words = keyword_words(keyword);
  bool unicode = false;
  for (const auto& first : words.front())
    for (const auto& last : words.back()) unicode = unicode || touches_non_ascii(first, last);
  std::string pattern = (unicode ? kWordStart : "\\b") + "(?i:";
  for (std::size_t w = 0; w < words.size(); ++w) {
    pattern += w ? "[\\s_-]+" : "";
    if (words[w].size() == 1) {
      pattern += words[w][0];
      continue;
    }
    pattern += "(?:";
    for (std::size_t s = 0; s < words[w].size(); ++s) pattern += (s ? "|" : "") + words[w][s];
    pattern += ")";
  }
  return pattern + ")" + (unicode ? kWordEnd : "\\b");
}

std::vector<std::string> keyword_spellings(const Keyword& keyword) {
  std::vector<std::string> out = {""};
  const auto words = keyword_words(keyword);
  for (std::size_t w = 0; w < words.size(); ++w) {
    std::vector<std::string> next;
    for (const std::string& prefix : out)
      for (const std::string& spelling : words[w])
        for (const char* sep : {" ", "-"}) {
          next.push_back(w ? prefix + sep + spelling : spelling);
          if (w == 0) break;
        }
    out = std::move(next);
  }
  return out;
}

std::vector<RulePattern> rule_patterns(std::size_t count, std::size_t rules, bool with_regexes) {
  std::vector<RulePattern> out;
  const auto kws = keywords(count);
  for (std::size_t i = 0; i < kws.size(); ++i)
    out.push_back({keyword_pattern(kws[i]), i % rules, true, keyword_spellings(kws[i])});
  if (with_regexes) {
    const auto res = regexes();
    for (std::size_t i = 0; i < res.size(); ++i) out.push_back({res[i], i % rules, false, {}});
  }
  return out;
}

std::string patterns_json(std::size_t count, std::size_t rules, bool with_regexes) {
  std::string out = "[\n";
  const auto patterns = rule_patterns(count, rules, with_regexes);
  for (std::size_t i = 0; i < patterns.size(); ++i) {
    const auto& p = patterns[i];
    out += "{\"rule\": " + std::to_string(p.rule) + ", \"pattern\": " + json_string(p.pattern);
    if (p.keyword) {
      out += ", \"spellings\": [";
      for (std::size_t s = 0; s < p.spellings.size(); ++s)
        out += (s ? ", " : "") + json_string(p.spellings[s]);
      out += "]";
    }
    out += i + 1 < patterns.size() ? "},\n" : "}\n";
  }
  return out + "]\n";
}

}  // namespace papersieve::bench
