/*
 * papersieve.h on its own: it must compile as strict C99 (-std=c99 -pedantic
 * -Werror) and as C++ (this same file is built a second time as C++), need no
 * other include, and survive being included twice. The checks pin the values
 * the ABI promises never to change.
 */
/* Off: clang-format would drop the second include. */
/* clang-format off */
#include <papersieve.h>
#include <papersieve.h>
/* clang-format on */

/* C99 has no static_assert: an array of negative size fails the build instead. */
#define PSV_TEST_STATIC_CHECK(name, condition) typedef char name[(condition) ? 1 : -1]

PSV_TEST_STATIC_CHECK(ok_is_zero, PSV_OK == 0);
PSV_TEST_STATIC_CHECK(none_is_not_an_error, PSV_NONE == 1);
PSV_TEST_STATIC_CHECK(error_codes_pinned, PSV_EINVAL == -1 && PSV_EIO == -2 && PSV_EPARSE == -3 &&
                                              PSV_ERULE == -4 && PSV_ELIMIT == -5 &&
                                              PSV_EUNSUPPORTED == -6 && PSV_ENOMEM == -7 &&
                                              PSV_EINTERNAL == -8);
PSV_TEST_STATIC_CHECK(version_number_adds_up,
                      PSV_VERSION_NUMBER ==
                          PSV_VERSION_MAJOR * 10000 + PSV_VERSION_MINOR * 100 + PSV_VERSION_PATCH);
PSV_TEST_STATIC_CHECK(severities_pinned, PSV_SEVERITY_WARNING == 0 && PSV_SEVERITY_ERROR == 1);
PSV_TEST_STATIC_CHECK(link_kinds_pinned, PSV_LINK_CODE == 0 && PSV_LINK_PROJECT == 1 &&
                                             PSV_LINK_DATA == 2 && PSV_LINK_PAPER == 3 &&
                                             PSV_LINK_OTHER == 4);
PSV_TEST_STATIC_CHECK(fields_pinned, PSV_FIELD_ID == 0 && PSV_FIELD_ARXIV_ID == 1 &&
                                         PSV_FIELD_TITLE == 2 && PSV_FIELD_ABSTRACT == 3 &&
                                         PSV_FIELD_SHORT_NAME == 4 && PSV_FIELD_PUBLISHED == 5 &&
                                         PSV_FIELD_SUBMITTER == 6);
PSV_TEST_STATIC_CHECK(match_fields_pinned, PSV_MATCH_TITLE == 0 && PSV_MATCH_ABSTRACT == 1 &&
                                               PSV_MATCH_TEXT == 2 && PSV_MATCH_AUTHORS == 3 &&
                                               PSV_MATCH_ID == 4 && PSV_MATCH_CATEGORY == 5 &&
                                               PSV_MATCH_LINK == 6);
PSV_TEST_STATIC_CHECK(option_versions, PSV_PARSE_OPTIONS_VERSION == 3 &&
                                           PSV_FILTER_OPTIONS_VERSION == 3 &&
                                           PSV_RULE_OPTIONS_VERSION == 2);
PSV_TEST_STATIC_CHECK(fixed_width_counts, sizeof(((psv_stats*)0)->records) == 8);
PSV_TEST_STATIC_CHECK(version_leads_options,
                      sizeof(((psv_parse_options*)0)->version) == sizeof(unsigned) &&
                          sizeof(((psv_filter_options*)0)->version) == sizeof(unsigned) &&
                          sizeof(((psv_rule_options*)0)->version) == sizeof(unsigned));

int main(void) {
  /* The initializer macros must compile as C99 (and C++) initializers. */
  psv_parse_options parse = PSV_PARSE_OPTIONS_INIT;
  psv_filter_options filter = PSV_FILTER_OPTIONS_INIT;
  psv_rule_options limits = PSV_RULE_OPTIONS_INIT;
  /* Every opaque handle type is declared (pointers to them compile). */
  psv_corpus* corpus = NULL;
  const psv_paper* paper = NULL;
  psv_stream* stream = NULL;
  psv_rules* rules = NULL;
  psv_problems* problems = NULL;
  psv_results* results = NULL;
  const psv_hit* hit = NULL;
  int ok = parse.version == PSV_PARSE_OPTIONS_VERSION && parse.format == NULL &&
           parse.source_name == NULL && parse.threads == 0 && parse.max_record_bytes == 0 &&
           parse.max_document_bytes == 0 && limits.version == PSV_RULE_OPTIONS_VERSION &&
           limits.max_rules == 0 && limits.regex_max_mem == 0 &&
           filter.version == PSV_FILTER_OPTIONS_VERSION && filter.top == 0 && filter.threads == 0;
  ok = ok && corpus == NULL && paper == NULL && stream == NULL && rules == NULL &&
       problems == NULL && results == NULL && hit == NULL;
  return ok ? 0 : 1;
}
