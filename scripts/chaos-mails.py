#!/usr/bin/env python3
"""Writes the mails of scripts/chaos: COUNT distinct liaison mails from the fixture
layouts and, with HOSTILE, a hostile mix interleaved among them at seeded positions.

Usage: chaos-mails.py FIXTURES_DIR OUT_DIR COUNT SEED RUN_TAG [HOSTILE]

HOSTILE is `kind=n,...` with the kinds
  poison-from   a statement from an authenticated `From: a..b@example.org` (DMARC pass by
                the authserv-id `mx.chaos.example`): its acknowledgement cannot be composed
  poison-reply  a statement whose `Send Reply To:` is `a..b@example.org`
  nested        a statement with a ZIP of 40 PDFs nested in it: the extraction budget
                (20 documents a message) leaves the rest "not read: budget"
  bounce        a delivery report (multipart/report) quoting a Message-ID of ours
  huge          a statement of more than 50 MB (the size limit): kept from its header and
                quarantined
The good mails come from scripts/mailgen.py (the statement fixtures, each copy with its
own Message-ID and numbered Subject). Mail n has Message-ID
<chaos-RUN_TAG-n@chaos.invalid> and an X-Chaos-Sequence header. Writes OUT_DIR/n.eml
and prints the manifest, one `n<TAB>message-id<TAB>fixture<TAB>kind` line per mail
(kind `good` or the hostile kind).
"""

import base64
import email
import email.policy
import io
import os
import random
import sys
import zipfile

from mailgen import statement_layouts, variant

AUTHSERV_ID = "mx.chaos.example"
HOSTILE_KINDS = ("poison-from", "poison-reply", "nested", "bounce", "huge")
HUGE_BYTES = 40 * 1024 * 1024  # 53 MiB once in base64: over the 50 MiB limit


def statement(message_id, subject, sender, extra_headers=(), body_fields=(), parts=()):
    """A plain liaison statement mail, CRLF, with `parts` (name, type, bytes) attached."""
    head = [
        "From: %s" % sender,
        "To: liaison-coordination@iab.org",
        "Subject: %s" % subject,
        "Date: Mon, 07 Dec 2026 08:00:00 +0000",
        "Message-ID: %s" % message_id,
        "MIME-Version: 1.0",
    ] + list(extra_headers)
    text = "\r\n".join(
        ["Title: %s" % subject, "From: ITU-T SG15", "To: IETF CCAMP WG",
         "Purpose: For information"] + list(body_fields) + ["", "Please consider.", ""])
    if not parts:
        head.append("Content-Type: text/plain; charset=us-ascii")
        return ("\r\n".join(head) + "\r\n\r\n" + text).encode("ascii")
    boundary = "chaos-boundary-" + "".join(c for c in message_id if c.isalnum())
    head.append('Content-Type: multipart/mixed; boundary="%s"' % boundary)
    out = io.BytesIO()
    out.write(("\r\n".join(head) + "\r\n\r\n").encode("ascii"))
    out.write(("--%s\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n%s\r\n"
               % (boundary, text)).encode("ascii"))
    for name, ctype, data in parts:
        out.write(("--%s\r\nContent-Type: %s; name=\"%s\"\r\nContent-Transfer-Encoding: base64\r\n"
                   "Content-Disposition: attachment; filename=\"%s\"\r\n\r\n"
                   % (boundary, ctype, name, name)).encode("ascii"))
        encoded = base64.b64encode(data)
        for i in range(0, len(encoded), 76):
            out.write(encoded[i:i + 76] + b"\r\n")
    out.write(("--%s--\r\n" % boundary).encode("ascii"))
    return out.getvalue()


def fixture_pdf(fixtures):
    with open(os.path.join(fixtures, "itu-t-pdf-information.eml"), "rb") as f:
        message = email.message_from_binary_file(f, policy=email.policy.default)
    for part in message.walk():
        if part.get_content_type() == "application/pdf":
            return part.get_payload(decode=True)
    sys.exit("chaos-mails: no PDF in itu-t-pdf-information.eml")


def nested_zip(pdf):
    """A ZIP of 40 PDFs: past the per-message budget of 20 documents. (A ZIP inside the
    ZIP would stop at the archive depth limit before any PDF is converted.)"""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for n in range(1, 41):
            z.writestr("annex-%02d.pdf" % n, pdf)
    return out.getvalue()


def hostile(kind, fixtures, message_id, number, rng, cache):
    subject = "LS chaos %s %d" % (kind, number)
    if kind == "poison-from":
        return statement(
            message_id, subject, "Rapporteur <a..b@example.org>",
            ["Authentication-Results: %s; dmarc=pass header.from=example.org" % AUTHSERV_ID])
    if kind == "poison-reply":
        return statement(message_id, subject, "Rapporteur <rapporteur@example.org>",
                         body_fields=["Send Reply To: a..b@example.org"])
    if kind == "nested":
        if "zip" not in cache:
            cache["zip"] = nested_zip(fixture_pdf(fixtures))
        return statement(message_id, subject, "Rapporteur <rapporteur@example.org>",
                         parts=[("LS-annexes.zip", "application/zip", cache["zip"])])
    if kind == "bounce":
        with open(os.path.join(fixtures, "bounce-quotes-own-mail.eml"), "rb") as f:
            return variant(f.read(), message_id, "chaos %d" % number)
    if kind == "huge":
        return statement(message_id, subject, "Rapporteur <rapporteur@example.org>",
                         parts=[("LS-annex.bin", "application/octet-stream",
                                 rng.randbytes(HUGE_BYTES))])
    raise ValueError(kind)


def parse_hostile(spec):
    counts = {}
    for item in filter(None, spec.split(",")):
        kind, _, n = item.partition("=")
        if kind not in HOSTILE_KINDS or not n.isdigit():
            sys.exit("chaos-mails: HOSTILE is kind=n,... with kinds %s" % ", ".join(HOSTILE_KINDS))
        counts[kind] = int(n)
    return counts


def main():
    if len(sys.argv) not in (6, 7):
        sys.exit(__doc__.strip().splitlines()[3])
    fixtures, out_dir, count, seed, tag = sys.argv[1:6]
    counts = parse_hostile(sys.argv[6] if len(sys.argv) == 7 else "")
    chosen = statement_layouts(fixtures)
    if not chosen:
        sys.exit("chaos-mails: no statement fixtures in %s" % fixtures)
    names, layouts = [name for name, _ in chosen], dict(chosen)
    rng = random.Random(seed)
    count = int(count)
    bad = [kind for kind in HOSTILE_KINDS for _ in range(counts.get(kind, 0))]
    total = count + len(bad)
    # Never first nor last: a good mail before and after each bad one.
    positions = sorted(rng.sample(range(2, total), len(bad))) if bad else []
    rng.shuffle(bad)
    kinds = dict(zip(positions, bad))
    os.makedirs(out_dir, exist_ok=True)
    good, cache = 0, {}
    for number in range(1, total + 1):
        message_id = "<chaos-%s-%d@chaos.invalid>" % (tag, number)
        kind = kinds.get(number, "good")
        if kind == "good":
            good += 1
            name = names[(good - 1) % len(names)] if good <= len(names) else rng.choice(names)
            data = variant(layouts[name], message_id, "chaos %d" % number,
                           ["X-Chaos-Sequence: %d" % number])
        else:
            name = kind
            data = hostile(kind, fixtures, message_id, number, rng, cache)
        with open(os.path.join(out_dir, "%d.eml" % number), "wb") as f:
            f.write(data)
        print("%d\t%s\t%s\t%s" % (number, message_id, name, kind))


if __name__ == "__main__":
    main()
