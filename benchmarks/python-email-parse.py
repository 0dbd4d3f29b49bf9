#!/usr/bin/env python3
"""python-email-parse: the Python `email` peer of `liaisond parse` in scripts/bench-mime.

Usage: python-email-parse.py REPEAT FILE...

Loads every file first, then parses each REPEAT times with the standard library
(policy.default, as the reference oracle does) and does the same work as the GMime
peer: address headers, subject, date, every leaf decoded through its
Content-Transfer-Encoding, every filename.
Prints: messages=<n> bytes=<n> seconds=<s>
"""
import sys
import time
from email import policy
from email.parser import BytesParser


def parse_one(data, parser):
    checksum = 0
    msg = parser.parsebytes(data)
    for name in ("from", "to", "cc", "reply-to", "subject", "date"):
        try:
            value = msg[name]
            if value is not None:
                checksum += len(str(value))
        except Exception:  # the header parser raises on some hostile values
            pass
    for part in msg.walk():
        if part.is_multipart():
            continue
        payload = part.get_payload(decode=True)
        if payload:
            checksum += len(payload)
        try:
            filename = part.get_filename()
        except Exception:
            filename = None
        if filename:
            checksum += len(filename)
    return checksum


def main():
    if len(sys.argv) < 3:
        print("usage: python-email-parse.py REPEAT FILE...", file=sys.stderr)
        return 64
    repeat = max(1, int(sys.argv[1]))
    blobs = []
    for path in sys.argv[2:]:
        with open(path, "rb") as f:
            blobs.append(f.read())
    parser = BytesParser(policy=policy.default)
    checksum = 0
    start = time.perf_counter()
    for _ in range(repeat):
        for data in blobs:
            try:
                checksum += parse_one(data, parser)
            except Exception:
                pass
    seconds = time.perf_counter() - start
    total = sum(len(b) for b in blobs)
    print(f"messages={repeat * len(blobs)} bytes={total * repeat} seconds={seconds:.6f} checksum={checksum}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
