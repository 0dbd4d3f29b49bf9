#!/usr/bin/env python3
"""PDF text conversion: a process per document (pdftotext under prlimit, as liaisond did,
and still does when liaisond-pdftext is not installed) against liaisond-pdftext kept
running, over the same protocol PDFText's PDFWorker speaks.

Usage: pdf-convert.py WORKER ROUNDS DIR [DIR...]
Prints, per directory of PDFs: documents, ms per document both ways, the ratio, and
whether every text was the same; then the worker with 2 conversions at once.
"""
import os, socket, struct, subprocess, sys, tempfile, threading, time

worker_path, rounds, dirs = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
MEMORY = 1 << 30
ARGS = ["-q", "-enc", "UTF-8", "-layout", "-l", "200"]


def per_process(data):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        r = subprocess.run(["/usr/bin/prlimit", f"--as={MEMORY}", "--", "/usr/bin/pdftotext",
                            *ARGS, f.name, "-"], capture_output=True, timeout=30)
        return r.stdout if r.returncode == 0 else None


class Worker:
    def __init__(self):
        self.sock, theirs = socket.socketpair()
        self.proc = subprocess.Popen([worker_path, str(MEMORY)], stdin=theirs, stdout=theirs,
                                     stderr=subprocess.DEVNULL)
        theirs.close()

    def recv(self, n):
        buf = bytearray()
        while len(buf) < n:
            chunk = self.sock.recv(n - len(buf))
            if not chunk:
                raise EOFError("worker died")
            buf += chunk
        return bytes(buf)

    def convert(self, data):
        self.sock.sendall(struct.pack(">IIII", 200, 1 << 20, 10, len(data)) + data)
        status, length = struct.unpack(">BI", self.recv(5))
        text = self.recv(length)
        return text if status in (0, 1) else None

    def close(self):
        self.sock.close()
        self.proc.wait()


def load(directory):
    docs = {}
    for name in sorted(os.listdir(directory)):
        with open(os.path.join(directory, name), "rb") as f:
            docs.setdefault(f.read(), name)  # distinct documents only
    return list(docs)


for directory in dirs:
    docs = load(directory)
    if not docs:
        continue
    # Warm both (page cache, the worker's first start is counted apart).
    start = time.perf_counter()
    worker = Worker()
    first = worker.convert(docs[0])
    startup = time.perf_counter() - start
    per_process(docs[0])

    same = sum(1 for d in docs if per_process(d) == worker.convert(d))

    t = time.perf_counter()
    for _ in range(rounds):
        for d in docs:
            per_process(d)
    spawn = (time.perf_counter() - t) / (rounds * len(docs))

    t = time.perf_counter()
    for _ in range(rounds):
        for d in docs:
            worker.convert(d)
    kept = (time.perf_counter() - t) / (rounds * len(docs))
    worker.close()

    # Two converters, two threads: the pool's default concurrency.
    pair = [Worker(), Worker()]
    t = time.perf_counter()
    threads = [threading.Thread(target=lambda w=w, i=i: [w.convert(d) for _ in range(rounds)
                                                          for d in docs[i::2]])
               for i, w in enumerate(pair)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    both = (time.perf_counter() - t) / (rounds * len(docs))
    for w in pair:
        w.close()

    print(f"{directory}: {len(docs)} distinct PDFs x {rounds} rounds; "
          f"worker start {startup * 1000:.1f} ms (with its first PDF)")
    print(f"  pdftotext per document: {spawn * 1000:8.2f} ms/PDF")
    print(f"  liaisond-pdftext kept:  {kept * 1000:8.2f} ms/PDF  ({spawn / kept:.1f}x faster)")
    print(f"  2 workers at once:      {both * 1000:8.2f} ms/PDF  ({spawn / both:.1f}x faster)")
    print(f"  same text (or both refused): {same}/{len(docs)}")
