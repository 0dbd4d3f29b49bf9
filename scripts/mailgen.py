"""Distinct liaison mails made from the fixture layouts: the one generator behind
scripts/chaos (scripts/chaos-mails.py) and scripts/bench-system
(benchmarks/liaison-mail-gen.py).

The layouts are the fixtures/mail/*.eml that scripts/make-fixtures.py writes and whose
*.expected.json says kind "statement" (each becomes one statement with its
notification; not the auto-replies, bounces, chair replies or non-liaison mail). Copy n
of a layout gets its own Message-ID and its number in the Subject, so that no two copies
are the same mail for the store's deduplication (raw bytes, or Message-ID and content).
The rest of the mail, attachments and line endings included, is the fixture's, byte for
byte.
"""

import json
import os
import re

FIELD = re.compile(rb"^([!-9;-~]+):", re.ASCII)


def statement_layouts(fixtures):
    """(name, raw bytes) of every statement fixture in `fixtures`, in name order."""
    chosen = []
    for name in sorted(os.listdir(fixtures)):
        if not name.endswith(".eml"):
            continue
        stem = name[: -len(".eml")]
        with open(os.path.join(fixtures, stem + ".expected.json"), encoding="utf-8") as f:
            if json.load(f).get("kind") != "statement":
                continue
        with open(os.path.join(fixtures, name), "rb") as f:
            chosen.append((stem, f.read()))
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


def variant(raw, message_id, tag, extra_fields=()):
    """`raw` with `message_id` (`<left@right>`) as its only Message-ID, `[tag]` at the start
    of its Subject (or a Subject of its own), and `extra_fields` (`Name: value`) added."""
    fields, eol, rest = split_fields(raw)
    label = b" [" + tag.encode("ascii") + b"]"
    out, had_subject = [b"Message-ID: " + message_id.encode("ascii")], False
    for field in fields:
        match = FIELD.match(field)
        name = match.group(1).lower() if match else b""
        if name == b"message-id":
            continue
        if name == b"subject":
            # An ASCII word before any encoded-word keeps RFC 2047 subjects valid.
            field = field[: match.end()] + label + field[match.end() :]
            had_subject = True
        out.append(field)
    if not had_subject:
        out.append(b"Subject:" + label)
    out += [extra.encode("ascii") for extra in extra_fields]
    return eol.join(out) + eol + rest
