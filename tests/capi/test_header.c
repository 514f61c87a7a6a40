/*
 * papersieve.h on its own: it must compile as strict C99 (-std=c99 -pedantic
 * -Werror), need no other include, and survive being included twice.
 */
/* Off: clang-format would drop the second include. */
/* clang-format off */
#include <papersieve.h>
#include <papersieve.h>
/* clang-format on */

/* C99 has no static_assert: an array of negative size fails the build instead. */
#define PSV_TEST_STATIC_CHECK(name, condition) typedef char name[(condition) ? 1 : -1]

PSV_TEST_STATIC_CHECK(ok_is_zero, PSV_OK == 0);
PSV_TEST_STATIC_CHECK(errors_are_negative, PSV_EINVAL < 0 && PSV_EINTERNAL == -8);
PSV_TEST_STATIC_CHECK(none_is_not_an_error, PSV_NONE > 0);
PSV_TEST_STATIC_CHECK(version_number_adds_up,
                      PSV_VERSION_NUMBER ==
                          PSV_VERSION_MAJOR * 10000 + PSV_VERSION_MINOR * 100 + PSV_VERSION_PATCH);
PSV_TEST_STATIC_CHECK(link_kinds_pinned, PSV_LINK_CODE == 0 && PSV_LINK_OTHER == 4);
PSV_TEST_STATIC_CHECK(fields_pinned, PSV_FIELD_ID == 0 && PSV_FIELD_SUBMITTER == 6);
PSV_TEST_STATIC_CHECK(fixed_width_counts, sizeof(((psv_stats*)0)->records) == 8);

int main(void) {
  /* The initializer macro must compile as a C99 initializer. */
  psv_parse_options options = PSV_PARSE_OPTIONS_INIT;
  return options.version == PSV_PARSE_OPTIONS_VERSION && options.format == NULL ? 0 : 1;
}
