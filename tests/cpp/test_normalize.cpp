#define BOOST_TEST_MODULE normalize
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cctype>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "normalize/collapse.hpp"
#include "normalize/hash.hpp"
#include "normalize/tex_math.hpp"
#include "papersieve/normalize.hpp"
#include "papersieve/parse.hpp"
#include "test_support.hpp"

using namespace papersieve;

BOOST_AUTO_TEST_CASE(repair_utf8_replaces_each_bad_byte) {
  std::size_t replaced = 0;
  BOOST_TEST(repair_utf8("caf\xC3\xA9", &replaced) == "caf\xC3\xA9");
  BOOST_TEST(replaced == 0u);
  BOOST_TEST(repair_utf8("a\xFF"
                         "b\xC3",
                         &replaced) ==
             "a\xEF\xBF\xBD"
             "b\xEF\xBF\xBD");
  BOOST_TEST(replaced == 2u);
  // Overlong encoding of '/' and an encoded surrogate are invalid, not passed through.
  BOOST_TEST(repair_utf8("\xC0\xAF", &replaced) == "\xEF\xBF\xBD\xEF\xBF\xBD");
  BOOST_TEST(repair_utf8("\xED\xA0\x80", &replaced).find("\xED\xA0\x80") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(nfc_composes_combining_marks) {
  // "e" + COMBINING ACUTE ACCENT -> "é"
  BOOST_TEST(to_nfc("Schro\xCC\x88"
                    "dinger") ==
             "Schr\xC3\xB6"
             "dinger");
  BOOST_TEST(to_nfc("plain ascii") == "plain ascii");
}

BOOST_AUTO_TEST_CASE(whitespace_collapses_including_unicode_spaces) {
  BOOST_TEST(collapse_whitespace("  a \t\n b\r\n") == "a b");
  // NO-BREAK SPACE, EM SPACE and IDEOGRAPHIC SPACE are spaces; ZERO WIDTH SPACE goes.
  BOOST_TEST(collapse_whitespace("a\xC2\xA0\xE2\x80\x83"
                                 "b\xE3\x80\x80"
                                 "c\xE2\x80\x8B"
                                 "d") == "a b cd");
  BOOST_TEST(collapse_whitespace("") == "");
  BOOST_TEST(collapse_whitespace(" \t ") == "");
}

BOOST_AUTO_TEST_CASE(clean_text_runs_every_step) {
  std::size_t replaced = 0;
  BOOST_TEST(clean_text("  Cafe\xCC\x81 \xFF  bar ", &replaced) == "Caf\xC3\xA9 \xEF\xBF\xBD bar");
  BOOST_TEST(replaced == 1u);
}

BOOST_AUTO_TEST_CASE(fold_title_ignores_case_and_spacing) {
  BOOST_TEST(fold_title("Deep  Learning") == fold_title("deep learning"));
  BOOST_TEST(fold_title("SCHR\xC3\x96"
                        "DINGER") == fold_title("schr\xC3\xB6"
                                                "dinger"));
  BOOST_TEST(fold_title("a") != fold_title("b"));
}

// The in-run title key is a function of fold_title alone, whichever path computes it: titles
// that fold alike share it, others differ (random titles of every length around the 8-byte
// steps, in both cases, with the spacing the fast path refuses).
BOOST_AUTO_TEST_CASE(fold_title_key_depends_on_the_folded_title_only) {
  const std::vector<std::string> pieces = {"a",  "Bc",   "XYZ",      " ", "  ",
                                           "\t", "@[`{", "\xC3\x96", "-9"};
  test_support::Lcg random{99};
  std::map<std::string, std::uint64_t> key_of_fold;
  for (int round = 0; round < 20000; ++round) {
    const std::string title = test_support::random_pieces(pieces, 12, random);
    const std::uint64_t key = fold_title_key(title, 7);
    const auto [it, added] = key_of_fold.emplace(fold_title(title), key);
    BOOST_TEST(it->second == key, "title [" << title << "]");
  }
  std::set<std::uint64_t> keys;
  for (const auto& [fold, key] : key_of_fold) keys.insert(key);
  BOOST_TEST(keys.size() == key_of_fold.size());  // distinct folds, distinct keys
  BOOST_TEST(fold_title_key("Deep Learning", 7) == fold_title_key(" deep\tlearning ", 7));
  BOOST_TEST(fold_title_key("Deep Learning", 7) != fold_title_key("Deep Learning", 8));
}

BOOST_AUTO_TEST_CASE(title_hash_is_stable_and_documented) {
  // FNV-1a 64 of "" is the offset basis: pins the documented algorithm.
  BOOST_TEST(title_hash_id("") == "psv-cbf29ce484222325");
  BOOST_TEST(title_hash_id("A Title") == title_hash_id("a  title"));
  BOOST_TEST(title_hash_id("A Title").size() == 20u);
  BOOST_TEST(title_hash_id("A Title") != title_hash_id("Another Title"));
}

BOOST_AUTO_TEST_CASE(short_name_from_name_colon_subtitle) {
  BOOST_TEST(short_name_of("DualPrompt: Complementary Prompting") == "DualPrompt");
  BOOST_TEST(short_name_of("Pre-train, Prompt, and Predict: A Survey") == "");
  BOOST_TEST(short_name_of("No colon here") == "");
  BOOST_TEST(short_name_of(": leading colon") == "");
}

BOOST_AUTO_TEST_CASE(normalize_paper_fills_id_and_reports_bad_bytes) {
  Paper paper;
  paper.title = "  Orbit:  Planning\n for Robots ";
  paper.abstract = "bad \xFE byte";
  paper.source.line = 7;
  std::vector<Diagnostic> notes;
  normalize_paper(paper, notes);
  BOOST_TEST(paper.title == "Orbit: Planning for Robots");
  BOOST_TEST(paper.short_name == "Orbit");
  BOOST_TEST(paper.id == title_hash_id("Orbit: Planning for Robots"));
  BOOST_REQUIRE(notes.size() == 1u);
  BOOST_TEST(notes[0].line == 7u);
  BOOST_TEST(notes[0].message.find("abstract") != std::string::npos);

  Paper with_id;
  with_id.title = "T";
  with_id.arxiv_id = "2406.01234";
  normalize_paper(with_id, notes);
  BOOST_TEST(with_id.id == "2406.01234");
}

BOOST_AUTO_TEST_CASE(normalize_paper_cleans_tex_before_unicode) {
  Paper paper;
  paper.title = "{BERT} for ``Schr\\\"odinger''  Equations";
  paper.abstract = "We gain 20\\% -- see Fig.~1.\nThe  $x--y$ math renders, $\\frac{a}{b}$ stays.";
  paper.authors = {"Bal\\'azs K\\'{e}gl", "Fran\\c{c}ois  M{\\\"u}ller", "Garc\\'{\\i}a"};
  std::vector<Diagnostic> notes;
  normalize_paper(paper, notes);
  BOOST_TEST(paper.title == "BERT for \u201CSchr\u00F6dinger\u201D Equations");
  BOOST_TEST(paper.abstract ==
             "We gain 20% \u2013 see Fig. 1. The x--y math renders, $\\frac{a}{b}$ stays.");
  // The TeX source is kept for writers that want it, as the input had it; the authors were
  // changed too, but only title and abstract keep their source.
  BOOST_TEST(paper.extra["raw_title"] == "{BERT} for ``Schr\\\"odinger''  Equations");
  BOOST_TEST(paper.extra["raw_abstract"] ==
             "We gain 20\\% -- see Fig.~1.\nThe  $x--y$ math renders, $\\frac{a}{b}$ stays.");
  BOOST_TEST(paper.authors[0] == "Bal\u00E1zs K\u00E9gl");
  BOOST_TEST(paper.authors[1] == "Fran\u00E7ois M\u00FCller");
  BOOST_TEST(paper.authors[2] == "Garc\u00EDa");
  BOOST_TEST(paper.id == title_hash_id(paper.title));  // the id hashes the clean title
  BOOST_TEST(notes.empty());
}

BOOST_AUTO_TEST_CASE(normalize_paper_counts_unknown_macros) {
  Paper paper;
  paper.title = "\\sysname: a System";
  paper.abstract = "We show \\sysname{} beats $\\alpha$-nets.";
  std::vector<Diagnostic> notes;
  MacroCounts unknown;
  normalize_paper(paper, notes, &unknown);
  BOOST_TEST(unknown["\\sysname"] == 2u);
  BOOST_TEST(unknown.size() == 1u);
  BOOST_TEST(paper.abstract == "We show \\sysname{} beats \u03B1-nets.");
}

BOOST_AUTO_TEST_CASE(every_rendering_is_nfc) {
  // normalize_paper skips to_nfc for rendered ASCII TeX: what rendering appends must be NFC.
  for (std::size_t i = 0; i < papersieve::tex::math_symbol_count(); ++i) {
    const std::string name(papersieve::tex::math_symbol_at(i).name);
    for (const std::string& source :
         {"$\\" + name + "$", "a \\" + name + " b", "$x^\\" + name + "$", "$x_\\" + name + "$",
          "$\\bar\\" + name + "$"}) {
      const std::string out = clean_latex(source);
      BOOST_TEST(to_nfc(out) == out, source);
    }
  }
  BOOST_TEST(clean_latex("$\\bar{a}$ $\\hat{e}$ $\\tilde{n}$") ==
             "\u0101 \u00EA \u00F1");  // composed
  BOOST_TEST(clean_latex("$\\mathbb{N}$ $\\mathcal{H}$ $\\mathfrak{Z}$") == "\u2115 \u210B \u2128");
}

BOOST_AUTO_TEST_CASE(raw_tex_is_kept_only_when_rendering_changed_the_text) {
  Paper paper;
  paper.title = "Plain  title";
  paper.abstract = "An abstract with {0,1} and \\sysname, which rendering leaves alone.";
  std::vector<Diagnostic> notes;
  normalize_paper(paper, notes);
  BOOST_TEST(paper.extra.empty());  // plain text is not stored twice
  Paper mine;
  mine.title = "$\\alpha$ title";
  mine.extra["raw_title"] = "the reader's own";
  normalize_paper(mine, notes);
  BOOST_TEST(mine.title == "\u03B1 title");
  BOOST_TEST(mine.extra["raw_title"] == "the reader's own");  // a reader's value is kept
}

BOOST_AUTO_TEST_CASE(urls_glued_to_arxiv_placeholders_or_broken_by_a_space) {
  Paper paper;
  paper.title = "T";
  paper.abstract =
      "Code via https://yxxxb.github.io/VoCo-LLaMA-page/{this https URL}. Page at "
      "https://host. github.io/proj/x, and https://lab. org/y; not https://example. Then.";
  std::vector<Diagnostic> notes;
  normalize_paper(paper, notes);
  BOOST_REQUIRE(paper.links.size() == 3u);
  BOOST_TEST(paper.links[0].url == "https://yxxxb.github.io/VoCo-LLaMA-page/");
  BOOST_TEST(paper.links[1].url == "https://host.github.io/proj/x");
  BOOST_TEST(paper.links[2].url == "https://lab.org/y");
  BOOST_TEST(paper.abstract.find("this https URL") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(normalize_paper_adds_abstract_links_after_the_readers) {
  Paper paper;
  paper.title = "T";
  paper.abstract =
      "Code: https://github.com/a/b. Data at https://zenodo.org/records/1, built on "
      "https://arxiv.org/abs/2301.00001 (see https://arxiv.org/abs/2406.01234v2).";
  paper.links = {Link{"https://arxiv.org/abs/2406.01234v2", LinkKind::paper}};
  std::vector<Diagnostic> notes;
  normalize_paper(paper, notes);
  BOOST_REQUIRE(paper.links.size() == 4u);  // the reader's link is not repeated
  BOOST_TEST(paper.links[0].url == "https://arxiv.org/abs/2406.01234v2");
  BOOST_TEST(paper.links[1].url == "https://github.com/a/b");
  BOOST_TEST((paper.links[1].kind == LinkKind::code));
  BOOST_TEST((paper.links[2].kind == LinkKind::data));
  BOOST_TEST(paper.links[3].url == "https://arxiv.org/abs/2301.00001");
  // An abstract cites other papers: its arXiv links never name this one.
  BOOST_TEST(paper.arxiv_id.empty());
  BOOST_TEST(paper.id == title_hash_id("T"));

  normalize_paper(paper, notes);  // again: nothing new
  BOOST_TEST(paper.links.size() == 4u);
}

BOOST_AUTO_TEST_CASE(real_page_has_no_tex_leftovers) {
  const std::string path = test_support::shared_data("000_fd6c685c865a6cdc.txt");
  if (path.empty()) return;
  Corpus corpus = parse_file(path);
  BOOST_REQUIRE(!corpus.papers.empty());
  bool dpt_code = false;
  for (const auto& paper : corpus.papers) {
    for (const std::string* text : {&paper.title, &paper.abstract}) {
      BOOST_TEST(text->find("``") == std::string::npos, *text);
      BOOST_TEST(text->find("''") == std::string::npos, *text);
      BOOST_TEST(text->find("\\%") == std::string::npos, *text);
    }
    for (const auto& link : paper.links)
      dpt_code =
          dpt_code || (link.url == "https://github.com/fanrena/DPT" && link.kind == LinkKind::code);
  }
  BOOST_TEST(dpt_code);

  // The page uses \sysname: the parse counts it, and so does normalize_paper alone.
  BOOST_TEST(corpus.unknown_macros.count("\\sysname") == 1u);
  MacroCounts unknown;
  std::vector<Diagnostic> notes;
  for (auto& paper : corpus.papers) normalize_paper(paper, notes, &unknown);
  BOOST_TEST(unknown["\\sysname"] == 1u);
}

namespace {

// Each "\\name" outside kept math ($..$) in a displayed text, as "<id> <field> \\name".
void macros_outside_math(const std::string& id, const char* field, const std::string& text,
                         std::vector<std::string>& found) {
  bool in_math = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '$') in_math = !in_math;
    if (!in_math && text.compare(i, 2, "\\[") == 0 && text.find("\\]", i) != std::string::npos)
      i = text.find("\\]", i);  // kept display math
    if (in_math || text[i] != '\\' || i + 1 >= text.size() ||
        !std::isalpha(static_cast<unsigned char>(text[i + 1])))
      continue;
    std::size_t end = i + 1;
    while (end < text.size() && std::isalpha(static_cast<unsigned char>(text[end]))) ++end;
    found.push_back(id + " " + field + " " + text.substr(i, end - i));
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(snapshot_has_no_macros_left_outside_kept_math) {
  const std::string path = test_support::shared_data("arxiv_oai_snapshot_first100.jsonl");
  if (path.empty()) return;
  const Corpus corpus = parse_file(path);
  BOOST_REQUIRE(corpus.papers.size() == 100u);
  std::vector<std::string> found;
  std::size_t rendered = 0, raw_kept = 0;
  for (const auto& paper : corpus.papers) {
    macros_outside_math(paper.id, "title", paper.title, found);
    macros_outside_math(paper.id, "abstract", paper.abstract, found);
    for (const auto& author : paper.authors)
      macros_outside_math(paper.id, "authors", author, found);
    raw_kept += paper.extra.count("raw_title") + paper.extra.count("raw_abstract");
    rendered += paper.title.find('$') == std::string::npos && paper.extra.count("raw_title");
  }
  // What remains are the authors' own macros, defined in their papers, not in the record:
  // units of AASTeX-style papers (km/s, solar radius and mass: \msun is M☉ or just ☉).
  const std::vector<std::string> expected = {
      "0704.0059 abstract \\kms",  "0704.0059 abstract \\rsun", "0704.0059 abstract \\rsun",
      "0704.0059 abstract \\msun", "0704.0059 abstract \\msun",
  };
  BOOST_TEST(found == expected, boost::test_tools::per_element());
  BOOST_TEST(raw_kept > 20u);
  BOOST_TEST(rendered >= 5u);  // titles whose math rendered completely
  const auto by_id = [&](const std::string& id) -> const Paper& {
    return *std::find_if(corpus.papers.begin(), corpus.papers.end(),
                         [&](const Paper& p) { return p.id == id; });
  };
  BOOST_TEST(by_id("0704.0013").title.rfind("p-adic Limit", 0) == 0u);
  BOOST_TEST(by_id("0704.0068").title == "A Note About the Ki(z) Functions");
  BOOST_TEST(by_id("0704.0068").abstract.find("Petojevi\u0107 verified") != std::string::npos);
  BOOST_TEST(by_id("0704.0020").title ==
             "Measurement of the Hadronic Form Factor in D0 \u2192 K- e+ nue Decays");
  BOOST_TEST(by_id("0704.0039").abstract.find("\u03C0\u03C0 scattering") != std::string::npos);
  BOOST_TEST(by_id("0704.0064").abstract.find("\u03B8 and \u03B8\u0304") != std::string::npos);
  BOOST_TEST(by_id("0704.0041").abstract.find("defined in [hajac]") != std::string::npos);
}

namespace {
// The obvious definition of collapse_whitespace, for ASCII and a few Unicode spaces.
std::string collapse_reference(const std::string& text) {
  std::string out;
  bool pending = false;
  for (std::size_t i = 0; i < text.size();) {
    const bool ideographic = text.compare(i, 3, "\xE3\x80\x80") == 0;
    const std::size_t width = ideographic ? 3 : 1;
    if (ideographic || std::string(" \t\n\r\f\v").find(text[i]) != std::string::npos) {
      pending = true;
    } else {
      if (pending && !out.empty()) out += ' ';
      pending = false;
      out += text[i];
    }
    i += width;
  }
  return out;
}
}  // namespace

BOOST_AUTO_TEST_CASE(collapse_whitespace_matches_its_definition_on_random_text) {
  const std::vector<std::string> pieces = {"a",
                                           "bc",
                                           " ",
                                           "  ",
                                           "\t",
                                           "\n",
                                           "\r\n",
                                           "x.",
                                           "\xE3\x80\x80",
                                           "\x01",
                                           "word",
                                           "longerword",
                                           "\xFF",
                                           "e\xCC\x81",
                                           "\xC3\xA9",
                                           "sixteen bytes..",
                                           "~"};
  test_support::Lcg random{12345};
  for (int round = 0; round < 20000; ++round) {
    std::string text = test_support::random_pieces(pieces, 40, random);
    const std::string expected = collapse_reference(text);
    BOOST_TEST(collapse_whitespace(text) == expected, "input: [" << text << "]");
    // clean_text_in_place (ASCII takes a shortcut) says false only when nothing changed.
    std::string cleaned = text;
    const std::string clean = clean_text(text);
    BOOST_TEST((clean_text_in_place(cleaned) || clean == text), "input: [" << text << "]");
    BOOST_TEST(cleaned == clean);
    const std::string original = text;
    // Writes over what it still reads, and says whether the text changed.
    BOOST_TEST(detail::collapse_whitespace_in_place(text) == (expected != original));
    BOOST_TEST(text == expected);
  }
}
