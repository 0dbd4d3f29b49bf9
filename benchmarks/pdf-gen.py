#!/usr/bin/env python3
"""Writes N liaison-statement-like PDFs (1 to 6 pages of text, Helvetica, some with
compressed content) into DIR, for scripts/bench-pdf. Usage: pdf-gen.py DIR N"""
import os, random, sys, zlib

directory, n = sys.argv[1], int(sys.argv[2])
os.makedirs(directory, exist_ok=True)
rng = random.Random(19)
WORDS = ("liaison statement study group recommendation draft working group comment "
         "deadline information action response protocol security routing network "
         "management transport interface model yang schema certificate").split()


def pdf(objects):
    out = b"%PDF-1.4\n"
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


def page_content(number):
    lines = [f"LIAISON STATEMENT {number}", "Source: ITU-T Study Group 17",
             "Title: LS on " + " ".join(rng.choice(WORDS) for _ in range(6)),
             "For action to: IETF LAMPS WG", "Deadline: 2027-03-01"]
    lines += [" ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 14)))
              for _ in range(rng.randint(20, 45))]
    ops = ["BT /F1 10 Tf 12 TL 50 760 Td"]
    ops += ["(%s) '" % line.replace("(", "").replace(")", "") for line in lines]
    ops.append("ET")
    return "\n".join(ops).encode()


for i in range(n):
    pages = rng.randint(1, 6)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", None,
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for p in range(pages):
        content = page_content(i)
        if rng.random() < 0.5:
            data = zlib.compress(content)
            objects.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream")
        else:
            objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
                       b"/Resources << /Font << /F1 3 0 R >> >> >>" % len(objects))
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids), pages)
    with open(os.path.join(directory, f"generated-{i:04d}.pdf"), "wb") as f:
        f.write(pdf(objects))
