/*
 * gmime-parse: the GMime peer of `liaisond parse` in scripts/bench-mime.
 *
 * Usage: gmime-parse REPEAT FILE...
 *
 * Loads every FILE into memory first (I/O is not what is measured), then parses
 * each one REPEAT times and does what liaisond's summary does with it: walks every
 * entity, reads the address headers, decodes every leaf body through its
 * Content-Transfer-Encoding and hashes nothing (GMime has no hash; the checksum
 * below only keeps the work from being optimised away).
 * Prints: messages=<n> bytes=<n> seconds=<s>
 */
#include <gmime/gmime.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct {
  unsigned char *data;
  size_t len;
} Blob;

static unsigned long checksum;

static void visit(GMimeObject *parent, GMimeObject *part, gpointer user_data) {
  (void)parent;
  (void)user_data;
  if (GMIME_IS_MESSAGE_PART(part)) return; /* its message is visited by the walk */
  if (GMIME_IS_PART(part)) {
    GMimeDataWrapper *content = g_mime_part_get_content(GMIME_PART(part));
    if (!content) return;
    GByteArray *decoded = g_byte_array_new();
    GMimeStream *sink = g_mime_stream_mem_new_with_byte_array(decoded);
    g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(sink), FALSE);
    g_mime_data_wrapper_write_to_stream(content, sink);
    checksum += decoded->len;
    g_object_unref(sink);
    g_byte_array_free(decoded, TRUE);
  }
  const char *filename = g_mime_object_get_content_disposition_parameter(part, "filename");
  if (filename) checksum += strlen(filename);
}

static void parse_one(const Blob *blob) {
  GMimeStream *stream = g_mime_stream_mem_new_with_buffer((const char *)blob->data, blob->len);
  GMimeParser *parser = g_mime_parser_new_with_stream(stream);
  g_mime_parser_set_format(parser, GMIME_FORMAT_MESSAGE);
  GMimeMessage *message = g_mime_parser_construct_message(parser, NULL);
  if (message) {
    InternetAddressList *lists[] = {
      g_mime_message_get_from(message), g_mime_message_get_to(message),
      g_mime_message_get_cc(message), g_mime_message_get_reply_to(message)};
    for (size_t i = 0; i < 4; i++)
      if (lists[i]) checksum += (unsigned long)internet_address_list_length(lists[i]);
    const char *subject = g_mime_message_get_subject(message);
    if (subject) checksum += strlen(subject);
    if (g_mime_message_get_date(message)) checksum++;
    g_mime_message_foreach(message, visit, NULL);
    g_object_unref(message);
  }
  g_object_unref(parser);
  g_object_unref(stream);
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: gmime-parse REPEAT FILE...\n");
    return 64;
  }
  long repeat = strtol(argv[1], NULL, 10);
  if (repeat < 1) repeat = 1;
  int count = argc - 2;
  Blob *blobs = calloc((size_t)count, sizeof(Blob));
  size_t total = 0;
  for (int i = 0; i < count; i++) {
    FILE *f = fopen(argv[i + 2], "rb");
    if (!f) {
      fprintf(stderr, "gmime-parse: cannot read %s\n", argv[i + 2]);
      return 65;
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    blobs[i].data = malloc((size_t)n + 1);
    blobs[i].len = fread(blobs[i].data, 1, (size_t)n, f);
    fclose(f);
    total += blobs[i].len;
  }

  g_mime_init();
  struct timespec start, end;
  clock_gettime(CLOCK_MONOTONIC, &start);
  for (long r = 0; r < repeat; r++)
    for (int i = 0; i < count; i++) parse_one(&blobs[i]);
  clock_gettime(CLOCK_MONOTONIC, &end);
  g_mime_shutdown();

  double seconds = (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9;
  printf("messages=%ld bytes=%zu seconds=%.6f checksum=%lu\n", repeat * count, total * (size_t)repeat,
         seconds, checksum);
  return 0;
}
