/*
 * filter_file FILE RULES [THREADS]: filters a paper dump of any size with a rule file and
 * writes the selected papers as JSON lines to stdout, best first, in bounded memory and on
 * every core (psv_filter_file). Diagnostics go to stderr, the counts last. RULES "-" only
 * reads and counts the file.
 *
 * Build against an installed papersieve with
 *   cc filter_file.c $(pkg-config --cflags --libs papersieve)
 */
#include <inttypes.h>
#include <papersieve.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char* read_all(const char* path, size_t* size) {
  FILE* file = fopen(path, "rb");
  char* text = NULL;
  long length;
  if (file == NULL) return NULL;
  if (fseek(file, 0, SEEK_END) == 0 && (length = ftell(file)) >= 0 &&
      fseek(file, 0, SEEK_SET) == 0 && (text = malloc((size_t)length + 1)) != NULL) {
    *size = fread(text, 1, (size_t)length, file);
  }
  fclose(file);
  return text;
}

/* The output: JSON lines, a MiB or so at a time. Non-zero stops the filter. */
static int write_out(void* context, const char* bytes, size_t size) {
  return fwrite(bytes, 1, size, (FILE*)context) == size ? 0 : 1;
}

static void report(void* context, const psv_diagnostic* d) {
  (void)context;
  fprintf(stderr, "%s:%" PRIu64 ": %s: %s\n", d->source_name, d->line,
          d->severity == PSV_SEVERITY_ERROR ? "error" : "warning", d->message);
}

int main(int argc, char** argv) {
  psv_rules* rules = NULL;
  psv_parse_options parse = PSV_PARSE_OPTIONS_INIT;
  psv_file_filter_options options = PSV_FILE_FILTER_OPTIONS_INIT;
  psv_file_filter_summary summary;
  size_t size = 0;
  char* json;
  int status;

  if (argc < 3 || argc > 4) {
    fprintf(stderr, "usage: %s FILE RULES [THREADS]\n", argv[0]);
    return 2;
  }
  if (strcmp(argv[2], "-") != 0) {
    json = read_all(argv[2], &size);
    if (json == NULL) {
      fprintf(stderr, "filter_file: cannot read %s\n", argv[2]);
      return 2;
    }
    status = psv_rules_from_json(&rules, json, size);
    free(json);
    if (status != PSV_OK) {
      fprintf(stderr, "filter_file: %s\n", psv_error_message());
      return 2;
    }
  }
  parse.threads = argc == 4 ? (size_t)strtoul(argv[3], NULL, 10) : 0;
  options.parse = &parse;
  options.on_diagnostic = report;
  status = psv_filter_file(&summary, rules, argv[1], &options, write_out, stdout);
  psv_rules_free(rules);
  if (status != PSV_OK) {
    fprintf(stderr, "filter_file: %s\n", psv_error_message());
    return 1;
  }
  fprintf(stderr,
          "filter_file: %" PRIu64 " of %" PRIu64 " papers selected, %" PRIu64
          " written (records=%" PRIu64 " duplicates=%" PRIu64 " rejected=%" PRIu64 ")\n",
          summary.selected, summary.stats.papers, summary.written, summary.stats.records,
          summary.stats.duplicates, summary.stats.rejected);
  return 0;
}
