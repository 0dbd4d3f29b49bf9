#!/usr/bin/env python3
"""DKIM on the mail bench: sign as a sender's server would, verify as a receiving MTA
would (dkimpy's real verifier), and record the outcome in an Authentication-Results
field, removing any field that claims the same authserv-id (RFC 8601 section 5).

Keys live in DIR, never in DNS: the verifier's DNS lookups are answered from DIR, so
nothing leaves the machine.

Usage (through `scripts/mailbench dkim VERB ...`, which provides the venv):
  dkim.py keygen DIR SELECTOR DOMAIN         RSA-2048 key pair; prints the DNS TXT record
  dkim.py sign DIR FILE                      FILE signed with its From domain's key -> stdout
  dkim.py receive DIR FILE AUTHSERV_ID       verify FILE's signature, prepend the result -> stdout
  dkim.py deliver DIR FILE AUTHSERV_ID       sign, then receive -> stdout
"""
import base64
import os
import re
import subprocess
import sys

# This file is itself named dkim.py: take its folder off the path so that `import dkim`
# finds dkimpy, not this script.
_here = os.path.dirname(os.path.abspath(__file__))
sys.path = [p for p in sys.path if os.path.abspath(p or os.curdir) != _here]
import dkim  # noqa: E402  (dkimpy)


def die(message):
    sys.stderr.write("mailbench dkim: %s\n" % message)
    sys.exit(1)


def crlf(data):
    return re.sub(rb"\r?\n", b"\r\n", data)


def split(message):
    """(header fields as raw bytes each with their CRLFs, body with the blank line)."""
    end = message.find(b"\r\n\r\n")
    head, body = (message, b"") if end < 0 else (message[: end + 2], message[end + 2 :])
    fields = []
    for line in head.split(b"\r\n")[:-1] if head.endswith(b"\r\n") else head.split(b"\r\n"):
        if line[:1] in (b" ", b"\t") and fields:
            fields[-1] += line + b"\r\n"
        else:
            fields.append(line + b"\r\n")
    return fields, body


def field_name(field):
    return field.split(b":", 1)[0].strip().lower()


def from_domain(fields):
    for field in fields:
        if field_name(field) == b"from":
            value = field.split(b":", 1)[1]
            match = re.search(rb"@([A-Za-z0-9.-]+)", value)
            if match:
                return match.group(1).decode().lower().rstrip(".")
    die("the message has no From address with a domain")


def key_dir(directory, domain):
    return os.path.join(directory, domain.lower())


def keygen(directory, selector, domain):
    where = key_dir(directory, domain)
    os.makedirs(where, exist_ok=True)
    private = os.path.join(where, selector + ".private")
    subprocess.run(
        ["openssl", "genrsa", "-traditional", "-out", private, "2048"],
        check=True, stderr=subprocess.DEVNULL)
    der = subprocess.run(
        ["openssl", "rsa", "-in", private, "-pubout", "-outform", "DER"],
        check=True, capture_output=True).stdout
    record = "v=DKIM1; k=rsa; p=" + base64.b64encode(der).decode()
    with open(os.path.join(where, selector + ".txt"), "w") as f:
        f.write(record)
    with open(os.path.join(where, "selector"), "w") as f:
        f.write(selector)
    print("%s._domainkey.%s. IN TXT \"%s\"" % (selector, domain, record))


def sign(directory, message):
    fields, _ = split(message)
    domain = from_domain(fields)
    where = key_dir(directory, domain)
    try:
        selector = open(os.path.join(where, "selector")).read().strip()
        private = open(os.path.join(where, selector + ".private"), "rb").read()
    except OSError:
        die("no key for %s in %s; run: scripts/mailbench dkim keygen %s SELECTOR %s"
            % (domain, directory, directory, domain))
    signature = dkim.sign(
        message, selector.encode(), domain.encode(), private,
        include_headers=[b"from", b"to", b"cc", b"subject", b"date", b"message-id"])
    return signature + message


def dns_from(directory):
    def lookup(name, timeout=5):
        name = name.decode() if isinstance(name, bytes) else name
        match = re.match(r"^([^.]+)\._domainkey\.(.+?)\.?$", name)
        if not match:
            return None
        path = os.path.join(key_dir(directory, match.group(2)), match.group(1) + ".txt")
        try:
            return open(path, "rb").read()
        except OSError:
            return None
    return lookup


def authserv_id_of(field):
    value = field.split(b":", 1)[1]
    value = re.sub(rb"\s+", b" ", value)
    while True:  # leading comments
        stripped = re.sub(rb"^\s*\([^()]*\)", b"", value)
        if stripped == value:
            break
        value = stripped
    match = re.match(rb"\s*\"?([^\s;\"]+)", value)
    return match.group(1).lower() if match else b""


def receive(directory, message, authserv_id):
    fields, body = split(message)
    verifier = dkim.DKIM(message)
    has_signature = any(field_name(f) == b"dkim-signature" for f in fields)
    if not has_signature:
        result = "dkim=none"
    else:
        try:
            ok = verifier.verify(dnsfunc=dns_from(directory))
        except dkim.DKIMException as error:
            ok = False
            sys.stderr.write("mailbench dkim: verification error: %s\n" % error)
        domain = (verifier.domain or b"").decode() or "unknown"
        selector = (verifier.selector or b"").decode()
        if ok:
            result = "dkim=pass header.d=%s header.s=%s" % (domain, selector)
        else:
            result = 'dkim=fail reason="signature verification failed" header.d=%s header.s=%s' % (
                domain, selector)
    kept = [
        f for f in fields
        if not (field_name(f) == b"authentication-results"
                and authserv_id_of(f) == authserv_id.lower().encode())
    ]
    added = ("Authentication-Results: %s;\r\n\t%s\r\n" % (authserv_id, result)).encode()
    return added + b"".join(kept) + body


def read(path):
    try:
        return crlf(open(path, "rb").read())
    except OSError as error:
        die("%s: %s" % (path, error.strerror))


def main(argv):
    if len(argv) == 4 and argv[0] == "keygen":
        keygen(argv[1], argv[2], argv[3])
    elif len(argv) == 3 and argv[0] == "sign":
        sys.stdout.buffer.write(sign(argv[1], read(argv[2])))
    elif len(argv) == 4 and argv[0] == "receive":
        sys.stdout.buffer.write(receive(argv[1], read(argv[2]), argv[3]))
    elif len(argv) == 4 and argv[0] == "deliver":
        signed = sign(argv[1], read(argv[2]))
        sys.stdout.buffer.write(receive(argv[1], signed, argv[3]))
    else:
        sys.stderr.write(__doc__)
        sys.exit(64)


if __name__ == "__main__":
    main(sys.argv[1:])
