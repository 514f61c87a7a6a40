#define BOOST_TEST_MODULE identity
#if defined(__SANITIZE_ADDRESS__)
#define PSV_TEST_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PSV_TEST_UNDER_ASAN 1
#endif
#endif
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "normalize/identifiers.hpp"
#include "papersieve/error.hpp"
#include "papersieve/normalize.hpp"
#include "papersieve/parse.hpp"
#include "papersieve/stream.hpp"
#include "reader_harness.hpp"
#include "test_support.hpp"

using namespace papersieve;
using test_support::contains;

namespace {

std::string extra(const Paper& p, const std::string& key) {
  const auto it = p.extra.find(key);
  return it == p.extra.end() ? std::string() : it->second;
}

// A file under the system's temporary directory, removed with the object.
struct TempFile {
  explicit TempFile(const std::string& name, const std::string& text = {})
      : path((std::getenv("TMPDIR") ? std::string(std::getenv("TMPDIR")) : std::string("/tmp")) +
             "/psv_identity_" + std::to_string(reinterpret_cast<std::uintptr_t>(this)) + "_" +
             name) {
    std::ofstream(path, std::ios::binary) << text;
  }
  ~TempFile() { std::remove(path.c_str()); }
  std::string path;
};

// Peak resident memory of this process in MiB (Linux), 0 when unknown.
long peak_rss_mib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::atol(line.c_str() + 6) / 1024;
  return 0;
}

const char* const kTitle = "Attention Is All You Need";

}  // namespace

BOOST_AUTO_TEST_CASE(dois_and_pmids_are_normalized) {
  BOOST_TEST(detail::normalize_doi("https://doi.org/10.1038/SREP16696") == "10.1038/srep16696");
  BOOST_TEST(detail::normalize_doi(" doi:10.1/X ") == "10.1/x");
  BOOST_TEST(detail::normalize_doi("http://dx.doi.org/10.1/x 10.2/y") == "10.1/x");
  BOOST_TEST(detail::normalize_doi("not a doi").empty());
  BOOST_TEST(detail::normalize_doi("10.1/X\t10.2/y") == "10.1/x");  // bare: no prefix to drop
  BOOST_TEST(detail::normalize_doi("10.\tx").empty());              // "10." alone is no DOI
  BOOST_TEST(detail::normalize_doi("10.1/doi:x") == "10.1/doi:x");
  BOOST_TEST(detail::normalize_pmid("https://pubmed.ncbi.nlm.nih.gov/29768149/") == "29768149");
  BOOST_TEST(detail::normalize_pmid("PMID: 00123") == "123");
  BOOST_TEST(detail::normalize_pmid("none").empty());
  BOOST_TEST(detail::arxiv_id_in_doi("10.48550/arxiv.2106.09685") == "2106.09685");
}

BOOST_AUTO_TEST_CASE(id_is_arxiv_then_doi_then_pmid_then_title_hash) {
  Paper p;
  p.title = "T";
  BOOST_TEST(paper_id(p) == title_hash_id("T"));
  p.extra["pmid"] = "7";
  BOOST_TEST(paper_id(p) == "pmid:7");
  p.extra["doi"] = "10.1/x";
  BOOST_TEST(paper_id(p) == "doi:10.1/x");
  p.arxiv_id = "2101.00001";
  BOOST_TEST(paper_id(p) == "2101.00001");
  // A DOI or PMID written by hand (not through add_doi) is normalized too.
  const Corpus c = parse("{\"title\": \"x\"}", ParseOptions{Format::jsonl, "t"});
  Paper raw;
  raw.title = "Hand made";
  raw.extra["doi"] = "DOI:10.9/ABC";
  std::vector<Diagnostic> notes;
  normalize_paper(raw, notes);
  BOOST_TEST(raw.id == "doi:10.9/abc");
  BOOST_TEST(c.papers.size() == 1u);
}

// The same paper read from the arXiv snapshot, Semantic Scholar, Crossref and
// Zotero folds into one, keeping what each adds.
BOOST_AUTO_TEST_CASE(same_paper_from_five_sources_folds_into_one) {
  const std::string title = kTitle;
  const std::string arxiv =
      R"({"id": "1706.03762", "submitter": "A", "authors": "Ashish Vaswani", "title": ")" + title +
      R"(", "abstract": "The dominant sequence transduction models.", "categories": "cs.CL"})"
      "\n";
  const std::string s2 =
      R"({"data": [{"paperId": "204e3073", "title": ")" + title +
      R"(", "externalIds": {"ArXiv": "1706.03762", "DOI": "10.5555/3295222.3295349"},)"
      R"( "abstract": null, "venue": "NeurIPS", "year": 2017}]})";
  // Crossref spells the title differently: only the DOI links it.
  const std::string crossref =
      R"({"status": "ok", "message-type": "work", "message": {"DOI": "10.5555/3295222.3295349",)"
      R"( "title": ["Attention is all you need."], "issued": {"date-parts": [[2017]]}}})";
  const std::string zotero =
      R"({"items": [{"itemType": "conferencePaper", "title": "Attention, NIPS version",)"
      R"( "creators": [], "extra": "arXiv: 1706.03762", "url": "https://papers.nips.cc/paper/7181"}]})";
  // A reference manager's BibTeX entry, its title case-protected, linked by its eprint.
  const std::string bibtex =
      "@inproceedings{vaswani2017,\n  title = {{Attention} Is All You Need},\n"
      "  author = {Vaswani, Ashish and Shazeer, Noam},\n  eprint = {1706.03762},\n"
      "  archivePrefix = {arXiv},\n  booktitle = {NeurIPS},\n  year = {2017}\n}\n";
  std::vector<Corpus> parts;
  parts.push_back(parse(arxiv, ParseOptions{Format::arxiv_jsonl, "arxiv"}));
  parts.push_back(parse(s2, ParseOptions{Format::semantic_scholar, "s2"}));
  parts.push_back(parse(crossref, ParseOptions{Format::crossref, "crossref"}));
  parts.push_back(parse(zotero, ParseOptions{Format::zotero_json, "zotero"}));
  parts.push_back(parse(bibtex, ParseOptions{Format::bibtex, "bibtex"}));
  BOOST_TEST(parts.back().papers.size() == 1u);
  const Corpus all = combine(std::move(parts));
  BOOST_TEST(all.stats.records == 5u);
  BOOST_TEST(all.stats.duplicates == 4u);
  BOOST_TEST_REQUIRE(all.papers.size() == 1u);
  const Paper& p = all.papers[0];
  BOOST_TEST(p.id == "1706.03762");
  BOOST_TEST(p.title == kTitle);
  BOOST_TEST(p.abstract == "The dominant sequence transduction models.");
  BOOST_TEST(extra(p, "doi") == "10.5555/3295222.3295349");
  BOOST_TEST(extra(p, "journal") == "NeurIPS");
  bool nips = false;
  for (const auto& link : p.links) nips = nips || link.url == "https://papers.nips.cc/paper/7181";
  BOOST_TEST(nips);
}

BOOST_AUTO_TEST_CASE(a_doi_only_paper_gains_its_arxiv_id_and_abstract) {
  // Crossref first (id doi:…, no abstract), then S2 with the arXiv id and an abstract.
  std::vector<Corpus> parts;
  parts.push_back(parse(R"({"message": {"DOI": "10.1/ABC", "title": ["Paper"]}})",
                        ParseOptions{Format::crossref, "c"}));
  parts.push_back(
      parse(R"({"paperId": "p", "title": "Paper, extended", "abstract": "Now with text.",)"
            R"( "externalIds": {"DOI": "https://doi.org/10.1/abc", "ArXiv": "2101.00001"}})",
            ParseOptions{Format::semantic_scholar, "s"}));
  const Corpus all = combine(std::move(parts));
  BOOST_TEST_REQUIRE(all.papers.size() == 1u);
  BOOST_TEST(all.papers[0].id == "2101.00001");
  BOOST_TEST(all.papers[0].abstract == "Now with text.");
  BOOST_TEST(all.papers[0].title == "Paper");
}

BOOST_AUTO_TEST_CASE(different_arxiv_ids_sharing_a_doi_stay_two_papers) {
  // The arXiv snapshot gives some preprints the same (journal or erratum) DOI.
  const std::string lines =
      R"({"id": "0704.0001", "title": "Part one", "abstract": "a", "doi": "10.1/J"})"
      "\n"
      R"({"id": "0704.0002", "title": "Part two", "abstract": "b", "doi": "10.1/j"})"
      "\n"
      R"({"id": "0704.0001v2", "title": "Part one, revised", "abstract": "a", "doi": "10.1/J"})"
      "\n";
  const Corpus c = parse(lines, ParseOptions{Format::arxiv_jsonl, "a"});
  BOOST_TEST(c.papers.size() == 2u);
  BOOST_TEST(c.stats.duplicates == 1u);
  TempFile file("shared_doi.jsonl", lines);
  PaperStream stream(file.path, ParseOptions{Format::arxiv_jsonl, "a"});
  std::size_t papers = 0;
  while (auto batch = stream.next(1)) papers += batch->papers.size();
  BOOST_TEST(papers == 2u);
  // A record without an arXiv id still folds by the DOI.
  std::vector<Corpus> parts;
  parts.push_back(c);
  parts.push_back(
      parse(R"({"message-type": "work", "message": {"DOI": "10.1/j", "title": ["J"]}})"));
  BOOST_TEST(combine(std::move(parts)).papers.size() == 2u);
}

BOOST_AUTO_TEST_CASE(streaming_remembers_dois_of_papers_already_returned) {
  TempFile file(
      "dois.jsonl",
      "{\"corpusid\": 1, \"externalids\": {\"DOI\": \"10.1/A\"}, \"title\": \"First\"}\n"
      "{\"corpusid\": 2, \"externalids\": {\"DOI\": \"10.2/B\"}, \"title\": \"Second\"}\n"
      "{\"corpusid\": 3, \"externalids\": {\"DOI\": \"10.1/a\"}, \"title\": \"Other title\"}\n");
  PaperStream stream(file.path, ParseOptions{Format::semantic_scholar, "s"});
  std::size_t papers = 0, duplicates = 0;
  while (auto batch = stream.next(1)) {
    papers += batch->papers.size();
    duplicates += batch->stats.duplicates;
  }
  BOOST_TEST(papers == 2u);
  BOOST_TEST(duplicates == 1u);
}

// ---- the S2 datasets join -----------------------------------------------------------

BOOST_AUTO_TEST_CASE(s2_papers_join_their_abstracts) {
  TempFile papers(
      "papers.jsonl",
      "{\"corpusid\": 10, \"externalids\": {\"CorpusId\": \"10\"}, \"title\": \"Ten\"}\n"
      "{\"corpusid\": 11, \"externalids\": {}, \"title\": \"Eleven\"}\n"
      "{\"corpusid\": 12, \"externalids\": {}, \"title\": \"Twelve\"}\n");
  // Any order; one broken line; a repeated corpusid keeps its first abstract.
  TempFile abstracts("abstracts.jsonl",
                     "{\"corpusid\": 12, \"openaccessinfo\": {}, \"abstract\": \"About twelve.\"}\n"
                     "not json\n"
                     "{\"corpusid\": 10, \"openaccessinfo\": null, \"abstract\": \"About ten.\"}\n"
                     "{\"corpusid\": 12, \"abstract\": \"A second twelve.\"}\n"
                     "{\"corpusid\": 11, \"abstract\": null}\n");
  ParseOptions options{Format::automatic, "papers"};
  options.join_abstracts = abstracts.path;
  for (std::size_t threads : {1, 2}) {
    options.threads = threads;
    const Corpus c = parse_file(papers.path, options);
    BOOST_TEST(c.format == Format::semantic_scholar);
    BOOST_TEST_REQUIRE(c.papers.size() == 3u);
    BOOST_TEST(c.papers[0].abstract == "About ten.");
    BOOST_TEST(c.papers[1].abstract.empty());
    BOOST_TEST(c.papers[2].abstract == "About twelve.");
    bool noted = false;
    for (const auto& d : c.diagnostics)
      noted = noted || (d.line == 2 && d.source_name == abstracts.path &&
                        contains(d.message, "abstracts line skipped"));
    BOOST_TEST(noted);
  }
  options.join_abstracts = abstracts.path + ".missing";
  BOOST_CHECK_THROW(parse_file(papers.path, options), IoError);
}

// A generated OpenAlex-style snapshot and an S2 papers + abstracts pair stream
// through in bounded memory. PSV_LARGE_DUMP_MB sets the size (default 24 MB;
// docs/formats.md reports a 1 GB run).
BOOST_AUTO_TEST_CASE(large_dumps_stream_in_bounded_memory) {
  const char* env = std::getenv("PSV_LARGE_DUMP_MB");
  const std::size_t megabytes = env != nullptr ? std::strtoul(env, nullptr, 10) : 24;
  const std::string filler(600, 'w');
  TempFile works("works.jsonl");
  std::size_t records = 0;
  {
    std::ofstream out(works.path, std::ios::binary);
    for (std::size_t bytes = 0; bytes < megabytes << 20; ++records) {
      const std::string line =
          "{\"id\": \"https://openalex.org/W" + std::to_string(records) +
          "\", \"doi\": \"https://doi.org/10.5/" + std::to_string(records) +
          "\", \"display_name\": \"Work number " + std::to_string(records) +
          "\", \"publication_date\": \"2020-01-02\", \"authorships\": [{\"author\": "
          "{\"display_name\": \"A. Author\"}, \"institutions\": [{\"display_name\": \"U\"}]}], "
          "\"abstract_inverted_index\": {\"Some\": [0], \"" +
          filler + "\": [1], \"text\": [2]}}\n";
      out << line;
      bytes += line.size();
    }
  }
  const auto start = std::chrono::steady_clock::now();
  PaperStream stream(works.path, ParseOptions{Format::automatic, "works", 1});
  BOOST_TEST(stream.format() == Format::openalex);
  std::size_t papers = 0;
  while (auto batch = stream.next(5000)) papers += batch->papers.size();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  BOOST_TEST(papers == records);
  BOOST_TEST(stream.totals().rejected == 0u);
  BOOST_TEST_MESSAGE("openalex: " << megabytes << " MB in " << seconds << " s, "
                                  << megabytes / seconds << " MB/s; peak RSS " << peak_rss_mib()
                                  << " MiB");
  // Batches of 5,000 papers and the keys of those returned: far below the input.
#ifndef PSV_TEST_UNDER_ASAN  // AddressSanitizer's shadow memory and quarantine add their own
  BOOST_TEST(peak_rss_mib() < 200 + static_cast<long>(records * 64 / (1 << 20)));
#endif

  TempFile s2_papers("s2_papers.jsonl"), s2_abstracts("s2_abstracts.jsonl");
  std::size_t pairs = 0;
  {
    std::ofstream p(s2_papers.path, std::ios::binary), a(s2_abstracts.path, std::ios::binary);
    for (std::size_t bytes = 0; bytes < (megabytes << 20) / 2; ++pairs) {
      const std::string id = std::to_string(pairs * 7919 % 1000003 + pairs * 1000003);
      const std::string paper = "{\"corpusid\": " + id + ", \"externalids\": {\"CorpusId\": \"" +
                                id + "\"}, \"title\": \"Paper " + id + "\", \"year\": 2021}\n";
      const std::string abstract =
          "{\"corpusid\": " + id + ", \"abstract\": \"Abstract of " + id + " " + filler + "\"}\n";
      p << paper;
      a << abstract;
      bytes += paper.size() + abstract.size();
    }
  }
  ParseOptions options{Format::automatic, "s2", 1};
  options.join_abstracts = s2_abstracts.path;
  const auto join_start = std::chrono::steady_clock::now();
  PaperStream joined(s2_papers.path, options);
  std::size_t with_abstract = 0;
  while (auto batch = joined.next(5000))
    for (const auto& paper : batch->papers) with_abstract += !paper.abstract.empty();
  const double join_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - join_start).count();
  BOOST_TEST(with_abstract == pairs);
  BOOST_TEST_MESSAGE("s2 join: " << pairs << " pairs (" << megabytes << " MB) in " << join_seconds
                                 << " s; peak RSS " << peak_rss_mib() << " MiB");
}
