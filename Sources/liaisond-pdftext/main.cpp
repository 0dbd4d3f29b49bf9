// liaisond-pdftext: the PDF text converter that PDFText's PDFWorkerPool keeps running.
//
// Started once and fed many documents, so a PDF costs no process start; a hostile PDF
// still runs in a process of its own, which the daemon kills (and replaces) when it
// overruns, and which the kernel kills when it exceeds its limits.
//
// Protocol on standard input and output (one socket): requests and answers one at a time,
// integers as unsigned 32-bit big-endian.
//   request: max_pages, max_text_bytes, cpu_seconds, length, then `length` bytes of PDF
//   answer:  status (1 byte), length, then `length` bytes
//     status 0: the text (UTF-8, each page ending in a form feed, as pdftotext -layout)
//     status 1: the first max_text_bytes bytes of a longer text
//     status 2: the document could not be read; the bytes say why, for a person
//     status 3: as 2, and the worker ends after this answer
// End of input ends the worker. Anything unexpected (a short request, a failed write,
// memory exhausted) ends it too: the daemon starts a fresh one for the next document.
//
// Usage: liaisond-pdftext [ADDRESS_SPACE_BYTES]
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <string>
#include <vector>

#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <fcntl.h>
#include <unistd.h>

namespace {

constexpr uint32_t maxDocumentBytes = 256u << 20;

bool readExactly(void *buffer, size_t count) {
  auto *bytes = static_cast<char *>(buffer);
  while (count > 0) {
    ssize_t n = read(STDIN_FILENO, bytes, count);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes += n;
    count -= static_cast<size_t>(n);
  }
  return true;
}

bool writeExactly(const void *buffer, size_t count) {
  const auto *bytes = static_cast<const char *>(buffer);
  while (count > 0) {
    ssize_t n = write(STDOUT_FILENO, bytes, count);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes += n;
    count -= static_cast<size_t>(n);
  }
  return true;
}

bool readNumber(uint32_t &value) {
  unsigned char b[4];
  if (!readExactly(b, 4)) return false;
  value = (uint32_t(b[0]) << 24) | (uint32_t(b[1]) << 16) | (uint32_t(b[2]) << 8) | b[3];
  return true;
}

bool answer(unsigned char status, const char *bytes, size_t count) {
  unsigned char header[5] = {status, static_cast<unsigned char>(count >> 24),
                             static_cast<unsigned char>(count >> 16),
                             static_cast<unsigned char>(count >> 8),
                             static_cast<unsigned char>(count)};
  return writeExactly(header, 5) && writeExactly(bytes, count);
}

bool answer(unsigned char status, const std::string &text) {
  return answer(status, text.data(), text.size());
}

void quiet(const std::string &, void *) {}

// poppler's own allocator (goo/gmem) calls abort() when an allocation fails, where
// `new` would throw bad_alloc: under the address-space limit that is the memory running
// out, and is said as such rather than as a bare signal. Only write() and _exit() here:
// both are safe in a signal handler.
void aborted(int) {
  static const char reason[] =
      "the PDF needs more memory than its converter may use; poppler aborted";
  answer(3, reason, sizeof reason - 1);
  _exit(1);
}

void limit(int resource, rlim_t value) {
  struct rlimit r = {value, value};
  setrlimit(resource, &r);
}

// The CPU a document may use: the soft limit sends SIGXCPU (which kills) once this
// process has used `seconds` more than it has so far.
void limitCPU(uint32_t seconds) {
  struct rusage usage;
  if (getrusage(RUSAGE_SELF, &usage) != 0) return;
  rlim_t used = static_cast<rlim_t>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec);
  struct rlimit r;
  if (getrlimit(RLIMIT_CPU, &r) != 0) return;
  rlim_t soft = used + seconds + 1;
  if (r.rlim_max != RLIM_INFINITY && soft > r.rlim_max) soft = r.rlim_max;
  r.rlim_cur = soft;
  setrlimit(RLIMIT_CPU, &r);
}

// A document has no business writing files, opening sockets, starting programs or
// processes: those calls fail with EPERM. Files may still be opened to read, since
// poppler reads its encoding tables (poppler-data) when a document first needs them. A
// deny list, not an allow list, so a libc or poppler update that uses another harmless
// call does not kill every conversion.
void denyEscapes() {
#if defined(__x86_64__) || defined(__aarch64__)
  static const uint32_t denied[] = {
#ifdef __NR_open
    __NR_open,
#endif
#ifdef __NR_fork
    __NR_fork, __NR_vfork,
#endif
#ifdef __NR_clone3
    __NR_clone3,
#endif
#ifdef __NR_openat2
    __NR_openat2,
#endif
    __NR_socket, __NR_socketpair, __NR_connect, __NR_bind, __NR_listen, __NR_accept4,
    __NR_execve, __NR_execveat, __NR_clone, __NR_ptrace, __NR_kill, __NR_tkill,
  };
  const uint32_t refuse = SECCOMP_RET_ERRNO | (EPERM & SECCOMP_RET_DATA);
  const uint32_t writing = O_WRONLY | O_RDWR | O_CREAT | O_TRUNC | O_APPEND;
  std::vector<sock_filter> program;
  program.push_back(BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, arch)));
#if defined(__x86_64__)
  program.push_back(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0));
#else
  program.push_back(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_AARCH64, 1, 0));
#endif
  program.push_back(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS));
  program.push_back(BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, nr)));
  for (uint32_t call : denied) {
    program.push_back(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, call, 0, 1));
    program.push_back(BPF_STMT(BPF_RET | BPF_K, refuse));
  }
  // openat(dir, path, flags): refused when the flags would write or create.
  program.push_back(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_openat, 0, 3));
  program.push_back(BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, args[2])));
  program.push_back(BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, writing, 0, 1));
  program.push_back(BPF_STMT(BPF_RET | BPF_K, refuse));
  program.push_back(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW));
  sock_fprog filter = {static_cast<unsigned short>(program.size()), program.data()};
  prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
  prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &filter);
#endif
}

// One document: its text, or why there is none.
bool convert(const std::vector<char> &pdf, uint32_t maxPages, uint32_t maxTextBytes) {
  std::unique_ptr<poppler::document> document(
      poppler::document::load_from_raw_data(pdf.data(), static_cast<int>(pdf.size())));
  if (!document) return answer(2, "poppler could not open it: damaged, or not a PDF");
  if (document->is_locked()) return answer(2, "the PDF is encrypted and needs a password");
  std::string text;
  int pages = document->pages();
  if (maxPages > 0 && pages > static_cast<int>(maxPages)) pages = static_cast<int>(maxPages);
  for (int index = 0; index < pages; index++) {
    std::unique_ptr<poppler::page> page(document->create_page(index));
    if (page) {
      poppler::byte_array bytes =
          page->text(poppler::rectf(), poppler::page::physical_layout).to_utf8();
      text.append(bytes.data(), bytes.size());
    }
    if (text.size() > maxTextBytes) return answer(1, text.data(), maxTextBytes);
  }
  return answer(0, text);
}

}  // namespace

int main(int argc, char **argv) {
  // No PR_SET_PDEATHSIG: it fires when the daemon *thread* that started this process
  // ends, and the daemon's threads come and go. When the daemon dies, its end of the
  // socket closes and the read below ends this process; a document in hand ends at its
  // CPU limit.
  signal(SIGPIPE, SIG_IGN);
  poppler::set_debug_error_function(quiet, nullptr);

  if (argc > 1) {
    char *end = nullptr;
    unsigned long long bytes = std::strtoull(argv[1], &end, 10);
    if (end && *end == '\0' && bytes > 0) {
      limit(RLIMIT_AS, static_cast<rlim_t>(bytes));
      signal(SIGABRT, aborted);
    }
  }
  limit(RLIMIT_CORE, 0);
  limit(RLIMIT_FSIZE, 0);
  limit(RLIMIT_NPROC, 0);
  // Its socket, and a few encoding tables at a time.
  limit(RLIMIT_NOFILE, 16);
  denyEscapes();

  for (;;) {
    uint32_t maxPages, maxTextBytes, cpuSeconds, length;
    if (!readNumber(maxPages)) return 0;
    if (!readNumber(maxTextBytes) || !readNumber(cpuSeconds) || !readNumber(length)) return 1;
    if (length > maxDocumentBytes) return 1;
    std::vector<char> pdf(length);
    if (!readExactly(pdf.data(), length)) return 1;
    if (cpuSeconds > 0) limitCPU(cpuSeconds);
    try {
      if (!convert(pdf, maxPages, maxTextBytes)) return 1;
    } catch (const std::bad_alloc &) {
      // The address-space limit: this worker's heap is in no state to go on.
      answer(3, "the PDF needs more memory than its converter may use");
      return 1;
    }
  }
}
