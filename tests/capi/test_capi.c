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
  psv_corpus* corpus = parse_or_null(page, NULL);
  const psv_paper* paper;
  int64_t upvotes = -1;
  psv_link link;

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
  char page[1024];
  char long_line[501];
  psv_corpus* corpus;
  psv_stats stats;
  psv_diagnostic diagnostic;
  size_t i, errors = 0;

  memset(long_line, 'x', sizeof long_line - 1);
  long_line[sizeof long_line - 1] = '\0';
  sprintf(page, "Some Title\nAn abstract that ends.\n%s\n", long_line);
  corpus = parse_or_null(page, NULL);
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

  options.format = "arxiv-atom"; /* a known format with no reader yet */
  CHECK(psv_corpus_parse(&corpus, "[]", 2, &options) == PSV_EUNSUPPORTED);
  CHECK(corpus == NULL);
  CHECK(strstr(psv_error_message(), "arxiv-atom") != NULL);

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
  CHECK(psv_format_supported("arxiv-atom") == 0);
  CHECK(psv_format_supported("bogus") == 0);
  CHECK(strstr(psv_error_message(), "bogus") != NULL);
  CHECK(psv_format_supported(NULL) == 0);
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
  test_bad_field();
  test_jsonl();
  test_error_message_per_thread();
  test_stream();
  if (failures != 0) {
    fprintf(stderr, "%d check(s) failed\n", failures);
    return 1;
  }
  printf("all C API checks passed\n");
  return 0;
}
