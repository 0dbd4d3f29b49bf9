// zlib from the system (Debian: zlib1g-dev), for the web record's gzip of cached pages.
#include <zlib.h>

// deflateInit2 is a macro over deflateInit2_, which Swift cannot call: this wraps it.
static inline int cgzip_init(z_stream *stream, int level) {
  return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}
