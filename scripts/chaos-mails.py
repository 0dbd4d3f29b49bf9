#!/usr/bin/env python3
"""Writes COUNT distinct liaison mails for scripts/chaos from the fixture layouts.

Usage: chaos-mails.py FIXTURES_DIR OUT_DIR COUNT SEED RUN_TAG

Only the fixtures whose expected `kind` is `statement` are used (each must become one
statement with its notification). Copy n of a layout gets its own Message-ID
(<chaos-RUN_TAG-n@chaos.invalid>), its number in the Subject when the Subject is one
plain line, and an X-Chaos-Sequence header, so that no two copies are the same mail for
the store's deduplication (raw bytes, or Message-ID and content). Writes OUT_DIR/n.eml
and prints the manifest, one `n<TAB>message-id<TAB>fixture` line per mail.
"""

import json
import os
import random
import re
import sys


def layouts(fixtures):
    names = []
    for name in sorted(os.listdir(fixtures)):
        if not name.endswith(".expected.json"):
            continue
        with open(os.path.join(fixtures, name), encoding="utf-8") as f:
            if json.load(f).get("kind") == "statement":
                names.append(name[: -len(".expected.json")])
    if not names:
        sys.exit("chaos-mails: no statement fixtures in %s" % fixtures)
    return names


def rewrite(raw, number, message_id):
    cut = raw.find(b"\r\n\r\n")
    if cut < 0:
        sys.exit("chaos-mails: a fixture without a header/body separator")
    header, body = raw[:cut].split(b"\r\n"), raw[cut:]
    out, skipping = [], False
    for line in header:
        if skipping and line[:1] in (b" ", b"\t"):
            continue  # a folded continuation of the replaced Message-ID
        skipping = False
        if re.match(rb"(?i)message-id:", line):
            skipping = True
            continue
        if re.match(rb"(?i)subject:", line) and b"=?" not in line:
            line += b" [chaos %d]" % number
        out.append(line)
    out.append(b"Message-ID: " + message_id.encode("ascii"))
    out.append(b"X-Chaos-Sequence: %d" % number)
    return b"\r\n".join(out) + body


def main():
    if len(sys.argv) != 6:
        sys.exit(__doc__.strip().splitlines()[2])
    fixtures, out_dir, count, seed, tag = sys.argv[1:]
    names = layouts(fixtures)
    rng = random.Random(seed)
    os.makedirs(out_dir, exist_ok=True)
    cache = {}
    for number in range(1, int(count) + 1):
        name = names[(number - 1) % len(names)] if number <= len(names) else rng.choice(names)
        if name not in cache:
            with open(os.path.join(fixtures, name + ".eml"), "rb") as f:
                cache[name] = f.read()
        message_id = "<chaos-%s-%d@chaos.invalid>" % (tag, number)
        with open(os.path.join(out_dir, "%d.eml" % number), "wb") as f:
            f.write(rewrite(cache[name], number, message_id))
        print("%d\t%s\t%s" % (number, message_id, name))


if __name__ == "__main__":
    main()
