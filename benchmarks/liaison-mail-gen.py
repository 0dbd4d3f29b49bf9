#!/usr/bin/env python3
"""liaison-mail-gen: N distinct liaison mails from the fixture layouts, for scripts/bench-system.

Usage: liaison-mail-gen.py FIXTURES N MAILDIR

Takes every fixtures/mail/*.eml whose *.expected.json says kind "statement" (the liaison
statements; not the auto-replies, bounces, chair replies or non-liaison mail), in name
order, and writes N mails round-robin over them straight into MAILDIR/new (created with
cur/ and tmp/ if missing): much faster than N IMAP APPENDs, and Dovecot indexes the files
on first access. Each copy gets its own Message-ID and a numbered Subject, so that the
store records N statements (not N - 43 duplicates). The rest of the mail, attachments
included, is the fixture's, byte for byte (line endings kept).
Prints: layouts=<n> messages=<n> bytes=<n>
"""

import json
import os
import re
import sys

FIELD = re.compile(rb"^([!-9;-~]+):", re.ASCII)


def layouts(folder):
    chosen = []
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".eml"):
            continue
        expected = os.path.join(folder, name[: -len(".eml")] + ".expected.json")
        with open(expected, encoding="utf-8") as f:
            if json.load(f).get("kind") != "statement":
                continue
        with open(os.path.join(folder, name), "rb") as f:
            chosen.append((name[: -len(".eml")], f.read()))
    return chosen


def split_fields(raw):
    """The header as a list of fields (each with its continuation lines), the line ending,
    and the rest of the message from the blank line on."""
    eol = b"\r\n" if b"\r\n" in raw[:2000] else b"\n"
    end = raw.find(eol + eol)
    if end < 0:
        return [], eol, raw
    head, rest = raw[: end + len(eol)], raw[end + len(eol) :]
    fields = []
    for line in head.split(eol)[:-1]:
        if fields and line[:1] in (b" ", b"\t"):
            fields[-1] += eol + line
        else:
            fields.append(line)
    return fields, eol, rest


def variant(layout, raw, number):
    fields, eol, rest = split_fields(raw)
    message_id = b"Message-ID: <bench-%07d.%s@liaisond-bench.invalid>" % (number, layout.encode())
    out, had_subject = [message_id], False
    for field in fields:
        match = FIELD.match(field)
        name = match.group(1).lower() if match else b""
        if name == b"message-id":
            continue
        if name == b"subject":
            # An ASCII word before any encoded-word keeps RFC 2047 subjects valid.
            field = field[: match.end()] + b" [bench %07d]" % number + field[match.end() :]
            had_subject = True
        out.append(field)
    if not had_subject:
        out.append(b"Subject: [bench %07d]" % number)
    return eol.join(out) + eol + rest


def main():
    if len(sys.argv) != 4:
        print("usage: liaison-mail-gen.py FIXTURES N MAILDIR", file=sys.stderr)
        return 64
    folder, count, maildir = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    chosen = layouts(folder)
    if not chosen:
        print(f"liaison-mail-gen: no statement fixtures in {folder}", file=sys.stderr)
        return 66
    for sub in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(maildir, sub), exist_ok=True)
    total = 0
    for number in range(count):
        layout, raw = chosen[number % len(chosen)]
        data = variant(layout, raw, number)
        # Maildir names sort by their time part: Dovecot then gives UIDs in generation order.
        name = "%d.M%07dP%d.liaisonbench" % (1700000000 + number, number, os.getpid())
        with open(os.path.join(maildir, "new", name), "wb") as f:
            f.write(data)
        total += len(data)
    print(f"layouts={len(chosen)} messages={count} bytes={total}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
