#!/usr/bin/env python3
"""liaison-mail-gen: N distinct liaison mails from the fixture layouts, for scripts/bench-system.

Usage: liaison-mail-gen.py FIXTURES N MAILDIR

Writes N mails from scripts/mailgen.py (the statement fixtures, in name order, each copy
with its own Message-ID and numbered Subject, so that the store records N statements)
round-robin straight into MAILDIR/new (created with cur/ and tmp/ if missing): much
faster than N IMAP APPENDs, and Dovecot indexes the files on first access.
Prints: layouts=<n> messages=<n> bytes=<n>
"""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts"))
from mailgen import statement_layouts, variant  # noqa: E402


def main():
    if len(sys.argv) != 4:
        print("usage: liaison-mail-gen.py FIXTURES N MAILDIR", file=sys.stderr)
        return 64
    folder, count, maildir = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    chosen = statement_layouts(folder)
    if not chosen:
        print(f"liaison-mail-gen: no statement fixtures in {folder}", file=sys.stderr)
        return 66
    for sub in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(maildir, sub), exist_ok=True)
    total = 0
    for number in range(count):
        layout, raw = chosen[number % len(chosen)]
        message_id = "<bench-%07d.%s@liaisond-bench.invalid>" % (number, layout)
        data = variant(raw, message_id, "bench %07d" % number)
        # Maildir names sort by their time part: Dovecot then gives UIDs in generation order.
        name = "%d.M%07dP%d.liaisonbench" % (1700000000 + number, number, os.getpid())
        with open(os.path.join(maildir, "new", name), "wb") as f:
            f.write(data)
        total += len(data)
    print(f"layouts={len(chosen)} messages={count} bytes={total}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
