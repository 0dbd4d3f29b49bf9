"""The SMTP server of scripts/mailbench: aiosmtpd writing every message to a Maildir.

Each accepted message is written atomically (tmp/ then rename into new/) with the
envelope prepended as `X-Envelope-From:` and one `X-Envelope-To:` line per recipient,
so tests can count what each recipient got. A recipient listed in the file named by
--fail-file (one address a line, re-read at every RCPT) is refused with 550.
"""

import argparse
import asyncio
import os
import signal
import ssl
import time
import uuid

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class MaildirHandler:
    def __init__(self, maildir, fail_file):
        self.maildir = maildir
        self.fail_file = fail_file
        for sub in ("tmp", "new", "cur"):
            os.makedirs(os.path.join(maildir, sub), exist_ok=True)

    def failing(self):
        try:
            with open(self.fail_file, encoding="utf-8") as f:
                return {line.strip().lower() for line in f if line.strip()}
        except FileNotFoundError:
            return set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.failing():
            return "550 5.1.1 <%s>: recipient refused by mailbench smtp-fail" % address
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        lines = ["X-Envelope-From: <%s>" % envelope.mail_from]
        lines += ["X-Envelope-To: <%s>" % r for r in envelope.rcpt_tos]
        data = envelope.original_content or envelope.content
        if isinstance(data, str):
            data = data.encode("utf-8", "surrogateescape")
        blob = ("\r\n".join(lines) + "\r\n").encode("ascii") + data
        name = "%d.%s.mailbench" % (time.time_ns(), uuid.uuid4().hex)
        tmp = os.path.join(self.maildir, "tmp", name)
        with open(tmp, "wb") as f:
            f.write(blob)
            f.flush()
            os.fsync(f.fileno())
        os.rename(tmp, os.path.join(self.maildir, "new", name))
        return "250 2.0.0 OK queued as %s" % name


def authenticator_for(user, password):
    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login.decode() == user
            and auth_data.password.decode() == password
        )
        return AuthResult(success=ok)

    return authenticate


async def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--tls-port", type=int, required=True)
    p.add_argument("--cert", required=True)
    p.add_argument("--key", required=True)
    p.add_argument("--maildir", required=True)
    p.add_argument("--fail-file", required=True)
    p.add_argument("--user", required=True)
    p.add_argument("--password", required=True)
    a = p.parse_args()

    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(a.cert, a.key)
    handler = MaildirHandler(a.maildir, a.fail_file)
    auth = authenticator_for(a.user, a.password)

    def plain_factory():
        # STARTTLS offered; AUTH allowed without TLS only because this is loopback.
        return SMTP(handler, hostname="localhost", tls_context=ctx, require_starttls=False,
                    authenticator=auth, auth_required=False, auth_require_tls=False)

    def tls_factory():
        return SMTP(handler, hostname="localhost", authenticator=auth, auth_required=False,
                    auth_require_tls=False)

    loop = asyncio.get_running_loop()
    s1 = await loop.create_server(plain_factory, host="127.0.0.1", port=a.port)
    s2 = await loop.create_server(tls_factory, host="127.0.0.1", port=a.tls_port, ssl=ctx)
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    s1.close()
    s2.close()


if __name__ == "__main__":
    asyncio.run(main())
