/*
 * Every engine limit set through the C ABI (psv_parse_options version 3,
 * psv_rule_options): each one, set low, is enforced with its exact error; and the
 * table of limits (psv_limit_get) names them with the defaults the library enforces.
 */
#include <papersieve.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures = 0;

#define CHECK(condition)                                                            \
  do {                                                                              \
    if (!(condition)) {                                                             \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #condition); \
      ++failures;                                                                   \
    }                                                                               \
  } while (0)

/* psv_error_message() contains `expected`. */
#define CHECK_ERROR(expected)                                                   \
  do {                                                                          \
    if (strstr(psv_error_message(), (expected)) == NULL) {                      \
      fprintf(stderr, "%s:%d: error \"%s\" lacks \"%s\"\n", __FILE__, __LINE__, \
              psv_error_message(), (expected));                                 \
      ++failures;                                                               \
    }                                                                           \
  } while (0)

static const char kRecord[] = "{\"title\": \"A title\", \"abstract\": \"Some abstract text.\"}\n";

static void test_max_record_bytes(void) {
  psv_parse_options options = PSV_PARSE_OPTIONS_INIT;
  psv_corpus* corpus = NULL;
  psv_stats stats;
  psv_diagnostic diagnostic;
  options.format = "jsonl";
  options.max_record_bytes = 40; /* the record is 55 bytes and a newline */
  CHECK(psv_corpus_parse(&corpus, kRecord, strlen(kRecord), &options) == PSV_OK);
  CHECK(psv_corpus_stats(&stats, corpus) == PSV_OK);
  CHECK(stats.records == 1 && stats.rejected == 1 && stats.papers == 0);
  CHECK(psv_corpus_diagnostic(&diagnostic, corpus, 0) == PSV_OK);
  CHECK(strcmp(diagnostic.message,
               "line of 55 bytes is longer than the limit of 40 bytes (max_record_bytes); "
               "skipped") == 0);
  psv_corpus_free(corpus);
  options.max_record_bytes = 0; /* the default */
  CHECK(psv_corpus_parse(&corpus, kRecord, strlen(kRecord), &options) == PSV_OK);
  CHECK(psv_corpus_size(corpus) == 1);
  psv_corpus_free(corpus);
}

static void test_max_document_bytes(void) {
  psv_parse_options options = PSV_PARSE_OPTIONS_INIT;
  psv_corpus* corpus = NULL;
  const char document[] = "[{\"title\": \"A title\", \"abstract\": \"Some text.\"}]";
  options.format = "json";
  options.max_document_bytes = 10;
  CHECK(psv_corpus_parse(&corpus, document, strlen(document), &options) == PSV_ELIMIT);
  CHECK(corpus == NULL);
  CHECK_ERROR("larger than the limit of 10 bytes (max_document_bytes)");
}

/* Compiles `json` (or the query `query` when json is NULL) with `options`; expects
 * PSV_ERULE with `expected` in the message, and success with the defaults. */
static void expect_rule_limit(const psv_rule_options* options, const char* query, const char* json,
                              const char* expected) {
  psv_rules* rules = NULL;
  psv_problems* problems = NULL;
  int status = json != NULL ? psv_rules_from_json_opts(&rules, json, strlen(json), options)
                            : psv_rules_from_query_opts(&rules, query, options);
  CHECK(status == PSV_ERULE && rules == NULL);
  CHECK_ERROR(expected);
  status = json != NULL ? psv_rules_from_json_opts(&rules, json, strlen(json), NULL)
                        : psv_rules_from_query_opts(&rules, query, NULL);
  CHECK(status == PSV_OK && rules != NULL);
  psv_rules_free(rules);
  if (json != NULL) {
    psv_problem problem;
    CHECK(psv_rules_check_opts(&problems, json, strlen(json), options) == PSV_OK);
    CHECK(psv_problems_count(problems) >= 1);
    CHECK(psv_problems_get(&problem, problems, 0) == PSV_OK);
    CHECK(problem.description != NULL && strstr(problem.description, expected) != NULL);
    psv_problems_free(problems);
  }
}

static void test_rule_limits(void) {
  psv_rule_options o = PSV_RULE_OPTIONS_INIT;
  o.max_query_bytes = 8;
  expect_rule_limit(&o, "diffusion OR t2i", NULL, "query column 9: query longer than 8 bytes");
  o = (psv_rule_options)PSV_RULE_OPTIONS_INIT;
  o.max_query_depth = 2;
  expect_rule_limit(&o, "((( a )))", NULL, "query column 3: query nested deeper than 2 levels");
  o = (psv_rule_options)PSV_RULE_OPTIONS_INIT;
  o.max_rule_file_bytes = 16;
  expect_rule_limit(&o, NULL, "{\"rules\": [{\"name\": \"a\", \"query\": \"a\"}]}",
                    "rule file is 40 bytes long; the limit is 16");
  o = (psv_rule_options)PSV_RULE_OPTIONS_INIT;
  o.max_rules = 1;
  expect_rule_limit(&o, NULL,
                    "{\"rules\": [{\"name\": \"a\", \"query\": \"a\"},"
                    " {\"name\": \"b\", \"query\": \"b\"}]}",
                    "rules: has 2 rules; the limit is 1");
  o = (psv_rule_options)PSV_RULE_OPTIONS_INIT;
  o.max_patterns_per_rule = 2;
  expect_rule_limit(&o, NULL,
                    "{\"rules\": [{\"name\": \"k\", \"keywords\": [\"a\", \"b\", \"c\"]}]}",
                    "rule \"k\": keywords: has 3 items; the limit is 2");
  o = (psv_rule_options)PSV_RULE_OPTIONS_INIT;
  o.max_pattern_bytes = 4;
  expect_rule_limit(&o, NULL, "{\"rules\": [{\"name\": \"k\", \"keywords\": [\"diffusion\"]}]}",
                    "rule \"k\": keywords[0]: is 9 bytes long; the limit is 4");
  expect_rule_limit(&o, "diffusion", NULL, "query column 1: term longer than 4 bytes");
  o = (psv_rule_options)PSV_RULE_OPTIONS_INIT;
  o.max_terms = 2;
  expect_rule_limit(&o, "a b c", NULL, "more than 2 terms in the rule set");
  o = (psv_rule_options)PSV_RULE_OPTIONS_INIT;
  o.regex_max_mem = 1 << 10;
  expect_rule_limit(&o, NULL, "{\"rules\": [{\"name\": \"r\", \"regex\": [\"a{100}b{100}\"]}]}",
                    "rule \"r\": regex[0]: regex needs more than the memory limit of 1024 bytes");
  expect_rule_limit(&o, "/a{100}b{100}/", NULL, "regex needs more than the memory limit of 1024");
}

/* The fields of psv_parse_options, then psv_rule_options, in order. */
static const char* const kLimitNames[] = {
    "max_record_bytes",    "max_document_bytes", "max_query_bytes",       "max_query_depth",
    "max_rule_file_bytes", "max_rules",          "max_patterns_per_rule", "max_pattern_bytes",
    "max_terms",           "regex_max_mem"};

static int64_t limit_default(const char* name) {
  size_t i;
  psv_limit limit;
  for (i = 0; i < psv_limit_count(); ++i)
    if (psv_limit_get(&limit, i) == PSV_OK && strcmp(limit.name, name) == 0)
      return limit.default_value;
  return -1;
}

static void test_limit_table(void) {
  const size_t count = sizeof kLimitNames / sizeof kLimitNames[0];
  size_t i;
  psv_limit limit;
  psv_rules* rules = NULL;
  char* query;
  int64_t bytes;
  CHECK(psv_limit_count() == count);
  for (i = 0; i < count && i < psv_limit_count(); ++i) {
    CHECK(psv_limit_get(&limit, i) == PSV_OK);
    CHECK(strcmp(limit.name, kLimitNames[i]) == 0);
    CHECK(strcmp(limit.scope, i < 2 ? "parse" : "rules") == 0);
    CHECK(limit.default_value > 0);
    CHECK(limit.doc != NULL && limit.doc[0] != '\0' && strchr(limit.doc, '\n') == NULL);
  }
  CHECK(psv_limit_get(&limit, count) == PSV_EINVAL);
  CHECK_ERROR("psv_limit_get");
  CHECK(psv_limit_get(NULL, 0) == PSV_EINVAL);

  /* The default from the table is the one enforced: a query of that many bytes (a term
   * padded with spaces) compiles, one byte more does not. */
  bytes = limit_default("max_query_bytes");
  CHECK(bytes > 1);
  query = (char*)malloc((size_t)bytes + 2);
  if (query == NULL) return;
  memset(query, ' ', (size_t)bytes + 1);
  query[0] = 'a';
  query[bytes] = '\0';
  CHECK(psv_rules_from_query(&rules, query) == PSV_OK);
  psv_rules_free(rules);
  rules = NULL;
  query[bytes] = ' ';
  query[bytes + 1] = '\0';
  CHECK(psv_rules_from_query(&rules, query) == PSV_ERULE && rules == NULL);
  CHECK_ERROR("query longer than");
  free(query);
}

static void test_bad_version(void) {
  psv_rule_options o = PSV_RULE_OPTIONS_INIT;
  psv_rules* rules = NULL;
  o.version = 0;
  CHECK(psv_rules_from_query_opts(&rules, "a", &o) == PSV_EINVAL && rules == NULL);
  CHECK_ERROR("psv_rule_options");
  o.version = PSV_RULE_OPTIONS_VERSION + 1;
  CHECK(psv_rules_from_query_opts(&rules, "a", &o) == PSV_EINVAL && rules == NULL);
}

int main(void) {
  test_max_record_bytes();
  test_max_document_bytes();
  test_rule_limits();
  test_limit_table();
  test_bad_version();
  if (failures != 0) {
    fprintf(stderr, "%d check(s) failed\n", failures);
    return 1;
  }
  printf("all C limit checks passed\n");
  return 0;
}
