/*
 * Tests of the C ABI through the shared library, as a C caller sees it.
 *
 *   test_capi               runs the API checks on small inline inputs
 *   test_capi DATA_DIR      parses the real dump in DATA_DIR (exit 77, "skipped",
 *                           when it is missing)
 */
/* pthread.h is POSIX, not C99: ask for it explicitly under -std=c99. */
#define _POSIX_C_SOURCE 200112L
#include <papersieve.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures = 0;

/* Reports a failed condition and carries on, so one run shows every failure. */
#define CHECK(condition)                                                            \
  do {                                                                              \
    if (!(condition)) {                                                             \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #condition); \
      ++failures;                                                                   \
    }                                                                               \
  } while (0)

#define CHECK_STR(actual, expected) CHECK((actual) != NULL && strcmp((actual), (expected)) == 0)

/* A Hugging Face Papers page copied as text: header, glued "Subscribe", 2 papers. */
static const char kPage[] =
    "Get trending papers in your email inbox once a day!\n"
    "Get trending papers in your email inbox!\n"
    "SubscribeFirst Title\n"
    "We study the first thing and report what we found.\n"
    "Second Title: A Follow-Up\n"
    "We study the second thing as well.\n";

static psv_corpus* parse_or_null(const char* data, const psv_parse_options* options) {
  psv_corpus* corpus = NULL;
  if (psv_corpus_parse(&corpus, data, strlen(data), options) != PSV_OK) {
    fprintf(stderr, "parse failed: %s\n", psv_error_message());
    return NULL;
  }
  return corpus;
}

static void check_stats_invariant(const psv_corpus* corpus) {
  psv_stats stats;
  CHECK(psv_corpus_stats(&stats, corpus) == PSV_OK);
  CHECK(stats.records == stats.papers + stats.duplicates + stats.rejected);
  CHECK(stats.papers == psv_corpus_size(corpus));
}

static void test_version(void) {
  CHECK(psv_version_number() == PSV_VERSION_NUMBER);
  CHECK_STR(psv_version_string(), PSV_VERSION_STRING);
  /* The project version CMake built the library as (PROJECT_VERSION). */
  CHECK_STR(PSV_VERSION_STRING, PSV_EXPECTED_VERSION);
  CHECK(PSV_VERSION_NUMBER ==
        PSV_VERSION_MAJOR * 10000 + PSV_VERSION_MINOR * 100 + PSV_VERSION_PATCH);
}

static void test_parse_buffer(void) {
  psv_parse_options options = PSV_PARSE_OPTIONS_INIT;
  psv_corpus* corpus;
  const psv_paper* paper;
  psv_stats stats;
  psv_source source;
  size_t length = 0;

  options.source_name = "page.txt";
  corpus = parse_or_null(kPage, &options);
  CHECK(corpus != NULL);
  if (corpus == NULL) return;
  CHECK(psv_corpus_size(corpus) == 2);
  CHECK_STR(psv_corpus_format(corpus), "hf-text");
  CHECK(psv_corpus_stats(&stats, corpus) == PSV_OK);
  CHECK(stats.papers == 2 && stats.rejected == 0 && stats.duplicates == 0);
  check_stats_invariant(corpus);

  paper = psv_corpus_paper(corpus, 0);
  CHECK(paper != NULL);
  CHECK_STR(psv_paper_text(paper, PSV_FIELD_TITLE, &length), "First Title");
  CHECK(length == strlen("First Title"));
  CHECK_STR(psv_paper_text(paper, PSV_FIELD_ABSTRACT, NULL),
            "We study the first thing and report what we found.");
  CHECK_STR(psv_paper_text(paper, PSV_FIELD_ARXIV_ID, &length), "");
  CHECK(length == 0);
  CHECK(strncmp(psv_paper_text(paper, PSV_FIELD_ID, NULL), "psv-", 4) == 0);
  CHECK(psv_paper_version(paper) == 0);
  CHECK(psv_paper_author_count(paper) == 0 && psv_paper_author(paper, 0, NULL) == NULL);
  CHECK(psv_paper_category_count(paper) == 0);
  CHECK(psv_paper_link_count(paper) == 0);

  /* The first title shares line 3 with the page's "Subscribe" button. */
  CHECK(psv_paper_source(&source, paper) == PSV_OK);
  CHECK(source.line == 3);
  CHECK_STR(source.name, "page.txt");
  CHECK_STR(source.format, "hf-text");

  paper = psv_corpus_paper(corpus, 1);
  CHECK_STR(psv_paper_text(paper, PSV_FIELD_TITLE, NULL), "Second Title: A Follow-Up");
  CHECK(psv_paper_source(&source, paper) == PSV_OK && source.line == 5);

  CHECK(psv_corpus_paper(corpus, 2) == NULL);
  CHECK(strstr(psv_error_message(), "out of range") != NULL);
  psv_corpus_free(corpus);
}

static void test_upvotes_and_links(void) {
  static const char page[] =
      "Refined Things\n"
      "We refine things carefully.\n"
      "42\n"
      "https://arxiv.org/abs/2401.01234v3\n";
  psv_parse_options hf_text = PSV_PARSE_OPTIONS_INIT;
  psv_corpus* corpus;
  const psv_paper* paper;
  int64_t upvotes = -1;
  psv_link link;

  /* Bare title/abstract lines: no reader recognizes them by content, so the format is named. */
  hf_text.format = "hf-text";
  corpus = parse_or_null(page, &hf_text);
  CHECK(corpus != NULL && psv_corpus_size(corpus) == 1);
  if (corpus == NULL || psv_corpus_size(corpus) != 1) goto done;
  paper = psv_corpus_paper(corpus, 0);
  CHECK(psv_paper_upvotes(&upvotes, paper) == PSV_OK && upvotes == 42);
  CHECK_STR(psv_paper_text(paper, PSV_FIELD_ARXIV_ID, NULL), "2401.01234");
  CHECK(psv_paper_version(paper) == 3);
  CHECK(psv_paper_link_count(paper) == 1);
  CHECK(psv_paper_link(&link, paper, 0) == PSV_OK);
  CHECK_STR(link.url, "https://arxiv.org/abs/2401.01234v3");
  CHECK(link.kind == PSV_LINK_PAPER);
  CHECK(psv_paper_link(&link, paper, 1) == PSV_EINVAL);
done:
  psv_corpus_free(corpus);

  /* No count in the input: PSV_NONE, which is not an error. */
  corpus = parse_or_null(kPage, NULL);
  if (corpus == NULL) return;
  CHECK(psv_paper_upvotes(&upvotes, psv_corpus_paper(corpus, 0)) == PSV_NONE);
  CHECK(upvotes == 0);
  psv_corpus_free(corpus);
}

static void test_rejected_record(void) {
  /* After a complete pair, a ~500-byte line where a title belongs is rejected. */
  psv_parse_options options = PSV_PARSE_OPTIONS_INIT;
  char page[1024];
  char long_line[501];
  psv_corpus* corpus;
  psv_stats stats;
  psv_diagnostic diagnostic;
  size_t i, errors = 0;

  memset(long_line, 'x', sizeof long_line - 1);
  long_line[sizeof long_line - 1] = '\0';
  sprintf(page, "Some Title\nAn abstract that ends.\n%s\n", long_line);
  options.format = "hf-text";
  corpus = parse_or_null(page, &options);
  CHECK(corpus != NULL);
  if (corpus == NULL) return;
  CHECK(psv_corpus_size(corpus) == 1);
  CHECK(psv_corpus_stats(&stats, corpus) == PSV_OK);
  CHECK(stats.rejected == 1 && stats.records == 2);
  check_stats_invariant(corpus);

  for (i = 0; i < psv_corpus_diagnostic_count(corpus); ++i) {
    CHECK(psv_corpus_diagnostic(&diagnostic, corpus, i) == PSV_OK);
    if (diagnostic.severity != PSV_SEVERITY_ERROR) continue;
    ++errors;
    CHECK(diagnostic.line == 3);
    CHECK(diagnostic.byte_offset == strlen("Some Title\nAn abstract that ends.\n"));
    CHECK_STR(diagnostic.format, "hf-text");
    CHECK_STR(diagnostic.source_name, "<memory>");
    CHECK(diagnostic.message != NULL && strlen(diagnostic.message) > 0);
  }
  CHECK(errors == 1);
  CHECK(psv_corpus_diagnostic(&diagnostic, corpus, i) == PSV_EINVAL);
  psv_corpus_free(corpus);
}

static void test_errors(void) {
  psv_parse_options options = PSV_PARSE_OPTIONS_INIT;
  psv_corpus* corpus = (psv_corpus*)&options; /* any non-NULL value: must become NULL */
  psv_stats stats;
  char* text = NULL;

  options.format = "no-such-format";
  CHECK(psv_corpus_parse(&corpus, kPage, strlen(kPage), &options) == PSV_EINVAL);
  CHECK(corpus == NULL);
  CHECK(strstr(psv_error_message(), "no-such-format") != NULL);

  /* Every named format has a reader now, so PSV_EUNSUPPORTED cannot be provoked here. */
  options.format = "arxiv-atom"; /* a reader that rejects what is not Atom, record by record */
  CHECK(psv_corpus_parse(&corpus, "[]", 2, &options) == PSV_OK);
  CHECK(corpus != NULL && psv_corpus_size(corpus) == 0);
  psv_corpus_free(corpus);

  options.format = "auto";
  options.version = 0; /* a struct not set up with PSV_PARSE_OPTIONS_INIT */
  CHECK(psv_corpus_parse(&corpus, kPage, strlen(kPage), &options) == PSV_EINVAL);

  CHECK(psv_corpus_parse(NULL, kPage, strlen(kPage), NULL) == PSV_EINVAL);
  CHECK(strstr(psv_error_message(), "'out'") != NULL);
  CHECK(psv_corpus_parse(&corpus, NULL, 10, NULL) == PSV_EINVAL);
  CHECK(strstr(psv_error_message(), "'data'") != NULL);
  CHECK(psv_corpus_parse_file(&corpus, NULL, NULL) == PSV_EINVAL);
  CHECK(strstr(psv_error_message(), "'path'") != NULL);
  CHECK(psv_corpus_stats(NULL, NULL) == PSV_EINVAL);
  CHECK(psv_corpus_stats(&stats, NULL) == PSV_EINVAL);
  CHECK(psv_corpus_to_jsonl(&text, NULL, NULL) == PSV_EINVAL && text == NULL);

  CHECK(psv_corpus_parse_file(&corpus, "/nonexistent/papersieve/dump.txt", NULL) == PSV_EIO);
  CHECK(corpus == NULL);
  CHECK(strstr(psv_error_message(), "/nonexistent/papersieve/dump.txt") != NULL);

  /* Empty input is a valid, empty corpus. */
  CHECK(psv_corpus_parse(&corpus, NULL, 0, NULL) == PSV_OK);
  CHECK(psv_corpus_size(corpus) == 0);
  psv_corpus_free(corpus);

  /* Frees and counts accept NULL. */
  psv_corpus_free(NULL);
  psv_string_free(NULL);
  CHECK(psv_corpus_size(NULL) == 0);
  CHECK(psv_corpus_diagnostic_count(NULL) == 0);
  CHECK(psv_paper_author_count(NULL) == 0);
  CHECK(psv_paper_text(NULL, PSV_FIELD_TITLE, NULL) == NULL);

  CHECK(psv_format_supported("hf-text") == 1);
  CHECK(psv_format_supported("arxiv-atom") == 1);
  CHECK(psv_format_supported("auto") == 0);
  CHECK(psv_format_supported("bogus") == 0);
  CHECK(strstr(psv_error_message(), "bogus") != NULL);
  CHECK(psv_format_supported(NULL) == 0);
}

/* The reference-manager formats, by name and detected. */
static void test_reference_formats(void) {
  static const char kBib[] =
      "@String{pub = {Press}}\n"
      "@misc{k, title = {{BERT} and R{\\o}nnow}, author = {Doe, Jane and Roe, R.},\n"
      "  eprint = {1706.03762}, archivePrefix = {arXiv}, year = 2017, month = jun}\n";
  static const char kRis[] = "1.\nTY  - JOUR\nTI  - A RIS title\nAU  - Doe, Jane\nER  - \n";
  psv_parse_options options = PSV_PARSE_OPTIONS_INIT;
  psv_corpus* corpus = NULL;
  const psv_paper* paper = NULL;
  CHECK(psv_format_supported("bibtex") == 1);
  CHECK(psv_format_supported("ris") == 1);

  options.format = "bibtex";
  corpus = parse_or_null(kBib, &options);
  CHECK(corpus != NULL && psv_corpus_size(corpus) == 1);
  paper = psv_corpus_paper(corpus, 0);
  CHECK_STR(psv_paper_text(paper, PSV_FIELD_TITLE, NULL), "BERT and R\xC3\xB8nnow");
  CHECK_STR(psv_paper_text(paper, PSV_FIELD_ARXIV_ID, NULL), "1706.03762");
  CHECK_STR(psv_paper_text(paper, PSV_FIELD_PUBLISHED, NULL), "2017-06");
  CHECK_STR(psv_paper_author(paper, 0, NULL), "Jane Doe");
  psv_corpus_free(corpus);

  corpus = parse_or_null(kRis, NULL); /* auto */
  CHECK_STR(psv_corpus_format(corpus), "ris");
  CHECK(corpus != NULL && psv_corpus_size(corpus) == 1);
  CHECK_STR(psv_paper_text(psv_corpus_paper(corpus, 0), PSV_FIELD_TITLE, NULL), "A RIS title");
  psv_corpus_free(corpus);
}

/* The feed, PubMed and OAI-PMH readers are reached through their names and auto. */
static void test_feed_formats(void) {
  static const char kFeed[] =
      "<rss version=\"2.0\" xmlns:arxiv=\"http://arxiv.org/schemas/atom\"><channel>"
      "<title>cs.CL updates on arXiv.org</title><item><title>Sparse Attention</title>"
      "<link>https://arxiv.org/abs/2404.09001</link><description>arXiv:2404.09001v1 Announce "
      "Type: new \nAbstract: We study attention.</description>"
      "<arxiv:announce_type>new</arxiv:announce_type></item></channel></rss>";
  static const char kPubmed[] =
      "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article>"
      "<ArticleTitle>A title</ArticleTitle></Article></MedlineCitation></PubmedArticle>"
      "</PubmedArticleSet>";
  psv_parse_options options = {PSV_PARSE_OPTIONS_VERSION, "arxiv-rss", "feed", 1, 0, 0};
  psv_corpus* corpus = NULL;
  size_t length = 0;
  const char* name;
  CHECK(psv_format_supported("arxiv-rss") == 1);
  CHECK(psv_format_supported("feed") == 1);
  CHECK(psv_format_supported("pubmed") == 1);
  CHECK(psv_format_supported("oai-pmh") == 1);
  corpus = parse_or_null(kFeed, &options);
  if (corpus == NULL) {
    CHECK(corpus != NULL);
    return;
  }
  CHECK(psv_corpus_size(corpus) == 1);
  CHECK(strcmp(psv_paper_text(psv_corpus_paper(corpus, 0), PSV_FIELD_ABSTRACT, &length),
               "We study attention.") == 0);
  check_stats_invariant(corpus);
  psv_corpus_free(corpus);
  corpus = parse_or_null(kPubmed, NULL);
  if (corpus == NULL) {
    CHECK(corpus != NULL);
    return;
  }
  name = psv_corpus_format(corpus);
  CHECK(strcmp(name, "pubmed") == 0);
  CHECK(psv_corpus_size(corpus) == 1);
  psv_corpus_free(corpus);
}

static void test_bad_field(void) {
  psv_corpus* corpus = parse_or_null(kPage, NULL);
  size_t length = 99;
  if (corpus == NULL) {
    CHECK(corpus != NULL);
    return;
  }
  CHECK(psv_paper_text(psv_corpus_paper(corpus, 0), (psv_field)99, &length) == NULL);
  CHECK(length == 0);
  CHECK(strstr(psv_error_message(), "field") != NULL);
  psv_corpus_free(corpus);
}

static void test_jsonl(void) {
  psv_corpus* corpus = parse_or_null(kPage, NULL);
  char* text = NULL;
  size_t length = 0, lines = 0;
  const char* p;

  if (corpus == NULL) {
    CHECK(corpus != NULL);
    return;
  }
  CHECK(psv_corpus_to_jsonl(&text, &length, corpus) == PSV_OK);
  CHECK(text != NULL && strlen(text) == length);
  for (p = text; p != NULL && *p != '\0'; ++p) lines += *p == '\n';
  CHECK(lines == 2);
  CHECK(text != NULL && text[0] == '{' && text[length - 1] == '\n');
  CHECK(text != NULL && strstr(text, "\"First Title\"") != NULL);
  psv_string_free(text);
  psv_corpus_free(corpus);
}

static void* fail_in_thread(void* message) {
  if (psv_format_supported("thread-only-format") == 0) *(const char**)message = psv_error_message();
  return NULL;
}

/* Each thread has its own message: a failure elsewhere leaves this one unchanged. */
static void test_error_message_per_thread(void) {
  const char* thread_message = NULL;
  pthread_t thread;
  CHECK(psv_format_supported("main-only-format") == 0);
  CHECK(pthread_create(&thread, NULL, fail_in_thread, &thread_message) == 0);
  CHECK(pthread_join(thread, NULL) == 0);
  CHECK(thread_message != NULL);
  CHECK(strstr(psv_error_message(), "main-only-format") != NULL);
  CHECK(strstr(psv_error_message(), "thread-only-format") == NULL);
}

/* The founding document's page: 192 title/abstract pairs. */
static int test_real_dump(const char* data_dir) {
  static const char kName[] = "/000_fd6c685c865a6cdc.txt";
  char path[4096];
  FILE* probe;
  psv_corpus* corpus = NULL;
  psv_stats stats;

  if (strlen(data_dir) + sizeof kName > sizeof path) return 1;
  strcpy(path, data_dir);
  strcat(path, kName);
  probe = fopen(path, "rb");
  if (probe == NULL) {
    printf("SKIP: %s is missing (shared test data not available)\n", path);
    return 77;
  }
  fclose(probe);

  CHECK(psv_corpus_parse_file(&corpus, path, NULL) == PSV_OK);
  if (corpus == NULL) {
    fprintf(stderr, "%s\n", psv_error_message());
    return 1;
  }
  CHECK(psv_corpus_size(corpus) == 192);
  CHECK(psv_corpus_stats(&stats, corpus) == PSV_OK);
  CHECK(stats.papers == 192 && stats.rejected == 0);
  check_stats_invariant(corpus);
  CHECK_STR(psv_paper_text(psv_corpus_paper(corpus, 0), PSV_FIELD_TITLE, NULL),
            "Dual Caption Preference Optimization for Diffusion Models");
  psv_corpus_free(corpus);
  return failures == 0 ? 0 : 1;
}

/* Streams a file written here in batches of 3 and checks they add up. */
static void test_stream(void) {
  const char* path = "test_capi_stream.txt";
  FILE* file = fopen(path, "w");
  psv_stream* stream = NULL;
  psv_corpus* batch = NULL;
  psv_stats totals;
  size_t papers = 0, batches = 0;
  int i;
  CHECK(file != NULL);
  if (file == NULL) return;
  fputs("Subscribe", file);
  for (i = 0; i < 10; ++i) fprintf(file, "Title %d\nAn abstract. It has two sentences.\n", i);
  fclose(file);

  CHECK(psv_stream_open(&stream, path, NULL) == PSV_OK);
  while (stream != NULL && psv_stream_next(&batch, stream, 3) == PSV_OK && batch != NULL) {
    CHECK(psv_corpus_size(batch) <= 3);
    check_stats_invariant(batch);
    papers += psv_corpus_size(batch);
    ++batches;
    psv_corpus_free(batch);
  }
  CHECK(papers == 10 && batches == 4);
  CHECK(psv_stream_totals(&totals, stream) == PSV_OK && totals.papers == 10);
  CHECK(psv_stream_next(&batch, stream, 0) == PSV_EINVAL && batch == NULL);
  CHECK(psv_stream_next(&batch, NULL, 3) == PSV_EINVAL);
  psv_stream_free(stream);
  psv_stream_free(NULL);
  remove(path);

  stream = (psv_stream*)1;
  CHECK(psv_stream_open(&stream, "/nonexistent/page.txt", NULL) == PSV_EIO && stream == NULL);
}

/* The S2 datasets join: papers get the abstract with their corpusid. */
static void test_join_abstracts(void) {
  const char* papers_path = "test_capi_s2_papers.jsonl";
  const char* abstracts_path = "test_capi_s2_abstracts.jsonl";
  FILE* papers = fopen(papers_path, "w");
  FILE* abstracts = fopen(abstracts_path, "w");
  psv_corpus* corpus = NULL;
  psv_stream* stream = NULL;
  size_t length = 0;
  const char* text;
  CHECK(papers != NULL && abstracts != NULL);
  if (papers == NULL || abstracts == NULL) return;
  fputs(
      "{\"corpusid\": 5, \"externalids\": {}, \"title\": \"Five\"}\n"
      "{\"corpusid\": 6, \"externalids\": {}, \"title\": \"Six\"}\n",
      papers);
  fputs("{\"corpusid\": 6, \"abstract\": \"About six.\"}\n", abstracts);
  fclose(papers);
  fclose(abstracts);

  CHECK(psv_corpus_parse_file_joined(&corpus, papers_path, abstracts_path, NULL) == PSV_OK);
  CHECK(psv_corpus_size(corpus) == 2);
  text = psv_paper_text(psv_corpus_paper(corpus, 1), PSV_FIELD_ABSTRACT, &length);
  CHECK(text != NULL && strcmp(text, "About six.") == 0);
  CHECK(strcmp(psv_corpus_format(corpus), "semantic-scholar") == 0);
  psv_corpus_free(corpus);

  CHECK(psv_stream_open_joined(&stream, papers_path, abstracts_path, NULL) == PSV_OK);
  CHECK(stream != NULL && psv_stream_next(&corpus, stream, 10) == PSV_OK && corpus != NULL);
  CHECK(psv_corpus_size(corpus) == 2);
  psv_corpus_free(corpus);
  psv_stream_free(stream);

  corpus = (psv_corpus*)1;
  CHECK(psv_corpus_parse_file_joined(&corpus, papers_path, "/nonexistent.jsonl", NULL) == PSV_EIO &&
        corpus == NULL);
  CHECK(psv_stream_open_joined(&stream, papers_path, NULL, NULL) == PSV_EINVAL);
  remove(papers_path);
  remove(abstracts_path);
}

/* ---- Rules, filtering, results ----------------------------------------------- */

/* Two rules over kPage: both papers mention a "thing", only the first is "first". */
static const char kRules[] =
    "{\"rules\": ["
    "{\"name\": \"first\", \"query\": \"first\", \"weight\": 2, \"tags\": [\"one\", \"both\"]},"
    "{\"name\": \"thing\", \"keywords\": [\"thing\"], \"weight\": 1, \"tags\": [\"both\"]}"
    "], \"min_score\": 1, \"top\": 5}";

static psv_rules* rules_or_null(const char* json) {
  psv_rules* rules = NULL;
  if (psv_rules_from_json(&rules, json, strlen(json)) != PSV_OK) {
    fprintf(stderr, "rules failed: %s\n", psv_error_message());
    return NULL;
  }
  return rules;
}

/* 1 when [start, end) of the paper's displayed `field` equals `expected`, ignoring case. */
static int span_text_is(const psv_paper* paper, const psv_span* span, const char* expected) {
  char* text = NULL;
  size_t length = 0, i, n = strlen(expected);
  int same;
  if (psv_paper_match_text(&text, &length, paper, span->field) != PSV_OK) return 0;
  same = span->end <= length && span->end - span->start == n;
  for (i = 0; same && i < n; ++i) {
    char c = text[span->start + i];
    if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
    same = c == expected[i];
  }
  psv_string_free(text);
  return same;
}

static void test_status_strings(void) {
  CHECK_STR(psv_status_string(PSV_OK), "ok");
  CHECK_STR(psv_status_string(PSV_NONE), "no value");
  CHECK_STR(psv_status_string(PSV_EINVAL), "invalid argument");
  CHECK_STR(psv_status_string(PSV_EIO), "I/O error");
  CHECK_STR(psv_status_string(PSV_EPARSE), "parse error");
  CHECK_STR(psv_status_string(PSV_ERULE), "rule error");
  CHECK_STR(psv_status_string(PSV_ELIMIT), "engine limit");
  CHECK_STR(psv_status_string(PSV_EUNSUPPORTED), "unsupported");
  CHECK_STR(psv_status_string(PSV_ENOMEM), "out of memory");
  CHECK_STR(psv_status_string(PSV_EINTERNAL), "internal error");
  CHECK_STR(psv_status_string(-9), "unknown status");
  CHECK_STR(psv_status_string(2), "unknown status");
  CHECK_STR(psv_status_string(-2147483647 - 1), "unknown status");
}

static void test_rules_info(void) {
  psv_rules* rules = rules_or_null(kRules);
  psv_rule_info info;
  size_t length = 0, top = 0;
  if (rules == NULL) {
    CHECK(rules != NULL);
    return;
  }
  CHECK(psv_rules_count(rules) == 2);
  CHECK(psv_rules_rule(&info, rules, 0) == PSV_OK);
  CHECK_STR(info.name, "first");
  CHECK(info.weight == 2 && info.exclude == 0 && info.require == 0 && info.tag_count == 2);
  CHECK_STR(psv_rules_tag(rules, 0, 1, &length), "both");
  CHECK(length == 4);
  CHECK(psv_rules_tag(rules, 0, 2, &length) == NULL && length == 0);
  CHECK(strstr(psv_error_message(), "out of range") != NULL);
  CHECK(psv_rules_tag(rules, 2, 0, NULL) == NULL);
  CHECK(psv_rules_rule(&info, rules, 1) == PSV_OK && info.tag_count == 1);
  CHECK(psv_rules_rule(&info, rules, 2) == PSV_EINVAL);
  CHECK(psv_rules_min_score(rules) == 1);
  CHECK(psv_rules_top(&top, rules) == PSV_OK && top == 5);
  psv_rules_free(rules);

  /* A query is one rule named "query", with no "top". */
  CHECK(psv_rules_from_query(&rules, "title:first OR thing") == PSV_OK);
  CHECK(psv_rules_count(rules) == 1);
  CHECK(psv_rules_rule(&info, rules, 0) == PSV_OK);
  CHECK_STR(info.name, "query");
  top = 99;
  CHECK(psv_rules_top(&top, rules) == PSV_NONE && top == 0);
  psv_rules_free(rules);
}

static void test_digest_writers(const psv_results* results) {
  psv_digest_options options = PSV_DIGEST_OPTIONS_INIT;
  char* out = NULL;
  size_t length = 0;
  options.title = "Morning";
  options.inputs = "a.txt\nb.jsonl";
  options.rules = "rules.json";
  options.generated = "2026-01-02T03:04:05Z";
  CHECK(psv_results_to_html_opts(&out, &length, results, &options) == PSV_OK);
  CHECK(out != NULL && strstr(out, "Inputs: a.txt, b.jsonl") != NULL && strlen(out) == length);
  CHECK(out != NULL && strstr(out, "Made 2026-01-02 03:04 UTC") != NULL);
  psv_string_free(out);
  CHECK(psv_results_to_markdown_opts(&out, NULL, results, &options) == PSV_OK);
  CHECK(out != NULL && strncmp(out, "# Morning", 9) == 0);
  psv_string_free(out);
  CHECK(psv_results_to_text(&out, NULL, results, NULL) == PSV_OK);
  CHECK(out != NULL && strncmp(out, "papersieve digest\n", 18) == 0);
  psv_string_free(out);
  CHECK(psv_results_to_atom(&out, NULL, results, &options) == PSV_OK);
  CHECK(out != NULL && strstr(out, "<updated>2026-01-02T03:04:05Z</updated>") != NULL);
  psv_string_free(out);
  CHECK(psv_results_to_rss(&out, NULL, results, &options) == PSV_OK);
  CHECK(out != NULL && strstr(out, "<rss version=\"2.0\"") != NULL);
  psv_string_free(out);
  CHECK(psv_results_to_bibtex(&out, NULL, results) == PSV_OK);
  CHECK(out != NULL && strncmp(out, "@misc{", 6) == 0);
  psv_string_free(out);
  CHECK(psv_results_to_ris(&out, NULL, results) == PSV_OK);
  CHECK(out != NULL && strncmp(out, "TY  - ", 6) == 0);
  psv_string_free(out);
  CHECK(psv_results_to_csl_json(&out, NULL, results) == PSV_OK);
  CHECK(out != NULL && out[0] == '[');
  psv_string_free(out);
  options.version = 0; /* not set up with PSV_DIGEST_OPTIONS_INIT */
  CHECK(psv_results_to_atom(&out, NULL, results, &options) == PSV_EINVAL && out == NULL);
  CHECK(psv_results_to_bibtex(&out, NULL, NULL) == PSV_EINVAL && out == NULL);
}

static void test_filter(void) {
  psv_corpus* corpus = parse_or_null(kPage, NULL);
  psv_rules* rules = rules_or_null(kRules);
  psv_results* results = NULL;
  const psv_hit* hit;
  psv_span span;
  size_t length = 0, j;
  int first_in_title = 0;
  char* jsonl = NULL;
  char* markdown = NULL;

  if (corpus == NULL || rules == NULL) {
    CHECK(corpus != NULL && rules != NULL);
    goto done;
  }
  CHECK(psv_rules_filter(&results, rules, corpus, NULL) == PSV_OK);
  if (results == NULL) goto done;
  CHECK(psv_results_count(results) == 2);
  CHECK(psv_results_considered(results) == 2);

  hit = psv_results_hit(results, 0);
  CHECK(hit != NULL);
  CHECK(psv_hit_index(hit) == 0);
  CHECK(psv_hit_paper(hit) == psv_corpus_paper(corpus, 0));
  CHECK(psv_hit_score(hit) == 3);
  CHECK(psv_hit_rule_count(hit) == 2);
  CHECK_STR(psv_hit_rule(hit, 0, &length), "first");
  CHECK(length == 5);
  CHECK_STR(psv_hit_rule(hit, 1, NULL), "thing");
  CHECK(psv_hit_rule(hit, 2, &length) == NULL && length == 0);
  CHECK(psv_hit_tag_count(hit) == 2);
  CHECK_STR(psv_hit_tag(hit, 0, NULL), "one");
  CHECK_STR(psv_hit_tag(hit, 1, NULL), "both");
  CHECK(psv_hit_tag(hit, 2, NULL) == NULL);
  CHECK(psv_hit_span_count(hit) >= 3); /* "First" twice, "thing" once */
  for (j = 0; j < psv_hit_span_count(hit); ++j) {
    CHECK(psv_hit_span(&span, hit, j) == PSV_OK);
    CHECK(span.field == PSV_MATCH_TITLE || span.field == PSV_MATCH_ABSTRACT);
    CHECK(span.start < span.end);
    CHECK(span_text_is(psv_hit_paper(hit), &span, "first") ||
          span_text_is(psv_hit_paper(hit), &span, "thing"));
    first_in_title += span.field == PSV_MATCH_TITLE && span.start == 0 && span.end == 5;
  }
  CHECK(first_in_title == 1);
  CHECK(psv_hit_span(&span, hit, psv_hit_span_count(hit)) == PSV_EINVAL);

  hit = psv_results_hit(results, 1);
  CHECK(psv_hit_index(hit) == 1 && psv_hit_score(hit) == 1);
  CHECK(psv_hit_rule_count(hit) == 1 && psv_hit_tag_count(hit) == 1);
  CHECK(psv_results_hit(results, 2) == NULL);
  CHECK(strstr(psv_error_message(), "out of range") != NULL);

  /* Results outlive the corpus and the rules they came from. */
  psv_corpus_free(corpus);
  corpus = NULL;
  psv_rules_free(rules);
  rules = NULL;
  CHECK_STR(psv_paper_text(psv_hit_paper(psv_results_hit(results, 0)), PSV_FIELD_TITLE, NULL),
            "First Title");
  CHECK(psv_results_to_jsonl(&jsonl, &length, results) == PSV_OK);
  CHECK(jsonl != NULL && strlen(jsonl) == length);
  CHECK(jsonl != NULL && strstr(jsonl, "\"rules\":[\"first\",\"thing\"]") != NULL);
  CHECK(jsonl != NULL && strstr(jsonl, "\"score\":3") != NULL);
  CHECK(psv_results_to_markdown(&markdown, NULL, results, NULL) == PSV_OK);
  CHECK(markdown != NULL && strstr(markdown, "papersieve digest") != NULL);
  CHECK(markdown != NULL && strstr(markdown, "**First** Title") != NULL); /* matches in bold */
  psv_string_free(markdown);
  CHECK(psv_results_to_markdown(&markdown, &length, results, "Weekly") == PSV_OK);
  CHECK(markdown != NULL && strstr(markdown, "Weekly") != NULL && strlen(markdown) == length);
  psv_string_free(markdown);
  CHECK(psv_results_to_html(&markdown, &length, results, "<Weekly>") == PSV_OK);
  CHECK(markdown != NULL && strstr(markdown, "<title>&lt;Weekly&gt;</title>") != NULL);
  CHECK(markdown != NULL && strstr(markdown, "<mark") != NULL && strlen(markdown) == length);
  psv_string_free(markdown);
  CHECK(psv_results_to_csv(&markdown, NULL, results) == PSV_OK);
  CHECK(markdown != NULL && strncmp(markdown, "rank,score,rules,tags,id,", 25) == 0);
  psv_string_free(markdown);
  CHECK(psv_results_to_html(NULL, NULL, results, NULL) == PSV_EINVAL);
  psv_string_free(jsonl);
  test_digest_writers(results);

done:
  psv_results_free(results);
  psv_rules_free(rules);
  psv_corpus_free(corpus);
}

static void test_filter_options(void) {
  psv_corpus* corpus = parse_or_null(kPage, NULL);
  psv_rules* rules = rules_or_null(kRules);
  psv_filter_options options = PSV_FILTER_OPTIONS_INIT;
  psv_results* results = NULL;

  if (corpus == NULL || rules == NULL) {
    CHECK(corpus != NULL && rules != NULL);
    goto done;
  }
  options.top = 1;
  CHECK(psv_rules_filter(&results, rules, corpus, &options) == PSV_OK);
  CHECK(psv_results_count(results) == 1 && psv_results_considered(results) == 2);
  CHECK(psv_hit_score(psv_results_hit(results, 0)) == 3);
  psv_results_free(results);

  results = (psv_results*)&options; /* must become NULL */
  options.version = 0;
  CHECK(psv_rules_filter(&results, rules, corpus, &options) == PSV_EINVAL && results == NULL);
  CHECK(strstr(psv_error_message(), "PSV_FILTER_OPTIONS_INIT") != NULL);
  options.version = PSV_FILTER_OPTIONS_VERSION + 1;
  CHECK(psv_rules_filter(&results, rules, corpus, &options) == PSV_EINVAL && results == NULL);

  /* Nothing selected is an empty result set, not an error. */
  psv_rules_free(rules);
  rules = NULL;
  CHECK(psv_rules_from_query(&rules, "nowhere_to_be_found") == PSV_OK);
  CHECK(psv_rules_filter(&results, rules, corpus, NULL) == PSV_OK);
  CHECK(psv_results_count(results) == 0 && psv_results_considered(results) == 2);
  psv_results_free(results);
  results = NULL;

done:
  psv_rules_free(rules);
  psv_corpus_free(corpus);
}

static void test_rule_errors(void) {
  psv_rules* rules = (psv_rules*)&failures; /* any non-NULL value: must become NULL */
  psv_problems* problems = NULL;
  psv_problem problem;
  static const char bad[] =
      "{\"rules\": [{\"name\": \"t2i\", \"query\": \"(text OR image\"},"
      " {\"name\": \"k\", \"keywords\": [\"\"]}]}";
  static const char ok[] = "{\"rules\": [{\"name\": \"ok\", \"query\": \"x\"}]}";

  CHECK(psv_rules_from_query(&rules, "(unbalanced") == PSV_ERULE && rules == NULL);
  CHECK(strstr(psv_error_message(), "psv_rules_from_query") != NULL);
  CHECK(strstr(psv_error_message(), "rule \"query\": query column 1") != NULL);
  CHECK(psv_rules_from_query(&rules, "a OR") == PSV_ERULE);
  CHECK(strstr(psv_error_message(), "column 3") != NULL);
  CHECK(psv_rules_from_query(&rules, "") == PSV_ERULE);

  CHECK(psv_rules_from_json(&rules, bad, strlen(bad)) == PSV_ERULE && rules == NULL);
  CHECK(strstr(psv_error_message(), "rule \"t2i\": query column") != NULL);
  CHECK(strstr(psv_error_message(), "rule \"k\": keywords[0]") != NULL);
  CHECK(psv_rules_from_json(&rules, "{", 1) == PSV_ERULE);
  CHECK(strstr(psv_error_message(), "line 1") != NULL);
  CHECK(psv_rules_from_json(&rules, NULL, 0) == PSV_ERULE); /* an empty document */

  CHECK(psv_rules_from_file(&rules, "/nonexistent/papersieve/rules.json") == PSV_EIO);
  CHECK(rules == NULL);
  CHECK(strstr(psv_error_message(), "/nonexistent/papersieve/rules.json") != NULL);

  /* NULL arguments: PSV_EINVAL naming the argument. */
  CHECK(psv_rules_from_query(NULL, "x") == PSV_EINVAL);
  CHECK(strstr(psv_error_message(), "'out'") != NULL);
  CHECK(psv_rules_from_query(&rules, NULL) == PSV_EINVAL);
  CHECK(strstr(psv_error_message(), "'query'") != NULL);
  CHECK(psv_rules_from_json(&rules, NULL, 3) == PSV_EINVAL);
  CHECK(strstr(psv_error_message(), "'json'") != NULL);
  CHECK(psv_rules_from_file(&rules, NULL) == PSV_EINVAL);
  CHECK(strstr(psv_error_message(), "'path'") != NULL);
  CHECK(psv_rules_check(NULL, ok, strlen(ok)) == PSV_EINVAL);
  CHECK(psv_rules_check(&problems, NULL, 1) == PSV_EINVAL && problems == NULL);

  /* The problems one by one. */
  CHECK(psv_rules_check(&problems, bad, strlen(bad)) == PSV_OK);
  CHECK(psv_problems_count(problems) == 2);
  CHECK(psv_problems_get(&problem, problems, 0) == PSV_OK);
  CHECK_STR(problem.rule, "t2i");
  CHECK_STR(problem.part, "query");
  CHECK(problem.column == 1);
  CHECK(problem.message != NULL && strstr(problem.message, "unbalanced") != NULL);
  CHECK_STR(problem.description, "rule \"t2i\": query column 1: unbalanced \"(\"");
  CHECK(psv_problems_get(&problem, problems, 1) == PSV_OK);
  CHECK_STR(problem.rule, "k");
  CHECK_STR(problem.part, "keywords[0]");
  CHECK(psv_problems_get(&problem, problems, 2) == PSV_EINVAL);
  CHECK(psv_problems_get(NULL, problems, 0) == PSV_EINVAL);
  CHECK(psv_problems_get(&problem, NULL, 0) == PSV_EINVAL);
  psv_problems_free(problems);

  /* JSON syntax errors are problems too; a good file has none. */
  CHECK(psv_rules_check(&problems, "{", 1) == PSV_OK && psv_problems_count(problems) == 1);
  psv_problems_free(problems);
  CHECK(psv_rules_check(&problems, ok, strlen(ok)) == PSV_OK && psv_problems_count(problems) == 0);
  psv_problems_free(problems);
}

static void test_results_errors(void) {
  psv_corpus* corpus = parse_or_null(kPage, NULL);
  psv_rules* rules = NULL;
  psv_results* results = (psv_results*)&failures;
  psv_rule_info info;
  psv_span span;
  char* text = (char*)&failures;
  size_t length = 7, top = 0;

  CHECK(psv_rules_from_query(&rules, "thing") == PSV_OK);
  CHECK(psv_rules_filter(NULL, rules, corpus, NULL) == PSV_EINVAL);
  CHECK(strstr(psv_error_message(), "'out'") != NULL);
  CHECK(psv_rules_filter(&results, NULL, corpus, NULL) == PSV_EINVAL && results == NULL);
  CHECK(strstr(psv_error_message(), "'rules'") != NULL);
  CHECK(psv_rules_filter(&results, rules, NULL, NULL) == PSV_EINVAL && results == NULL);
  CHECK(strstr(psv_error_message(), "'corpus'") != NULL);

  CHECK(psv_results_to_jsonl(&text, &length, NULL) == PSV_EINVAL);
  CHECK(text == NULL && length == 0);
  CHECK(strstr(psv_error_message(), "'results'") != NULL);
  CHECK(psv_results_to_jsonl(NULL, &length, NULL) == PSV_EINVAL);
  CHECK(psv_results_to_markdown(&text, NULL, NULL, "x") == PSV_EINVAL && text == NULL);
  CHECK(psv_results_hit(NULL, 0) == NULL);
  CHECK(strstr(psv_error_message(), "'results'") != NULL);

  CHECK(psv_rules_rule(NULL, rules, 0) == PSV_EINVAL);
  CHECK(psv_rules_rule(&info, NULL, 0) == PSV_EINVAL);
  CHECK(psv_rules_top(NULL, rules) == PSV_EINVAL);
  CHECK(psv_rules_top(&top, NULL) == PSV_EINVAL);
  CHECK(psv_rules_tag(NULL, 0, 0, &length) == NULL && length == 0);
  CHECK(psv_hit_span(&span, NULL, 0) == PSV_EINVAL);
  CHECK(psv_hit_span(NULL, NULL, 0) == PSV_EINVAL);
  CHECK(psv_hit_rule(NULL, 0, NULL) == NULL);
  CHECK(psv_hit_tag(NULL, 0, NULL) == NULL);
  CHECK(strstr(psv_error_message(), "'hit'") != NULL);

  /* Match fields: names, and the displayed text of each. */
  CHECK_STR(psv_match_field_name(PSV_MATCH_TITLE), "title");
  CHECK_STR(psv_match_field_name(PSV_MATCH_AUTHORS), "authors");
  CHECK_STR(psv_match_field_name(PSV_MATCH_LINK), "link");
  CHECK(psv_match_field_name((psv_match_field)7) == NULL);
  CHECK(strstr(psv_error_message(), "match field 7") != NULL);
  CHECK(psv_match_field_name((psv_match_field)-1) == NULL);
  if (corpus != NULL) {
    const psv_paper* paper = psv_corpus_paper(corpus, 0);
    CHECK(psv_paper_match_text(&text, &length, paper, PSV_MATCH_TEXT) == PSV_OK);
    CHECK_STR(text, "First Title\nWe study the first thing and report what we found.");
    CHECK(text != NULL && length == strlen(text));
    psv_string_free(text);
    CHECK(psv_paper_match_text(&text, NULL, paper, PSV_MATCH_AUTHORS) == PSV_OK);
    CHECK_STR(text, "");
    psv_string_free(text);
    CHECK(psv_paper_match_text(&text, &length, paper, (psv_match_field)42) == PSV_EINVAL);
    CHECK(text == NULL && length == 0);
    CHECK(psv_paper_match_text(&text, &length, NULL, PSV_MATCH_TITLE) == PSV_EINVAL);
    CHECK(strstr(psv_error_message(), "'paper'") != NULL);
    CHECK(psv_paper_match_text(NULL, NULL, paper, PSV_MATCH_TITLE) == PSV_EINVAL);
  }

  /* Frees and counts accept NULL. */
  psv_rules_free(NULL);
  psv_results_free(NULL);
  psv_problems_free(NULL);
  CHECK(psv_rules_count(NULL) == 0);
  CHECK(psv_rules_min_score(NULL) == 0);
  CHECK(psv_results_count(NULL) == 0 && psv_results_considered(NULL) == 0);
  CHECK(psv_problems_count(NULL) == 0);
  CHECK(psv_hit_index(NULL) == 0 && psv_hit_score(NULL) == 0 && psv_hit_paper(NULL) == NULL);
  CHECK(psv_hit_rule_count(NULL) == 0 && psv_hit_tag_count(NULL) == 0);
  CHECK(psv_hit_span_count(NULL) == 0);

  psv_rules_free(rules);
  psv_corpus_free(corpus);
}

/* ---- One corpus, one rule set, many threads ----------------------------------- */

#define FILTER_THREADS 8
#define FILTER_ROUNDS 5

struct filter_job {
  const psv_rules* rules;
  const psv_corpus* corpus;
  const char* expected; /* the single-threaded JSONL */
  int mismatches;
  int errors;
};

static void* filter_in_thread(void* argument) {
  struct filter_job* job = (struct filter_job*)argument;
  int round;
  for (round = 0; round < FILTER_ROUNDS; ++round) {
    psv_results* results = NULL;
    char* jsonl = NULL;
    if (psv_rules_filter(&results, job->rules, job->corpus, NULL) != PSV_OK ||
        psv_results_to_jsonl(&jsonl, NULL, results) != PSV_OK) {
      ++job->errors;
    } else if (strcmp(jsonl, job->expected) != 0) {
      ++job->mismatches;
    }
    psv_string_free(jsonl);
    psv_results_free(results);
  }
  return NULL;
}

static void test_filter_threads(void) {
  psv_corpus* corpus = NULL;
  psv_rules* rules = NULL;
  psv_results* results = NULL;
  char* expected = NULL;
  pthread_t threads[FILTER_THREADS];
  struct filter_job jobs[FILTER_THREADS];
  int started[FILTER_THREADS];
  int i;

  CHECK(psv_corpus_parse_file(&corpus, PSV_EXAMPLES_DIR "/data/hf_page_sample.txt", NULL) ==
        PSV_OK);
  CHECK(psv_rules_from_file(&rules, PSV_EXAMPLES_DIR "/rules/digest.json") == PSV_OK);
  if (corpus == NULL || rules == NULL) {
    fprintf(stderr, "%s\n", psv_error_message());
    goto done;
  }
  CHECK(psv_rules_filter(&results, rules, corpus, NULL) == PSV_OK);
  CHECK(psv_results_count(results) >= 3); /* enough hits for the comparison to mean something */
  CHECK(psv_results_to_jsonl(&expected, NULL, results) == PSV_OK);
  if (expected == NULL) goto done;

  for (i = 0; i < FILTER_THREADS; ++i) {
    jobs[i].rules = rules;
    jobs[i].corpus = corpus;
    jobs[i].expected = expected;
    jobs[i].mismatches = jobs[i].errors = 0;
    started[i] = pthread_create(&threads[i], NULL, filter_in_thread, &jobs[i]) == 0;
    CHECK(started[i]);
  }
  for (i = 0; i < FILTER_THREADS; ++i) {
    if (!started[i]) continue;
    CHECK(pthread_join(threads[i], NULL) == 0);
    CHECK(jobs[i].errors == 0);
    CHECK(jobs[i].mismatches == 0);
  }

done:
  psv_string_free(expected);
  psv_results_free(results);
  psv_rules_free(rules);
  psv_corpus_free(corpus);
}

/* The layouts of version 1 of the option structs (before `threads`): callers built
 * against an older header pass these, and the library must not read past them. */
typedef struct parse_options_v1 {
  unsigned version;
  const char* format;
  const char* source_name;
} parse_options_v1;
typedef struct filter_options_v1 {
  unsigned version;
  size_t top;
} filter_options_v1;

/* A page of `n` papers, every 5th a duplicate of an earlier one: several hundred KB. */
static char* generated_page(int n) {
  size_t size = 64 + (size_t)n * 200;
  char* page = (char*)malloc(size);
  size_t at = 0;
  int i;
  if (page == NULL) return NULL;
  at += (size_t)sprintf(page, "Subscribe");
  for (i = 0; i < n; ++i) {
    int title = (i % 5 == 4) ? i / 2 : i;
    at += (size_t)sprintf(page + at,
                          "Paper %d about diffusion\nWe study thing %d and report the first "
                          "results, with prose that ends with a stop.\n",
                          title, i % 13);
  }
  return page;
}

static char* corpus_jsonl(const psv_corpus* corpus) {
  char* text = NULL;
  CHECK(psv_corpus_to_jsonl(&text, NULL, corpus) == PSV_OK);
  return text;
}

static char* results_jsonl(const psv_rules* rules, const psv_corpus* corpus,
                           const psv_filter_options* options) {
  psv_results* results = NULL;
  char* text = NULL;
  CHECK(psv_rules_filter(&results, rules, corpus, options) == PSV_OK);
  CHECK(psv_results_to_jsonl(&text, NULL, results) == PSV_OK);
  psv_results_free(results);
  return text;
}

static void test_option_versions(void) {
  char* page = generated_page(4000);
  psv_parse_options options = PSV_PARSE_OPTIONS_INIT;
  psv_filter_options filter = PSV_FILTER_OPTIONS_INIT;
  parse_options_v1* old_parse = (parse_options_v1*)malloc(sizeof(parse_options_v1));
  filter_options_v1* old_filter = (filter_options_v1*)malloc(sizeof(filter_options_v1));
  psv_corpus* one = NULL;
  psv_corpus* other = NULL;
  psv_rules* rules = rules_or_null(
      "{\"rules\": [{\"name\": \"d\", \"query\": \"diffusion\"},"
      " {\"name\": \"t\", \"query\": \"\\\"thing 7\\\"\", \"weight\": 2}]}");
  char* expected = NULL;
  char* actual = NULL;
  size_t threads[] = {2, 3, 8, 0};
  size_t k;

  CHECK(PSV_PARSE_OPTIONS_VERSION == 3 && PSV_FILTER_OPTIONS_VERSION == 3);
  CHECK(options.threads == 0 && filter.threads == 0); /* default: every core */
  if (page == NULL || old_parse == NULL || old_filter == NULL || rules == NULL) {
    CHECK(page != NULL && old_parse != NULL && old_filter != NULL && rules != NULL);
    goto done;
  }
  options.threads = 1;
  CHECK(psv_corpus_parse(&one, page, strlen(page), &options) == PSV_OK);
  if (one == NULL) goto done;
  check_stats_invariant(one);
  expected = corpus_jsonl(one);
  for (k = 0; k < sizeof threads / sizeof threads[0]; ++k) {
    options.threads = threads[k];
    CHECK(psv_corpus_parse(&other, page, strlen(page), &options) == PSV_OK);
    actual = corpus_jsonl(other);
    CHECK(expected != NULL && actual != NULL && strcmp(expected, actual) == 0);
    free(actual);
    psv_corpus_free(other);
    other = NULL;
  }
  /* A version-1 struct (exactly its size, so a read past it shows under valgrind). */
  old_parse->version = 1;
  old_parse->format = "hf-text";
  old_parse->source_name = NULL;
  CHECK(psv_corpus_parse(&other, page, strlen(page), (const psv_parse_options*)old_parse) ==
        PSV_OK);
  actual = corpus_jsonl(other);
  CHECK(expected != NULL && actual != NULL && strcmp(expected, actual) == 0);
  free(actual);
  free(expected);

  filter.threads = 1;
  expected = results_jsonl(rules, one, &filter);
  CHECK(expected != NULL && strlen(expected) > 1000);
  for (k = 0; k < sizeof threads / sizeof threads[0]; ++k) {
    filter.threads = threads[k];
    actual = results_jsonl(rules, one, &filter);
    CHECK(expected != NULL && actual != NULL && strcmp(expected, actual) == 0);
    free(actual);
  }
  old_filter->version = 1;
  old_filter->top = 0;
  actual = results_jsonl(rules, one, (const psv_filter_options*)old_filter);
  CHECK(expected != NULL && actual != NULL && strcmp(expected, actual) == 0);
  free(actual);

done:
  free(expected);
  psv_corpus_free(other);
  psv_corpus_free(one);
  psv_rules_free(rules);
  free(old_filter);
  free(old_parse);
  free(page);
}

/* Structs as a caller built against the previous headers has them. */
typedef struct rule_options_v1 {
  unsigned version;
  size_t limits[7];
  int64_t regex_max_mem;
} rule_options_v1;

typedef struct filter_options_v2 {
  unsigned version;
  size_t top;
  size_t threads;
} filter_options_v2;

static void test_older_option_structs(void) {
  rule_options_v1* old_rules = (rule_options_v1*)calloc(1, sizeof(rule_options_v1));
  filter_options_v2* old_filter = (filter_options_v2*)calloc(1, sizeof(filter_options_v2));
  psv_corpus* corpus = parse_or_null(kPage, NULL);
  psv_rules* rules = NULL;
  psv_results* results = NULL;

  if (old_rules == NULL || old_filter == NULL || corpus == NULL) goto done;
  old_rules->version = 1; /* no `now`: the system clock */
  CHECK(psv_rules_from_query_opts(&rules, "published:<=today OR title",
                                  (const psv_rule_options*)old_rules) == PSV_OK);
  old_filter->version = 2; /* no sort or state: by score, nothing dropped */
  CHECK(rules != NULL &&
        psv_rules_filter(&results, rules, corpus, (const psv_filter_options*)old_filter) == PSV_OK);
  CHECK(psv_results_count(results) == 2);
done:
  psv_results_free(results);
  psv_rules_free(rules);
  psv_corpus_free(corpus);
  free(old_rules);
  free(old_filter);
}

/* Dates in rules against a fixed clock, the order, and a seen-state across two filters. */
static void test_dates_sort_and_state(void) {
  static const char lines[] =
      "{\"id\": \"2612.00001\", \"title\": \"Diffusion A\", \"abstract\": \"diffusion\","
      " \"categories\": \"cs.CV\", \"update_date\": \"2026-12-01\", \"versions\": [{\"version\": "
      "\"v1\", \"created\": \"Tue, 01 Dec 2026 10:00:00 GMT\"}]}\n"
      "{\"id\": \"2612.00002\", \"title\": \"Diffusion B\", \"abstract\": \"diffusion\","
      " \"categories\": \"cs.CV\", \"update_date\": \"2026-12-01\", \"versions\": [{\"version\": "
      "\"v1\", \"created\": \"Sat, 05 Dec 2026 10:00:00 GMT\"}]}\n"
      "{\"id\": \"2611.00003\", \"title\": \"Diffusion C\", \"abstract\": \"diffusion\","
      " \"categories\": \"cs.CV\", \"update_date\": \"2026-12-01\", \"versions\": [{\"version\": "
      "\"v1\", \"created\": \"Fri, 20 Nov 2026 10:00:00 GMT\"}]}\n";
  const char* path = "test_capi_state.db";
  psv_parse_options parse = PSV_PARSE_OPTIONS_INIT;
  psv_corpus* corpus = (parse.format = "arxiv-jsonl", parse_or_null(lines, &parse));
  psv_rule_options rule_options = PSV_RULE_OPTIONS_INIT;
  psv_filter_options options = PSV_FILTER_OPTIONS_INIT;
  psv_rules* rules = NULL;
  psv_rules* bad = NULL;
  psv_results* results = NULL;
  psv_state* state = NULL;
  size_t count = 99;
  int status = -1;

  remove(path);
  CHECK(PSV_RULE_OPTIONS_VERSION == 2 && rule_options.now == 0);
  CHECK(options.sort == PSV_SORT_SCORE && options.state == NULL && options.show_updated == 0);
  rule_options.now = 1796644800; /* 2026-12-07 12:00 UTC */
  CHECK(psv_rules_from_query_opts(&rules, "diffusion published:>today-7d", &rule_options) ==
        PSV_OK);
  CHECK(psv_rules_from_query_opts(&bad, "published:>=2026-13", &rule_options) == PSV_ERULE &&
        bad == NULL);
  CHECK(strstr(psv_error_message(), "column 13: bad date") != NULL);
  if (corpus == NULL || rules == NULL) {
    CHECK(corpus != NULL && rules != NULL);
    goto done;
  }
  options.sort = PSV_SORT_PUBLISHED;
  CHECK(psv_rules_filter(&results, rules, corpus, &options) == PSV_OK);
  CHECK(psv_results_count(results) == 2);
  CHECK_STR(psv_paper_text(psv_hit_paper(psv_results_hit(results, 0)), PSV_FIELD_ID, NULL),
            "2612.00002");
  psv_results_free(results);
  results = NULL;
  options.sort = 7;
  CHECK(psv_rules_filter(&results, rules, corpus, &options) == PSV_EINVAL && results == NULL);
  options.sort = PSV_SORT_SCORE;

  CHECK(psv_state_open(&state, path, 0) == PSV_OK);
  if (state == NULL) goto done;
  options.state = state;
  CHECK(psv_rules_filter(&results, rules, corpus, &options) == PSV_OK);
  CHECK(psv_results_count(results) == 2 && psv_hit_updated(psv_results_hit(results, 0)) == 0);
  CHECK(psv_state_status(&status, state, psv_corpus_paper(corpus, 0)) == PSV_OK &&
        status == PSV_SEEN_NEW);
  CHECK(psv_state_mark_results(state, results, 1000) == PSV_OK);
  CHECK(psv_state_status(&status, state, psv_corpus_paper(corpus, 0)) == PSV_OK &&
        status == PSV_SEEN_SEEN);
  CHECK(psv_state_count(&count, state) == PSV_OK && count == 2);
  psv_results_free(results);
  results = NULL;
  CHECK(psv_rules_filter(&results, rules, corpus, &options) == PSV_OK);
  CHECK(psv_results_count(results) == 0); /* all seen */
  CHECK(psv_state_prune(&count, state, 1001) == PSV_OK && count == 2);
  CHECK(psv_state_count(&count, state) == PSV_OK && count == 0);
  CHECK(psv_state_open(NULL, path, 0) == PSV_EINVAL);
done:
  psv_state_free(state);
  psv_results_free(results);
  psv_rules_free(rules);
  psv_corpus_free(corpus);
  remove(path);
}

/* Collects psv_filter_file's output; stops when `limit` bytes have come (0: never). */
typedef struct collected {
  char* bytes;
  size_t size;
  size_t limit;
  size_t diagnostics;
} collected;

static int collect(void* context, const char* bytes, size_t size) {
  collected* into = (collected*)context;
  char* grown = (char*)realloc(into->bytes, into->size + size + 1);
  if (grown == NULL) return 1;
  into->bytes = grown;
  memcpy(into->bytes + into->size, bytes, size);
  into->size += size;
  into->bytes[into->size] = '\0';
  return into->limit != 0 && into->size >= into->limit;
}

static void count_diagnostic(void* context, const psv_diagnostic* diagnostic) {
  collected* into = (collected*)context;
  CHECK(diagnostic->line == 3 && diagnostic->severity == PSV_SEVERITY_ERROR);
  ++into->diagnostics;
}

/* psv_filter_file: the JSON lines psv_results_to_jsonl gives for the same file and rules,
 * for 1 and 2 threads; diagnostics through the callback; a write callback that stops. */
static void test_filter_file(void) {
  const char* path = "test_capi_filter_file.jsonl";
  FILE* file = fopen(path, "w");
  psv_rules* rules = NULL;
  psv_corpus* corpus = NULL;
  psv_results* results = NULL;
  psv_parse_options parse = PSV_PARSE_OPTIONS_INIT;
  psv_file_filter_options options = PSV_FILE_FILTER_OPTIONS_INIT;
  psv_file_filter_summary summary;
  char* expected = NULL;
  size_t expected_size = 0;
  size_t threads;
  int i;
  CHECK(file != NULL);
  if (file == NULL) return;
  for (i = 0; i < 200; ++i) {
    fprintf(file,
            "{\"id\": \"2401.%05d\", \"title\": \"Diffusion model %d\", \"abstract\": "
            "\"%s\"}\n",
            i + 1, i, i % 3 ? "A diffusion model." : "Graphs.");
    if (i == 1) fputs("{\"id\": broken\n", file);
  }
  fclose(file);
  CHECK(psv_rules_from_query(&rules, "diffusion") == PSV_OK);
  CHECK(psv_corpus_parse_file(&corpus, path, NULL) == PSV_OK);
  CHECK(psv_rules_filter(&results, rules, corpus, NULL) == PSV_OK);
  CHECK(psv_results_to_jsonl(&expected, &expected_size, results) == PSV_OK);
  CHECK(expected_size > 0);
  options.parse = &parse;
  options.on_diagnostic = count_diagnostic;
  for (threads = 1; threads <= 2; ++threads) {
    collected out = {NULL, 0, 0, 0};
    parse.threads = threads;
    options.context = &out;
    CHECK(psv_filter_file(&summary, rules, path, &options, collect, &out) == PSV_OK);
    CHECK(out.size == expected_size && out.bytes != NULL && expected != NULL &&
          memcmp(out.bytes, expected, expected_size) == 0);
    CHECK(summary.stats.records == 201 && summary.stats.papers == 200 &&
          summary.stats.rejected == 1 && summary.written == 200 && summary.selected == 200);
    CHECK(out.diagnostics == 1);
    free(out.bytes);
  }
  {
    collected out = {NULL, 0, 1, 0};
    psv_filter_options filter = PSV_FILTER_OPTIONS_INIT;
    filter.sort = PSV_SORT_INPUT;
    options.filter = &filter;
    options.on_diagnostic = NULL;
    CHECK(psv_filter_file(&summary, rules, path, &options, collect, &out) == PSV_EIO);
    free(out.bytes);
    filter.sort = 99;
    CHECK(psv_filter_file(&summary, rules, path, &options, collect, &out) == PSV_EINVAL);
  }
  CHECK(psv_filter_file(&summary, NULL, path, NULL, NULL, NULL) == PSV_OK);
  CHECK(summary.stats.records == 201 && summary.written == 0);
  CHECK(psv_filter_file(&summary, rules, path, NULL, NULL, NULL) == PSV_EINVAL);
  CHECK(psv_filter_file(&summary, rules, "/nonexistent/x.jsonl", NULL, collect, NULL) == PSV_EIO);
  options.version = 0;
  CHECK(psv_filter_file(&summary, rules, path, &options, collect, NULL) == PSV_EINVAL);
  psv_string_free(expected);
  psv_results_free(results);
  psv_corpus_free(corpus);
  psv_rules_free(rules);
  remove(path);
}

int main(int argc, char** argv) {
  if (argc > 2) {
    fprintf(stderr, "usage: %s [DATA_DIR]\n", argv[0]);
    return 2;
  }
  if (argc == 2) return test_real_dump(argv[1]);

  test_version();
  test_parse_buffer();
  test_upvotes_and_links();
  test_rejected_record();
  test_errors();
  test_feed_formats();
  test_bad_field();
  test_reference_formats();
  test_jsonl();
  test_error_message_per_thread();
  test_stream();
  test_join_abstracts();
  test_status_strings();
  test_rules_info();
  test_filter();
  test_filter_options();
  test_rule_errors();
  test_results_errors();
  test_filter_threads();
  test_option_versions();
  test_dates_sort_and_state();
  test_older_option_structs();
  test_filter_file();
  if (failures != 0) {
    fprintf(stderr, "%d check(s) failed\n", failures);
    return 1;
  }
  printf("all C API checks passed\n");
  return 0;
}
