#!/usr/bin/env python3
"""Builds fixtures/mail/*.eml and their *.expected.json (run by scripts/make-fixtures).

Every fixture is written here by hand: the mail as a liaison sender would write it, and
beside it the `liaisond extract --json` fields the team expects (all but `route`, which
the routing tests own, and `body`). Binary attachments (.docx, .pdf, .zip) are built
here so that the set is reproducible byte for byte: fixed timestamps, fixed boundaries.
"""

import base64
import hashlib
import io
import json
import os
import quopri
import sys
import zipfile

OUT = sys.argv[1] if len(sys.argv) > 1 else "fixtures/mail"
GATEWAY = "liaison-coordination@iab.org"
ZIP_TIME = (2026, 11, 20, 9, 30, 0)

# --------------------------------------------------------------------------- documents


def docx(paragraphs_and_tables):
    """A minimal WordprocessingML package. Items: str (a paragraph) or list of rows
    (a table; each row a list of cells; a cell a str or a list of paragraphs)."""

    def esc(s):
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    def para(text):
        runs = []
        for i, piece in enumerate(text.split("\t")):
            if i:
                runs.append("<w:r><w:tab/></w:r>")
            if piece:
                runs.append('<w:r><w:t xml:space="preserve">%s</w:t></w:r>' % esc(piece))
        return "<w:p>%s</w:p>" % "".join(runs)

    body = []
    for item in paragraphs_and_tables:
        if isinstance(item, str):
            body.append(para(item))
        else:
            rows = []
            for row in item:
                cells = []
                for cell in row:
                    ps = cell if isinstance(cell, list) else [cell]
                    cells.append("<w:tc>%s</w:tc>" % "".join(para(p) for p in ps))
                rows.append("<w:tr>%s</w:tr>" % "".join(cells))
            body.append("<w:tbl>%s</w:tbl>" % "".join(rows))
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body>%s</w:body></w:document>" % "".join(body)
    )
    return docx_package(document.encode("utf-8"))


def docx_package(document_xml):
    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.document.main+xml"/></Types>'
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    )
    return make_zip(
        [
            ("[Content_Types].xml", content_types.encode()),
            ("_rels/.rels", rels.encode()),
            ("word/document.xml", document_xml),
        ]
    )


def make_zip(members):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
    return buf.getvalue()


def pdf(lines):
    """A one-page PDF whose text layer holds `lines` (ASCII), Helvetica 10 pt."""

    def esc(s):
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    y = 800
    ops = ["BT", "/F1 10 Tf", "12 TL", "50 %d Td" % y]
    for line in lines:
        ops.append("(%s) Tj T*" % esc(line))
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


# --------------------------------------------------------------------------- MIME


def b64(data):
    s = base64.b64encode(data).decode()
    return "\n".join(s[i : i + 76] for i in range(0, len(s), 76))


def headers(h):
    return "".join("%s: %s\n" % (k, v) for k, v in h)


def text_part(text, subtype="plain", charset="utf-8", cte="7bit"):
    if cte == "base64":
        body = b64(text.encode(charset))
    elif cte == "quoted-printable":
        body = quopri.encodestring(text.encode(charset)).decode("ascii")
    else:
        body = text
    return (
        "Content-Type: text/%s; charset=%s\nContent-Transfer-Encoding: %s\n\n%s\n"
        % (subtype, charset, cte, body.rstrip("\n"))
    )


def attachment_part(data, content_type, filename_param, disposition="attachment"):
    name_param = "name" + filename_param[len("filename"):]
    return (
        "Content-Type: %s; %s\nContent-Transfer-Encoding: base64\n"
        "Content-Disposition: %s; %s\n\n%s\n"
        % (content_type, name_param, disposition, filename_param, b64(data))
    )


def multipart(parts, subtype="mixed", boundary="=_liaison_fixture_boundary", extra=""):
    out = "Content-Type: multipart/%s; boundary=\"%s\"%s\n\nThis is a multi-part message in MIME format.\n\n" % (
        subtype, boundary, extra)
    for p in parts:
        out += "--%s\n%s\n" % (boundary, p)
    out += "--%s--\n" % boundary
    return out


# --------------------------------------------------------------------------- fixtures

FIXTURES = []
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def fixture(name, head, body, expected, attachments=()):
    """`attachments`: (filename as recorded, content type, bytes) in MIME order."""
    FIXTURES.append((name, head, body, expected, list(attachments)))


def base_headers(frm, subject, msgid, to=GATEWAY, cc=None, date="Fri, 20 Nov 2026 10:15:00 +0100",
                 extra=()):
    h = [("From", frm), ("To", to)]
    if cc:
        h.append(("Cc", cc))
    h += [("Subject", subject), ("Date", date), ("Message-ID", msgid), ("MIME-Version", "1.0")]
    h += list(extra)
    return h


def A(name):
    return "attachment:" + name


ITU_COVER = """Dear Sir/Madam,

Please find attached a liaison statement from ITU-T Study Group 15 (Networks and
infrastructure for transport, access and home).

Best regards,
TSB Secretariat
"""

# 1. ITU-T cover mail + .docx with the header table, For action, "1 March 2027".
itu_docx = docx([
    [["INTERNATIONAL TELECOMMUNICATION UNION",
      ["TELECOMMUNICATION STANDARDIZATION SECTOR", "STUDY PERIOD 2025-2028"], "SG15-LS123"]],
    "STUDY GROUP 15",
    "Original: English",
    [["Question(s):", "12/15", "Geneva, 10-21 November 2026"]],
    "LIAISON STATEMENT",
    [
        ["Source:", "ITU-T Study Group 15"],
        ["Title:", "LS on OTN network slicing"],
        ["For action to:", "IETF CCAMP WG"],
        ["For information to:", "IETF TEAS WG"],
        ["Approval:", "Study Group 15 meeting (Geneva, 21 November 2026)"],
        ["Deadline:", "1 March 2027"],
        ["Contact:", ["Jane Rapporteur", "Rapporteur Q12/15", "Tel: +41 22 730 0000",
                      "E-mail: rapporteur@example.org"]],
    ],
    "ITU-T SG15 thanks the IETF CCAMP WG for its cooperation on OTN.",
    "SG15 kindly asks CCAMP to review the attached draft Recommendation and provide comments.",
])
fixture(
    "itu-t-docx-action",
    base_headers("ITU-T SG15 <tsbsg15@itu.int>", "SG15-LS123: LS on OTN network slicing [to IETF CCAMP WG]",
                 "<tsb-sg15-ls123@itu.int>", to=GATEWAY + ", ccamp-chairs@ietf.org"),
    multipart([text_part(ITU_COVER), attachment_part(itu_docx, DOCX, 'filename="SG15-LS123.docx"')]),
    dict(title="LS on OTN network slicing", **{"from": ["ITU-T Study Group 15"]},
         from_contacts=["rapporteur@example.org"], send_reply_to="tsbsg15@itu.int",
         to=["IETF CCAMP WG", "IETF TEAS WG"], to_contacts=["ccamp-chairs@ietf.org"],
         send_to=GATEWAY, purpose="action", deadline="2027-03-01", other_identifiers=["SG15-LS123"],
         sources={"title": A("SG15-LS123.docx"), "from": A("SG15-LS123.docx"),
                  "from_contacts": A("SG15-LS123.docx"), "send_reply_to": "header",
                  "to": A("SG15-LS123.docx"), "to_contacts": "header", "send_to": "header",
                  "purpose": A("SG15-LS123.docx"), "deadline": A("SG15-LS123.docx"),
                  "other_identifiers": "header", "body": A("SG15-LS123.docx")}),
    [("SG15-LS123.docx", DOCX, itu_docx)],
)

# 2. ITU-T with a PDF, For information, no deadline.
itu_pdf = pdf([
    "INTERNATIONAL TELECOMMUNICATION UNION          SG13-LS45",
    "TELECOMMUNICATION STANDARDIZATION SECTOR",
    "STUDY PERIOD 2025-2028",
    "",
    "Question(s): 6/13        Geneva, 2-13 November 2026",
    "LIAISON STATEMENT",
    "Source:              ITU-T Study Group 13",
    "Title:               LS on IMT-2030 network management requirements",
    "For information to:  IETF OPSAWG",
    "Approval:            Agreed at SG13 meeting",
    "Deadline:            N/A",
    "Contact:             Li Wei, Rapporteur Q6/13, E-mail: li.wei@example.cn",
    "",
    "SG13 informs OPSAWG of the approval of Recommendation Y.3190.",
])
fixture(
    "itu-t-pdf-information",
    base_headers("tsbsg13@itu.int", "LS from ITU-T SG13 on IMT-2030 network management requirements",
                 "<tsb-sg13-ls45@itu.int>"),
    multipart([text_part("Dear colleagues,\n\nPlease find attached SG13-LS45 for information.\n\nTSB\n"),
               attachment_part(itu_pdf, "application/pdf", 'filename="T25-SG13-LS45.pdf"')]),
    dict(title="LS on IMT-2030 network management requirements", **{"from": ["ITU-T Study Group 13"]},
         from_contacts=["li.wei@example.cn"], send_reply_to="tsbsg13@itu.int", to=["IETF OPSAWG"],
         send_to=GATEWAY, purpose="information", other_identifiers=["SG13-LS45"],
         sources={"title": A("T25-SG13-LS45.pdf"), "from": A("T25-SG13-LS45.pdf"),
                  "from_contacts": A("T25-SG13-LS45.pdf"), "send_reply_to": "header",
                  "to": A("T25-SG13-LS45.pdf"), "send_to": "header", "purpose": A("T25-SG13-LS45.pdf"),
                  "other_identifiers": A("T25-SG13-LS45.pdf"), "body": A("T25-SG13-LS45.pdf")}),
    [("T25-SG13-LS45.pdf", "application/pdf", itu_pdf)],
)

THREEGPP_INLINE = """3GPP TSG-SA WG2 Meeting #172                                      S2-2609876
Orlando, US, 16 - 20 November 2026

Title:\tLS on DetNet support for 5GS time-sensitive communication
Response to:\t-
Release:\tRel-20
Work Item:\tTSC_Ph3

Source:\tTSG SA WG2
To:\tIETF DetNet WG
Cc:\tTSG RAN WG3

Contact Person:
Name:\tJohn Doe
Tel. Number:\t+1 555 0100
E-mail Address:\tjohn.doe@example.com

Send any reply LS to:\t3GPP Liaisons Coordinator, mailto:3GPPLiaison@etsi.org

Attachments:\tS2-2609000

1. Overall Description:
SA WG2 is studying the integration of 5GS with DetNet.

2. Actions:
To IETF DetNet WG.
ACTION: SA WG2 kindly asks IETF DetNet WG to provide feedback before 15 Jan. 2027.

3. Date of Next TSG-SA WG2 Meetings:
TSG-SA WG2 Meeting #173\t19 - 23 January 2027\tGoa, IN
"""
# 3. 3GPP template inline; deadline in the action sentence ("15 Jan. 2027").
fixture(
    "3gpp-inline-action",
    base_headers("John Doe <john.doe@example.com>", "[S2-2609876] LS on DetNet support for 5GS TSC",
                 "<S2-2609876.3gpp@example.com>", cc="3GPPLiaison@etsi.org"),
    text_part(THREEGPP_INLINE),
    dict(title="LS on DetNet support for 5GS time-sensitive communication", **{"from": ["3GPP TSG SA WG2"]},
         from_contacts=["john.doe@example.com"], send_reply_to="3gppliaison@etsi.org",
         to=["IETF DetNet WG"], cc=["3gppliaison@etsi.org"], send_to=GATEWAY, purpose="action",
         deadline="2027-01-15", other_identifiers=["S2-2609876", "S2-2609000"],
         sources={"title": "body", "from": "body", "from_contacts": "body", "send_reply_to": "body",
                  "to": "body", "cc": "header", "send_to": "header", "purpose": "body",
                  "deadline": "body", "other_identifiers": "header", "body": "body"}),
)

# 4. 3GPP .docx, in response, "Actions: None".
tgpp_docx = docx([
    "3GPP TSG-RAN WG3 Meeting #124\tR3-265432",
    "Hefei, China, 9 - 13 November 2026",
    "Title:\tReply LS on IPv6 prefix delegation for IAB nodes",
    "Response to:\tLS on IPv6 prefix delegation (IETF 6MAN WG)",
    "Release:\tRel-19",
    "Source:\tTSG RAN WG3",
    "To:\tIETF 6MAN WG",
    "Cc:\tTSG SA WG2",
    "Contact Person:",
    "Name:\tAnna Svensson",
    "E-mail Address:\tanna.svensson@example.se",
    "Send any reply LS to:\t3GPP Liaisons Coordinator, mailto:3GPPLiaison@etsi.org",
    "1. Overall Description:",
    "RAN WG3 thanks IETF 6MAN for the LS and confirms the approach.",
    "2. Actions:",
    "None.",
])
fixture(
    "3gpp-docx-response",
    base_headers("Anna Svensson <anna.svensson@example.se>",
                 "R3-265432 Reply LS on IPv6 prefix delegation for IAB nodes", "<R3-265432@example.se>"),
    multipart([text_part("Dear IETF colleagues,\n\nPlease find the reply LS from RAN3 attached.\n\nAnna\n"),
               attachment_part(tgpp_docx, DOCX, 'filename="R3-265432.docx"')]),
    dict(title="Reply LS on IPv6 prefix delegation for IAB nodes", **{"from": ["3GPP TSG RAN WG3"]},
         from_contacts=["anna.svensson@example.se"], send_reply_to="3gppliaison@etsi.org",
         to=["IETF 6MAN WG"], send_to=GATEWAY, purpose="response",
         in_response_to="LS on IPv6 prefix delegation (IETF 6MAN WG)", other_identifiers=["R3-265432"],
         sources={"title": A("R3-265432.docx"), "from": A("R3-265432.docx"),
                  "from_contacts": A("R3-265432.docx"), "send_reply_to": A("R3-265432.docx"),
                  "to": A("R3-265432.docx"), "send_to": "header", "purpose": A("R3-265432.docx"),
                  "in_response_to": A("R3-265432.docx"), "other_identifiers": "header",
                  "body": A("R3-265432.docx")}),
    [("R3-265432.docx", DOCX, tgpp_docx)],
)

# 5. 3GPP zipped .docx, action, "March 1, 2027" in prose.
tgpp_zip_docx = docx([
    "3GPP TSG-CT WG4 Meeting #133\tC4-267001",
    "Title:\tLS on Diameter application ID allocation",
    "Response to:\t",
    "Source:\tTSG CT WG4",
    "To:\tIETF DIME WG, IANA",
    "Contact Person:",
    "Name:\tMarco Rossi",
    "E-mail Address:\tmarco.rossi@example.it",
    "Send any reply LS to:\t3GPP Liaisons Coordinator, mailto:3GPPLiaison@etsi.org",
    "2. Actions:",
    "To IETF DIME WG.",
    "ACTION: CT WG4 asks IETF DIME WG to confirm the allocation. Please respond by March 1, 2027.",
])
tgpp_zip = make_zip([("C4-267001.docx", tgpp_zip_docx)])
fixture(
    "3gpp-zip-docx-action",
    base_headers("Marco Rossi <marco.rossi@example.it>", "C4-267001 LS on Diameter application ID allocation",
                 "<C4-267001@example.it>"),
    multipart([text_part("Hello,\n\nattached LS from CT4 (zipped, as uploaded to the 3GPP server).\n"),
               attachment_part(tgpp_zip, "application/zip", 'filename="C4-267001.zip"')]),
    dict(title="LS on Diameter application ID allocation", **{"from": ["3GPP TSG CT WG4"]},
         from_contacts=["marco.rossi@example.it"], send_reply_to="3gppliaison@etsi.org",
         to=["IETF DIME WG", "IANA"], send_to=GATEWAY, purpose="action", deadline="2027-03-01",
         other_identifiers=["C4-267001"],
         sources={"title": A("C4-267001.zip/C4-267001.docx"), "from": A("C4-267001.zip/C4-267001.docx"),
                  "from_contacts": A("C4-267001.zip/C4-267001.docx"),
                  "send_reply_to": A("C4-267001.zip/C4-267001.docx"),
                  "to": A("C4-267001.zip/C4-267001.docx"), "send_to": "header",
                  "purpose": A("C4-267001.zip/C4-267001.docx"), "deadline": A("C4-267001.zip/C4-267001.docx"),
                  "other_identifiers": "header", "body": A("C4-267001.zip/C4-267001.docx")}),
    [("C4-267001.zip", "application/zip", tgpp_zip)],
)

IEEE_LETTER = """IEEE 802.1 Working Group
445 Hoes Lane, Piscataway, NJ 08854, USA

Date:    18 November 2026
To:      IETF DetNet WG
         IETF TSVWG
From:    Glenn Parsons, Chair, IEEE 802.1 WG
Subject: Liaison on Time-Sensitive Networking profiles for DetNet

Dear colleagues,

IEEE 802.1 has completed P802.1DP and would like to request the IETF to review the
mapping of DetNet flows to TSN streams in the attached profile. We would appreciate
receiving your comments by 15 January 2027.

Sincerely,
Glenn Parsons
Chair, IEEE 802.1 Working Group
glenn.parsons@example.ca
"""
# 6. IEEE 802.1 prose letter inline.
fixture(
    "ieee-8021-prose",
    base_headers("Glenn Parsons <glenn.parsons@example.ca>",
                 "Liaison from IEEE 802.1 on TSN profiles for DetNet", "<ieee8021-2026-11@example.ca>",
                 cc="detnet-chairs@ietf.org, tsvwg-chairs@ietf.org"),
    text_part(IEEE_LETTER),
    dict(title="Liaison on Time-Sensitive Networking profiles for DetNet",
         **{"from": ["IEEE 802.1 WG"]}, from_contacts=["glenn.parsons@example.ca"],
         send_reply_to="glenn.parsons@example.ca", to=["IETF DetNet WG", "IETF TSVWG"],
         cc=["detnet-chairs@ietf.org", "tsvwg-chairs@ietf.org"], send_to=GATEWAY,
         purpose="action", deadline="2027-01-15",
         sources={"title": "body", "from": "body", "from_contacts": "header", "send_reply_to": "header",
                  "to": "body", "cc": "header", "send_to": "header", "purpose": "body",
                  "deadline": "body", "body": "body"}),
)

# 7. MEF prose letter as PDF.
mef_pdf = pdf([
    "MEF Forum",
    "39 Pacific Plaza, Los Angeles, CA",
    "",
    "To:       IETF OPSAWG, IETF NETMOD WG",
    "From:     MEF Technical Committee",
    "Subject:  MEF 3.0 LSO Sonata API update",
    "Date:     12 November 2026",
    "",
    "For Information",
    "",
    "Dear IETF colleagues,",
    "MEF is pleased to inform you that LSO Sonata release 9 has been published.",
    "Contact: Pascal Menezes, MEF CTO, pascal.menezes@example.net",
])
fixture(
    "mef-prose-pdf",
    base_headers("MEF Liaisons <liaisons@mef.example>", "MEF liaison: LSO Sonata API update",
                 "<mef-2026-044@mef.example>"),
    multipart([text_part("Please find attached a liaison letter from MEF.\n"),
               attachment_part(mef_pdf, "application/pdf", 'filename="MEF_LS_2026-044.pdf"')]),
    dict(title="MEF 3.0 LSO Sonata API update", **{"from": ["MEF Technical Committee"]},
         from_contacts=["pascal.menezes@example.net"], send_reply_to="liaisons@mef.example",
         to=["IETF OPSAWG", "IETF NETMOD WG"], send_to=GATEWAY, purpose="information",
         sources={"title": A("MEF_LS_2026-044.pdf"), "from": A("MEF_LS_2026-044.pdf"),
                  "from_contacts": A("MEF_LS_2026-044.pdf"), "send_reply_to": "header",
                  "to": A("MEF_LS_2026-044.pdf"), "send_to": "header", "purpose": A("MEF_LS_2026-044.pdf"),
                  "body": A("MEF_LS_2026-044.pdf")}),
    [("MEF_LS_2026-044.pdf", "application/pdf", mef_pdf)],
)

DATATRACKER = """Title: LS on OTN network slicing
Submission Date: 2026-11-21
URL of the IETF Web page: https://datatracker.ietf.org/liaison/2031/
Please reply by 2027-03-01
From: ITU-T-SG-15 (Stephen Trowbridge <steve.trowbridge@example.com>)
To: IETF-CCAMP (Daniele Ceccarelli <ccamp-chairs@ietf.org>)
Cc: ccamp@ietf.org, rtg-ads@ietf.org
Response Contacts: tsbsg15@itu.int
Technical Contacts: rapporteur@example.org
Purpose: For action

Body: ITU-T SG15 asks CCAMP to review the OTN slicing model (SG15-LS123).
Attachments:

    LS on OTN network slicing
    https://datatracker.ietf.org/documents/LIAISON/liaison-2026-11-21-itu-t-sg-15-ietf-ccamp-ls-on-otn-attachment-1.pdf
"""
# 8. datatracker "New Liaison Statement" notice.
fixture(
    "datatracker-notice",
    base_headers("The IETF datatracker <liaison-statements@ietf.org>",
                 'New Liaison Statement, "LS on OTN network slicing"', "<176391234.datatracker@ietf.org>",
                 to="ccamp-chairs@ietf.org", cc=GATEWAY),
    text_part(DATATRACKER),
    dict(title="LS on OTN network slicing", **{"from": ["ITU-T-SG-15"]},
         from_contacts=["steve.trowbridge@example.com", "rapporteur@example.org"],
         send_reply_to="tsbsg15@itu.int", to=["IETF-CCAMP"], to_contacts=["ccamp-chairs@ietf.org"],
         cc=["ccamp@ietf.org", "rtg-ads@ietf.org"], send_to=GATEWAY, purpose="action",
         deadline="2027-03-01", other_identifiers=["SG15-LS123"],
         sources={"title": "body", "from": "body", "from_contacts": "body", "send_reply_to": "body",
                  "to": "body", "to_contacts": "body", "cc": "body", "send_to": "header",
                  "purpose": "body", "deadline": "body", "other_identifiers": "body", "body": "body"}),
)


def labelled(frm_body, to_body, title, purpose_line, deadline_line=None, extra=""):
    lines = ["Title: " + title, "From: " + frm_body, "To: " + to_body, purpose_line]
    if deadline_line:
        lines.append(deadline_line)
    return "\n".join(lines) + "\n\n" + (extra or "Dear colleagues,\n\nPlease see the statement above.\n")


def simple(name, sender, subject, body, exp, msgid=None, cc=None, to=GATEWAY, head_extra=(), part=None):
    fixture(name, base_headers(sender, subject, msgid or "<%s@fixtures.example>" % name, to=to, cc=cc,
                               extra=head_extra),
            part or text_part(body), exp)


def std_sources(keys, extra=None):
    d = {k: "body" for k in keys}
    d.update(extra or {})
    return d


# 9-12. For action with each deadline format.
for name, line, iso in [
    ("deadline-iso", "Deadline: 2027-03-01", "2027-03-01"),
    ("deadline-day-month-year", "Deadline: 1 March 2027", "2027-03-01"),
    ("deadline-month-day-year", "Deadline: March 1, 2027", "2027-03-01"),
    ("deadline-abbreviated-month", "Deadline: 15 Jan. 2027", "2027-01-15"),
]:
    simple(name, "ETSI ISG NFV <isgnfv_support@etsi.org>", "LS on NFV release 7 management models",
           labelled("ETSI ISG NFV", "IETF NMOP WG", "LS on NFV release 7 management models",
                    "Purpose: For action", line),
           dict(title="LS on NFV release 7 management models", **{"from": ["ETSI ISG NFV"]},
                from_contacts=["isgnfv_support@etsi.org"], send_reply_to="isgnfv_support@etsi.org",
                to=["IETF NMOP WG"], send_to=GATEWAY, purpose="action", deadline=iso,
                sources=std_sources(["title", "from", "to", "purpose", "deadline", "body"],
                                    {"from_contacts": "header", "send_reply_to": "header", "send_to": "header"})))

# 13. Prose-only deadline in a label.
simple("deadline-prose-label", "BBF Liaisons <liaisons@broadband-forum.example>",
       "Liaison from Broadband Forum on TR-181 data model alignment",
       labelled("Broadband Forum", "IETF OPSAWG", "TR-181 data model alignment", "Purpose: For Action",
                "Deadline: before the next BBF quarterly meeting"),
       dict(title="TR-181 data model alignment", **{"from": ["Broadband Forum"]},
            from_contacts=["liaisons@broadband-forum.example"], send_reply_to="liaisons@broadband-forum.example",
            to=["IETF OPSAWG"], send_to=GATEWAY, purpose="action",
            deadline_text="before the next BBF quarterly meeting",
            sources=std_sources(["title", "from", "to", "purpose", "deadline_text", "body"],
                                {"from_contacts": "header", "send_reply_to": "header", "send_to": "header"})))

# 14. Deadline only in prose, no label.
simple("deadline-prose-only", "ITU-T SG17 <tsbsg17@itu.int>", "LS on post-quantum migration in X.509",
       "Title: LS on post-quantum migration in X.509\nSource: ITU-T Study Group 17\nTo: IETF LAMPS WG\n"
       "Purpose: For action\n\nSG17 asks LAMPS to share its migration plan. Please reply before the next\n"
       "SG17 meeting in April.\n",
       dict(title="LS on post-quantum migration in X.509", **{"from": ["ITU-T Study Group 17"]},
            from_contacts=["tsbsg17@itu.int"], send_reply_to="tsbsg17@itu.int", to=["IETF LAMPS WG"],
            send_to=GATEWAY, purpose="action",
            deadline_text="reply before the next SG17 meeting in April",
            sources=std_sources(["title", "from", "to", "purpose", "deadline_text", "body"],
                                {"from_contacts": "header", "send_reply_to": "header", "send_to": "header"})))

# 15. "For Comment" (the older label).
simple("purpose-for-comment", "O-RAN Alliance <liaison@o-ran.example>", "LS on O-RAN fronthaul YANG models",
       labelled("O-RAN Alliance WG4", "IETF NETMOD WG", "LS on O-RAN fronthaul YANG models",
                "Purpose: For Comment"),
       dict(title="LS on O-RAN fronthaul YANG models", **{"from": ["O-RAN Alliance WG4"]},
            from_contacts=["liaison@o-ran.example"], send_reply_to="liaison@o-ran.example",
            to=["IETF NETMOD WG"], send_to=GATEWAY, purpose="comment",
            sources=std_sources(["title", "from", "to", "purpose", "body"],
                                {"from_contacts": "header", "send_reply_to": "header", "send_to": "header"})))

# 16. "For: Action" and a To-Contact label.
simple("purpose-for-colon-action", "GSMA <liaisons@gsma.example>", "LS on RCS interworking",
       "Title: LS on RCS interworking\nFrom: GSMA Networks Group\nTo: IETF SIPCORE WG\n"
       "To Contact: sipcore-chairs@ietf.org\nFor: Action\nDeadline: 2027-02-15\n\nText.\n",
       dict(title="LS on RCS interworking", **{"from": ["GSMA Networks Group"]},
            from_contacts=["liaisons@gsma.example"], send_reply_to="liaisons@gsma.example",
            to=["IETF SIPCORE WG"], to_contacts=["sipcore-chairs@ietf.org"], send_to=GATEWAY,
            purpose="action", deadline="2027-02-15",
            sources=std_sources(["title", "from", "to", "to_contacts", "purpose", "deadline", "body"],
                                {"from_contacts": "header", "send_reply_to": "header", "send_to": "header"})))

# 17. For information, plain labelled lines, Send Reply To given.
simple("purpose-information", "ETSI TC CYBER <cyber_support@etsi.org>", "LS on quantum-safe TLS profile",
       "Title: LS on quantum-safe TLS profile\nFrom: ETSI TC CYBER\nTo: IETF TLS WG\n"
       "Send Reply To: cyber_support@etsi.org\nContact: alex.smith@example.co.uk\n"
       "Purpose: For information\n\nETSI TC CYBER published TS 103 744.\n",
       dict(title="LS on quantum-safe TLS profile", **{"from": ["ETSI TC CYBER"]},
            from_contacts=["alex.smith@example.co.uk"], send_reply_to="cyber_support@etsi.org",
            to=["IETF TLS WG"], send_to=GATEWAY, purpose="information",
            sources=std_sources(["title", "from", "from_contacts", "send_reply_to", "to", "purpose", "body"],
                                {"send_to": "header"})))

# 18. "In Response" reply with In-Reply-To and no Response-to label.
simple("in-response-in-reply-to", "ITU-T SG15 <tsbsg15@itu.int>", "Re: LS on YANG models for OTN",
       "Title: Reply LS on YANG models for OTN\nSource: ITU-T Study Group 15\nTo: IETF CCAMP WG\n"
       "In Response\n\nSG15 thanks CCAMP for its LS.\n",
       dict(title="Reply LS on YANG models for OTN", **{"from": ["ITU-T Study Group 15"]},
            from_contacts=["tsbsg15@itu.int"], send_reply_to="tsbsg15@itu.int", to=["IETF CCAMP WG"],
            send_to=GATEWAY, purpose="response", in_response_to="<ls-2026-0031@liaison.iab.org>",
            in_reply_to=["<ls-2026-0031@liaison.iab.org>"],
            sources=std_sources(["title", "from", "to", "purpose", "body"],
                                {"from_contacts": "header", "send_reply_to": "header", "send_to": "header",
                                 "in_response_to": "header"})),
       head_extra=[("In-Reply-To", "<ls-2026-0031@liaison.iab.org>"),
                   ("References", "<ls-2026-0031@liaison.iab.org>")])

# 19. "Response to: SG15-LS123".
simple("response-to-sg15-ls123", "ITU-T SG2 <tsbsg2@itu.int>", "SG2-LS77: Reply to SG15-LS123 on numbering",
       "Source: ITU-T Study Group 2\nTitle: Reply to SG15-LS123 on E.164 numbering for OTN\n"
       "Response to: SG15-LS123\nFor information to: IETF CCAMP WG\nContact: tsbsg2@itu.int\n\n"
       "SG2 has no objection.\n",
       dict(title="Reply to SG15-LS123 on E.164 numbering for OTN", **{"from": ["ITU-T Study Group 2"]},
            from_contacts=["tsbsg2@itu.int"], send_reply_to="tsbsg2@itu.int", to=["IETF CCAMP WG"],
            send_to=GATEWAY, purpose="information", in_response_to="SG15-LS123",
            other_identifiers=["SG2-LS77"],
            sources=std_sources(["title", "from", "from_contacts", "to", "purpose", "in_response_to", "body"],
                                {"send_reply_to": "header", "send_to": "header", "other_identifiers": "header"})))

# 20. A chair's reply to a plus-address.
simple("chair-reply-plus-address", "Daniele Ceccarelli <ccamp-chairs@ietf.org>",
       "Re: LS on OTN network slicing",
       "Dear SG15 colleagues,\n\nCCAMP thanks SG15 for its LS. A reply LS is attached in draft form\n"
       "and will be approved by the ADs.\n\nDaniele, for the CCAMP chairs\n\n"
       "> SG15 kindly asks CCAMP to review the attached draft Recommendation.\n",
       dict(kind="reply_to_statement", title="LS on OTN network slicing",
            from_contacts=["ccamp-chairs@ietf.org"], send_reply_to="ccamp-chairs@ietf.org",
            in_response_to="LS-2026-0042", in_reply_to=["<tsb-sg15-ls123@itu.int>"],
            sources={"title": "header", "from_contacts": "header", "send_reply_to": "header",
                     "in_response_to": "header", "body": "body"}),
       to="liaison-coordination+ls-2026-0042@iab.org",
       head_extra=[("In-Reply-To", "<tsb-sg15-ls123@itu.int>")])

# 21. Misaddressed: to a concluded WG.
simple("misaddressed-concluded-wg", "ITU-T SG15 <tsbsg15@itu.int>", "LS on pseudowire OAM for MPLS-TP",
       "Source: ITU-T Study Group 15\nTitle: LS on pseudowire OAM for MPLS-TP\nFor action to: IETF PWE3 WG\n"
       "Deadline: 2027-04-30\nContact: tsbsg15@itu.int\n",
       dict(title="LS on pseudowire OAM for MPLS-TP", **{"from": ["ITU-T Study Group 15"]},
            from_contacts=["tsbsg15@itu.int"], send_reply_to="tsbsg15@itu.int", to=["IETF PWE3 WG"],
            send_to=GATEWAY, purpose="action", deadline="2027-04-30",
            sources=std_sources(["title", "from", "from_contacts", "to", "purpose", "deadline", "body"],
                                {"send_reply_to": "header", "send_to": "header"})))

# 22. Misaddressed: sent to a WG list directly (the gateway got a Bcc).
simple("misaddressed-group-list", "Hiroshi Tanaka <h.tanaka@example.jp>",
       "Liaison statement from TTC on SRv6 deployment", "Title: Liaison statement on SRv6 deployment\n"
       "From: TTC Network Technology Committee\nTo: IETF SPRING WG\nPurpose: For information\n",
       dict(title="Liaison statement on SRv6 deployment", **{"from": ["TTC Network Technology Committee"]},
            from_contacts=["h.tanaka@example.jp"], send_reply_to="h.tanaka@example.jp",
            to=["IETF SPRING WG"], to_contacts=["spring@ietf.org"], purpose="information",
            sources=std_sources(["title", "from", "to", "purpose", "body"],
                                {"from_contacts": "header", "send_reply_to": "header", "to_contacts": "header"})),
       to="spring@ietf.org")


def auto(name, sender, subject, body, extra, kind="auto_reply", part=None, to=GATEWAY, title=None):
    addr = sender.split("<")[-1].rstrip(">").lower()
    simple(name, sender, subject, body,
           dict(kind=kind, title=title or subject, from_contacts=[addr],
                sources={"title": "header", "from_contacts": "header", "body": "body"}),
           head_extra=extra, part=part, to=to)


# 23-26. Automatic mail.
auto("auto-out-of-office", "Stephen Trowbridge <steve.trowbridge@example.com>",
     "Automatic reply: LS on OTN network slicing",
     "I am out of the office until 30 November with limited access to e-mail.\n",
     [("Auto-Submitted", "auto-replied"), ("X-Auto-Response-Suppress", "All")],
     title="Automatic reply: LS on OTN network slicing")
auto("auto-precedence-bulk", "Standards News <news@standards-digest.example>",
     "Standards digest, week 47", "This week: 12 new Recommendations.\n", [("Precedence", "bulk")])
auto("auto-list-id", "Lou Berger <lberger@example.net>", "[Teas] Working group last call on TE YANG",
     "All, this starts a two-week WGLC.\n", [("List-Id", "<teas.ietf.org>"), ("Precedence", "list")],
     title="Working group last call on TE YANG")
auto("auto-x-autoreply", "Vacation Responder <m.mueller@example.de>", "Abwesenheitsnotiz",
     "Ich bin bis 1. Dezember nicht im Büro.\n", [("X-Autoreply", "yes")])

# 27. DSN bounce (multipart/report).
dsn = multipart([
    text_part("This is the mail system at host mail.iab.org.\n\nI'm sorry to have to inform you that your "
              "message could not\nbe delivered to one or more recipients.\n\n<pwe3-chairs@ietf.org>: "
              "host mx.ietf.org said: 550 5.1.1 User unknown\n"),
    "Content-Type: message/delivery-status\n\nReporting-MTA: dns; mail.iab.org\n\n"
    "Final-Recipient: rfc822; pwe3-chairs@ietf.org\nAction: failed\nStatus: 5.1.1\n"
    "Diagnostic-Code: smtp; 550 5.1.1 User unknown\n",
    "Content-Type: text/rfc822-headers\n\nFrom: liaison-coordination@iab.org\nTo: pwe3-chairs@ietf.org\n"
    "Subject: New liaison statement LS-2026-0040\n",
], subtype="report", boundary="=_dsn_boundary", extra="; report-type=delivery-status")
auto("bounce-dsn", "Mail Delivery System <MAILER-DAEMON@mail.iab.org>", "Undelivered Mail Returned to Sender",
     None, [("Auto-Submitted", "auto-replied")], kind="bounce", part=dsn)

# 28-29. Not liaison statements.
simple("not-liaison-spam", "Best Deals <offers@cheap-pills.example>", "You have WON a $1000 gift card!!!",
       "Click here to claim your prize: http://cheap-pills.example/claim\n",
       dict(kind="not_liaison", title="You have WON a $1000 gift card!!!", from_contacts=["offers@cheap-pills.example"],
            sources={"title": "header", "from_contacts": "header", "body": "body"}))
simple("not-liaison-question", "Alice Example <alice@example.org>", "Question about the IETF 125 registration",
       "Hi, can you tell me whether the early-bird rate still applies?\n\nThanks, Alice\n",
       dict(kind="not_liaison", title="Question about the IETF 125 registration", from_contacts=["alice@example.org"],
            sources={"title": "header", "from_contacts": "header", "body": "body"}))

# 30. ISO-8859-1 quoted-printable.
latin = ("Titre / Title: LS sur la gestion des réseaux optiques\nFrom: ETSI ISG F5G\nTo: IETF CCAMP WG\n"
         "Purpose: For information\n\nLe groupe F5G a publié la spécification GS F5G 014.\n")
simple("charset-iso-8859-1-qp", "=?ISO-8859-1?Q?Andr=E9_Lef=E8vre?= <andre.lefevre@example.fr>",
       "=?ISO-8859-1?Q?LS_sur_la_gestion_des_r=E9seaux_optiques?=", None,
       dict(title="LS sur la gestion des réseaux optiques", **{"from": ["ETSI ISG F5G"]},
            from_contacts=["andre.lefevre@example.fr"], send_reply_to="andre.lefevre@example.fr",
            to=["IETF CCAMP WG"], send_to=GATEWAY, purpose="information",
            sources=std_sources(["from", "to", "purpose", "body"],
                                {"title": "header", "from_contacts": "header", "send_reply_to": "header",
                                 "send_to": "header"})),
       part=text_part(latin, charset="iso-8859-1", cte="quoted-printable"))

# 31. UTF-8 base64.
utf8 = ("Title: LS zu Übertragungsnetzen für Rechenzentren\nFrom: DIN NA 043\nTo: IETF RTGWG\n"
        "Purpose: For action\nDeadline: 31 März 2027\n\nDer Ausschuss bittet um Stellungnahme.\n")
simple("charset-utf8-base64", "Jürgen Groß <j.gross@example.de>",
       "=?UTF-8?B?TFMgenUgw5xiZXJ0cmFndW5nc25ldHplbg==?=", None,
       dict(title="LS zu Übertragungsnetzen für Rechenzentren", **{"from": ["DIN NA 043"]},
            from_contacts=["j.gross@example.de"], send_reply_to="j.gross@example.de", to=["IETF RTGWG"],
            send_to=GATEWAY, purpose="action", deadline_text="31 März 2027",
            sources=std_sources(["title", "from", "to", "purpose", "deadline_text", "body"],
                                {"from_contacts": "header", "send_reply_to": "header", "send_to": "header"})),
       part=text_part(utf8, cte="base64"))

# 32. ISO-2022-JP subject.
jp_subject = "=?ISO-2022-JP?B?%s?=" % base64.b64encode("リエゾン文書 SRv6".encode("iso-2022-jp")).decode()
simple("charset-iso-2022-jp-subject", "TTC Secretariat <ttc-liaison@example.jp>", jp_subject,
       "From: TTC Network Technology Committee\nTo: IETF SPRING WG\nPurpose: For information\n",
       dict(title="リエゾン文書 SRv6", **{"from": ["TTC Network Technology Committee"]},
            from_contacts=["ttc-liaison@example.jp"], send_reply_to="ttc-liaison@example.jp",
            to=["IETF SPRING WG"], send_to=GATEWAY, purpose="information",
            sources=std_sources(["from", "to", "purpose", "body"],
                                {"title": "header", "from_contacts": "header", "send_reply_to": "header",
                                 "send_to": "header"})))

# 33. Shift_JIS body, subject B-encoded in Shift_JIS.
sj_subject = "=?Shift_JIS?B?%s?=" % base64.b64encode("LS: 光伝送網の管理".encode("shift_jis")).decode()
sj_body = "Title: LS on optical transport network management\nFrom: TTC\nTo: IETF CCAMP WG\n" \
          "Purpose: For information\n\n光伝送網の管理について情報提供します。\n"
simple("charset-shift-jis", "TTC <ttc@example.jp>", sj_subject, None,
       dict(title="LS on optical transport network management", **{"from": ["TTC"]},
            from_contacts=["ttc@example.jp"], send_reply_to="ttc@example.jp", to=["IETF CCAMP WG"],
            send_to=GATEWAY, purpose="information",
            sources=std_sources(["title", "from", "to", "purpose", "body"],
                                {"from_contacts": "header", "send_reply_to": "header", "send_to": "header"})),
       part=text_part(sj_body, charset="shift_jis", cte="base64"))

# 34. GB2312 body (CCSA).
gb_body = "Title: LS on computing power network\nFrom: CCSA TC3\nTo: IETF RTGWG\nPurpose: For action\n" \
          "Deadline: 2027-05-01\n\n中国通信标准化协会第三技术委员会请求反馈。\n"
simple("charset-gb2312", "CCSA TC3 <tc3@ccsa.example.cn>", "=?GB2312?B?%s?=" %
       base64.b64encode("算力网络联络函".encode("gb2312")).decode(), None,
       dict(title="LS on computing power network", **{"from": ["CCSA TC3"]},
            from_contacts=["tc3@ccsa.example.cn"], send_reply_to="tc3@ccsa.example.cn", to=["IETF RTGWG"],
            send_to=GATEWAY, purpose="action", deadline="2027-05-01",
            sources=std_sources(["title", "from", "to", "purpose", "deadline", "body"],
                                {"from_contacts": "header", "send_reply_to": "header", "send_to": "header"})),
       part=text_part(gb_body, charset="gb2312", cte="base64"))

# 35. HTML-only body with a table.
html = """<html><head><title>LS</title><style>td{padding:2px}</style></head><body>
<p>Dear IETF,</p>
<table>
<tr><td><b>Title:</b></td><td>LS on Wi-Fi 8 roaming and EAP methods</td></tr>
<tr><td><b>From:</b></td><td>Wireless Broadband Alliance</td></tr>
<tr><td><b>To:</b></td><td>IETF EMU WG</td></tr>
<tr><td><b>Purpose:</b></td><td>For&nbsp;Action</td></tr>
<tr><td><b>Deadline:</b></td><td>1 February 2027</td></tr>
</table>
<p>Regards,<br>WBA</p></body></html>"""
simple("html-only-body", "WBA Liaison <liaison@wba.example>", "LS on Wi-Fi 8 roaming and EAP methods", None,
       dict(title="LS on Wi-Fi 8 roaming and EAP methods", **{"from": ["Wireless Broadband Alliance"]},
            from_contacts=["liaison@wba.example"], send_reply_to="liaison@wba.example", to=["IETF EMU WG"],
            send_to=GATEWAY, purpose="action", deadline="2027-02-01",
            sources=std_sources(["title", "from", "to", "purpose", "deadline", "body"],
                                {"from_contacts": "header", "send_reply_to": "header", "send_to": "header"})),
       part=text_part(html, subtype="html", cte="quoted-printable"))

# 36. HTML/script in subject and body.
xss = "<script>alert(1)</script> LS on <b>bold</b> claims"
simple("hostile-html-script", "Mallory <mallory@example.net>", xss,
       None,
       dict(title=xss, from_contacts=["mallory@example.net"], send_reply_to="mallory@example.net",
            send_to=GATEWAY, defects=["title contains HTML markup; kept as plain text, never rendered as HTML",
                                      "no liaison labels found; metadata taken from the mail headers"],
            sources={"title": "header", "from_contacts": "header", "send_reply_to": "header",
                     "send_to": "header", "body": "body"}),
       part=text_part('<p onclick="x()">Liaison</p><script>document.location="http://evil.example"</script>'
                      '<img src=x onerror=alert(2)>', subtype="html"))


def hostile(name, subject, parts_and_names, exp_defects, exp_extra=None):
    body_parts = [text_part("Title: %s\nFrom: Example SDO\nTo: IETF SECDISPATCH\nPurpose: For information\n"
                            % subject)]
    atts = []
    for data, ctype, param, recorded in parts_and_names:
        body_parts.append(attachment_part(data, ctype, param))
        atts.append((recorded, ctype, data))
    exp = dict(title=subject, **{"from": ["Example SDO"]}, from_contacts=["sdo@example.org"],
               send_reply_to="sdo@example.org", to=["IETF SECDISPATCH"], send_to=GATEWAY,
               purpose="information", defects=exp_defects,
               sources=std_sources(["title", "from", "to", "purpose", "body"],
                                   {"from_contacts": "header", "send_reply_to": "header", "send_to": "header"}))
    exp.update(exp_extra or {})
    fixture(name, base_headers("Example SDO <sdo@example.org>", subject, "<%s@fixtures.example>" % name),
            multipart(body_parts), exp, atts)


# 37. ZIP bomb: 80 MiB of zeros in ~80 KiB.
bomb = make_zip([("LS.docx", b"\0" * (80 << 20))])
hostile("hostile-zip-bomb", "LS with a compressed annex",
        [(bomb, "application/zip", 'filename="annex.zip"', "annex.zip")],
        ["annex.zip: declared uncompressed size (83886080 bytes) exceeds the limit of 67108864; "
         "the file is recorded but not read"])

# 38. DOCX with billion-laughs entities.
laughs = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
          + "".join(' <!ENTITY lol%d "%s">\n' % (i, ("&lol%d;" % (i - 1) if i > 1 else "&lol;") * 10)
                    for i in range(1, 10))
          + ']>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
          '<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>')
hostile("hostile-docx-billion-laughs", "LS with a Word annex",
        [(docx_package(laughs.encode()), DOCX, 'filename="annex.docx"', "annex.docx")],
        ["annex.docx: word/document.xml declares a DTD or entities (entity expansion refused); "
         "the file is recorded but not read"])

# 39. A PDF pdftotext cannot read (truncated, broken xref).
broken_pdf = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\n" + b"\xff" * 512
hostile("hostile-pdf-broken", "LS with a damaged PDF",
        [(broken_pdf, "application/pdf", 'filename="damaged.pdf"', "damaged.pdf")],
        ["damaged.pdf: no text layer could be read (pdftotext failed with exit status 1); "
         "the file is recorded but not read"])

# 40. Filenames with ../ and NUL.
hostile("hostile-filenames", "LS with odd attachment names",
        [(b"root:x:0:0:root:/root:/bin/bash\n", "text/plain", 'filename="../../etc/passwd"', "passwd"),
         (b"MZ\x90\x00 not a document\n", "application/octet-stream", "filename*=utf-8''evil%00.pdf%0A.exe",
          "evil.pdf.exe")],
        ['attachment filename "../../etc/passwd" is unsafe; recorded as "passwd"',
         'attachment filename "evil\\u{0}.pdf\\u{a}.exe" is unsafe; recorded as "evil.pdf.exe"'])

# 41. A ZIP inside a ZIP (nesting depth 1).
inner = make_zip([("LS.txt", b"Title: nested\n")])
outer = make_zip([("inner.zip", inner)])
hostile("hostile-nested-zip", "LS with a nested archive",
        [(outer, "application/zip", 'filename="outer.zip"', "outer.zip")],
        ["outer.zip/inner.zip: archive nesting depth exceeds the limit of 1; the file is recorded but not read"])

# 42. Plain-text LS attachment.
txt_ls = ("Liaison Statement\n\nTitle: LS on DNS privacy in 5G roaming\nFrom: GSMA Fraud and Security Group\n"
          "To: IETF DPRIVE WG\nPurpose: For action\nDeadline: 30 April 2027\nContact: fasg@gsma.example\n")
fixture(
    "attachment-plain-text",
    base_headers("GSMA FASG <fasg@gsma.example>", "Liaison: DNS privacy in 5G roaming", "<fasg-2026-9@gsma.example>"),
    multipart([text_part("See attached.\n"),
               attachment_part(txt_ls.encode(), "text/plain; charset=utf-8", 'filename="LS-FASG-2026-9.txt"')]),
    dict(title="LS on DNS privacy in 5G roaming", **{"from": ["GSMA Fraud and Security Group"]},
         from_contacts=["fasg@gsma.example"], send_reply_to="fasg@gsma.example", to=["IETF DPRIVE WG"],
         send_to=GATEWAY, purpose="action", deadline="2027-04-30",
         sources={k: A("LS-FASG-2026-9.txt") for k in ["title", "from", "from_contacts", "to", "purpose",
                                                        "deadline", "body"]} | {"send_reply_to": "header",
                                                                                "send_to": "header"}),
    [("LS-FASG-2026-9.txt", "text/plain", txt_ls.encode())],
)

# 43. HTML LS attachment.
html_ls = ("<html><body><h1>Liaison statement</h1><table><tr><td>Title:</td><td>LS on IoT device onboarding</td></tr>"
           "<tr><td>Source:</td><td>Connectivity Standards Alliance</td></tr><tr><td>To:</td><td>IETF IOTOPS WG</td></tr>"
           "<tr><td>Purpose:</td><td>For information</td></tr></table></body></html>")
fixture(
    "attachment-html",
    base_headers("CSA Liaison <liaison@csa-iot.example>", "Liaison statement: IoT device onboarding",
                 "<csa-2026-3@csa-iot.example>"),
    multipart([text_part("Please find our liaison statement attached.\n"),
               attachment_part(html_ls.encode(), "text/html; charset=utf-8", 'filename="CSA-LS-2026-3.html"')]),
    dict(title="LS on IoT device onboarding", **{"from": ["Connectivity Standards Alliance"]},
         from_contacts=["liaison@csa-iot.example"], send_reply_to="liaison@csa-iot.example", to=["IETF IOTOPS WG"],
         send_to=GATEWAY, purpose="information",
         sources={k: A("CSA-LS-2026-3.html") for k in ["title", "from", "to", "purpose", "body"]}
         | {"from_contacts": "header", "send_reply_to": "header", "send_to": "header"}),
    [("CSA-LS-2026-3.html", "text/html", html_ls.encode())],
)

# 44. Headers and attachment disagree: the statement wins.
disagree_docx = docx([
    [["Source:", "ITU-T Study Group 11"], ["Title:", "LS on signalling for SRv6 interworking"],
     ["For action to:", "IETF SPRING WG"], ["Deadline:", "2027-06-30"],
     ["Contact:", "Rapporteur Q3/11, E-mail: q3-11@example.org"]],
    "ITU-T SG11 asks SPRING to review the signalling requirements.",
])
fixture(
    "headers-disagree-statement-wins",
    base_headers("tsbsg11@itu.int", "LS on something else entirely (For information)", "<tsb-sg11-ls8@itu.int>",
                 extra=[("Reply-To", "tsbsg11@itu.int")]),
    multipart([text_part("Title: LS on a different topic\nPurpose: For information\n\nPlease see attached.\n"),
               attachment_part(disagree_docx, DOCX, 'filename="SG11-LS8.docx"')]),
    dict(title="LS on signalling for SRv6 interworking", **{"from": ["ITU-T Study Group 11"]},
         from_contacts=["q3-11@example.org"], send_reply_to="tsbsg11@itu.int", to=["IETF SPRING WG"],
         send_to=GATEWAY, purpose="action", deadline="2027-06-30",
         sources={k: A("SG11-LS8.docx") for k in ["title", "from", "from_contacts", "to", "purpose", "deadline",
                                                   "body"]} | {"send_reply_to": "header", "send_to": "header"}),
    [("SG11-LS8.docx", DOCX, disagree_docx)],
)

# 45. Forwarded by a chair to the gateway: the quoted original is not read as the statement's labels.
simple("forwarded-with-quote", "Bob Chair <bob@example.com>", "Fwd: LS on MPLS network actions",
       "Title: LS on MPLS network actions\nSource: ITU-T Study Group 13\nTo: IETF MPLS WG\n"
       "Purpose: For information\n\n-----Original Message-----\nFrom: Someone Else <else@example.com>\n"
       "To: IETF PALS WG\nPurpose: For action\n",
       dict(title="LS on MPLS network actions", **{"from": ["ITU-T Study Group 13"]},
            from_contacts=["bob@example.com"], send_reply_to="bob@example.com", to=["IETF MPLS WG"],
            send_to=GATEWAY, purpose="information",
            sources=std_sources(["title", "from", "to", "purpose", "body"],
                                {"from_contacts": "header", "send_reply_to": "header", "send_to": "header"})))

# 46. ITU-T .docx "For comment to", and the same LS as PDF: the first statement document wins.
itu_comment_docx = docx([
    [["INTERNATIONAL TELECOMMUNICATION UNION", "TELECOMMUNICATION STANDARDIZATION SECTOR", "SG17-LS210"]],
    "LIAISON STATEMENT",
    [
        ["Source:", "ITU-T Study Group 17"],
        ["Title:", "LS on draft Recommendation X.509-PQC"],
        ["For comment to:", "IETF LAMPS WG"],
        ["For information to:", "ISO/IEC JTC 1/SC 27"],
        ["Deadline:", "15 February 2027"],
        ["Contact:", ["Erik Andersen", "Rapporteur Q11/17", "E-mail: era@example.dk"]],
    ],
])
itu_comment_pdf = pdf(["LIAISON STATEMENT", "Source: ITU-T Study Group 17",
                       "Title: LS on draft Recommendation X.509-PQC (PDF copy)", "For comment to: IETF LAMPS WG"])
fixture(
    "itu-t-docx-and-pdf-comment",
    base_headers("tsbsg17@itu.int", "SG17-LS210 LS on draft Recommendation X.509-PQC", "<tsb-sg17-ls210@itu.int>"),
    multipart([text_part("Dear colleagues,\n\nAttached: SG17-LS210 (Word and PDF).\n"),
               attachment_part(itu_comment_docx, DOCX, 'filename="SG17-LS210.docx"'),
               attachment_part(itu_comment_pdf, "application/pdf", 'filename="SG17-LS210.pdf"')]),
    dict(title="LS on draft Recommendation X.509-PQC", **{"from": ["ITU-T Study Group 17"]},
         from_contacts=["era@example.dk"], send_reply_to="tsbsg17@itu.int",
         to=["IETF LAMPS WG", "ISO/IEC JTC 1/SC 27"], send_to=GATEWAY, purpose="comment",
         deadline="2027-02-15", other_identifiers=["SG17-LS210"],
         sources={k: A("SG17-LS210.docx") for k in ["title", "from", "from_contacts", "to", "purpose",
                                                     "deadline", "body"]}
         | {"send_reply_to": "header", "send_to": "header", "other_identifiers": "header"}),
    [("SG17-LS210.docx", DOCX, itu_comment_docx), ("SG17-LS210.pdf", "application/pdf", itu_comment_pdf)],
)

# 47. 3GPP reply inline, "Response to: LS (S2-2601234) on ...", no deadline anywhere.
simple("3gpp-inline-reply-no-deadline", "3GPP Liaisons <3GPPLiaison@etsi.org>",
       "[S2-2601500] Reply LS on QUIC multipath for ATSSS",
       "3GPP TSG-SA WG2 Meeting #171\tS2-2601500\n\nTitle:\tReply LS on QUIC multipath for ATSSS\n"
       "Response to:\tLS (S2-2601234) on QUIC multipath from IETF QUIC WG\nRelease:\tRel-20\n\n"
       "Source:\tTSG SA WG2\nTo:\tIETF QUIC WG\nCc:\tTSG CT WG1\n\nContact Person:\nName:\tLi Ming\n"
       "E-mail Address:\tli.ming@example.cn\n\nSend any reply LS to:\tmailto:3GPPLiaison@etsi.org\n\n"
       "1. Overall Description:\nSA2 thanks the IETF QUIC WG.\n\n2. Actions:\nNone.\n\n"
       "3. Date of Next TSG-SA WG2 Meetings:\nTSG-SA WG2 Meeting #172\t16 - 20 November 2026\tOrlando, US\n",
       dict(title="Reply LS on QUIC multipath for ATSSS", **{"from": ["3GPP TSG SA WG2"]},
            from_contacts=["li.ming@example.cn"], send_reply_to="3gppliaison@etsi.org", to=["IETF QUIC WG"],
            send_to=GATEWAY, purpose="response", in_response_to="S2-2601234",
            other_identifiers=["S2-2601500"],
            sources=std_sources(["title", "from", "from_contacts", "send_reply_to", "to", "purpose",
                                 "in_response_to", "body"], {"send_to": "header", "other_identifiers": "header"})))

# 48. IEEE 802.11 prose reply: purpose only in prose ("in response to your"), no labels for it.
simple("ieee-80211-prose-response", "Dorothy Stanley <dstanley@example.com>",
       "Re: Liaison on MAC address randomization",
       "IEEE 802.11 Working Group\n\nTo:      IETF MADINAS WG\nFrom:    Dorothy Stanley, Chair, IEEE 802.11 WG\n"
       "Subject: Liaison on MAC address randomization\n\nDear MADINAS chairs,\n\n"
       "In response to your liaison of 3 October 2026, IEEE 802.11 confirms that 802.11bh is approved.\n\n"
       "Regards,\nDorothy Stanley\n",
       dict(title="Liaison on MAC address randomization", **{"from": ["IEEE 802.11 WG"]},
            from_contacts=["dstanley@example.com"], send_reply_to="dstanley@example.com", to=["IETF MADINAS WG"],
            send_to=GATEWAY, purpose="response",
            sources=std_sources(["title", "from", "to", "purpose", "body"],
                                {"from_contacts": "header", "send_reply_to": "header", "send_to": "header"})))

# 49. multipart/alternative: the plain part is read, the HTML copy is not read twice.
alt = multipart([
    text_part("Title: LS on SD-WAN service attributes\nFrom: MEF Forum\nTo: IETF OPSAWG\nPurpose: For action\n"
              "Deadline: March 15, 2027\n"),
    text_part("<p>Title: LS on SD-WAN service attributes<br>From: MEF Forum<br>To: IETF OPSAWG<br>"
              "Purpose: For action<br>Deadline: March 15, 2027</p>", subtype="html"),
], subtype="alternative", boundary="=_alt_boundary")
simple("multipart-alternative", "MEF Liaisons <liaisons@mef.example>", "MEF LS on SD-WAN service attributes", None,
       dict(title="LS on SD-WAN service attributes", **{"from": ["MEF Forum"]},
            from_contacts=["liaisons@mef.example"], send_reply_to="liaisons@mef.example", to=["IETF OPSAWG"],
            send_to=GATEWAY, purpose="action", deadline="2027-03-15",
            sources=std_sources(["title", "from", "to", "purpose", "deadline", "body"],
                                {"from_contacts": "header", "send_reply_to": "header", "send_to": "header"})),
       part=alt)

# 50. Sent to the gateway and a WG chairs alias, with a Reply-To role address.
simple("reply-to-role-address", "Jane Smith <jane.smith@example.org>", "LS from BBF on TR-459 PON abstraction",
       "Title: LS on TR-459 PON abstraction\nFrom: Broadband Forum Access and Transport WG\n"
       "To: IETF CCAMP WG, IETF TEAS WG\nPurpose: For Information\n",
       dict(title="LS on TR-459 PON abstraction", **{"from": ["Broadband Forum Access and Transport WG"]},
            from_contacts=["jane.smith@example.org"], send_reply_to="liaisons@broadband-forum.example",
            to=["IETF CCAMP WG", "IETF TEAS WG"], to_contacts=["ccamp-chairs@ietf.org"],
            cc=["teas-chairs@ietf.org"], send_to=GATEWAY, purpose="information",
            sources=std_sources(["title", "from", "to", "purpose", "body"],
                                {"from_contacts": "header", "send_reply_to": "header", "to_contacts": "header",
                                 "cc": "header", "send_to": "header"})),
       to=GATEWAY + ", CCAMP Chairs <CCAMP-chairs@ietf.org>", cc="teas-chairs@ietf.org, " + GATEWAY,
       head_extra=[("Reply-To", "BBF Liaisons <liaisons@broadband-forum.example>")])

# --------------------------------------------------------------------------- writing

FIELDS = ["kind", "title", "from", "from_contacts", "send_reply_to", "to", "to_contacts", "send_to", "cc",
          "purpose", "deadline", "deadline_text", "in_response_to", "other_identifiers", "attachments",
          "message_id", "in_reply_to", "sources", "defects"]
LISTS = {"from", "from_contacts", "to", "to_contacts", "cc", "other_identifiers", "attachments", "in_reply_to",
         "defects"}


# --------------------------------------------------------------------------- issue 15
# Mail that must never be dropped or taken for what it is not.

STD_HEADER_SOURCES = {"from_contacts": "header", "send_reply_to": "header", "send_to": "header"}

# 50. A statement that reached us through a WG list (List-Id, Precedence: list): a statement,
# flagged as sent to a list instead of the central address.
simple("list-mail-statement", "Yoshi Tanaka <tanaka@ttc.example.jp>",
       "[Teas] LS from TTC on transport slice management",
       labelled("TTC", "IETF TEAS WG", "LS on transport slice management", "Purpose: For information",
                extra="Dear TEAS WG,\n\nTTC shares its progress on transport slice management.\n"),
       dict(title="LS on transport slice management", **{"from": ["TTC"]},
            from_contacts=["tanaka@ttc.example.jp"], send_reply_to="tanaka@ttc.example.jp",
            to=["IETF TEAS WG"], to_contacts=["teas@ietf.org"], purpose="information",
            defects=["sent to a list instead of the central address (List-Id: Traffic Engineering "
                     "Architecture and Signaling <teas.ietf.org>)"],
            sources=std_sources(["title", "from", "to", "purpose", "body"],
                                {"from_contacts": "header", "send_reply_to": "header", "to_contacts": "header"})),
       to="teas@ietf.org",
       head_extra=[("List-Id", "Traffic Engineering Architecture and Signaling <teas.ietf.org>"),
                   ("Precedence", "list"), ("List-Post", "<mailto:teas@ietf.org>")])

# 51. Exchange adds X-Auto-Response-Suppress to mail a person wrote: still a statement.
simple("exchange-statement", "ETSI Liaisons <liaisons@etsi.example>",
       "Liaison statement from ETSI ISG MEC on edge API exposure",
       labelled("ETSI ISG MEC", "IETF OPSAWG", "LS on edge API exposure", "Purpose: For action",
                "Deadline: 2027-02-26"),
       dict(title="LS on edge API exposure", **{"from": ["ETSI ISG MEC"]},
            from_contacts=["liaisons@etsi.example"], send_reply_to="liaisons@etsi.example",
            to=["IETF OPSAWG"], send_to=GATEWAY, purpose="action", deadline="2027-02-26",
            sources=std_sources(["title", "from", "to", "purpose", "deadline", "body"], STD_HEADER_SOURCES)),
       head_extra=[("X-Auto-Response-Suppress", "All"), ("X-MS-Exchange-Organization-AuthAs", "Anonymous"),
                   ("Thread-Index", "AdtLs0aBcDeFgHiJkLmNoPqRsTuV==")])

# 52. qmail's bounce: "failure notice" from MAILER-DAEMON, the returned mail inline. It
# quotes our own notification; it must never notify anyone.
auto("bounce-qmail-failure-notice", "MAILER-DAEMON@mx.example.net", "failure notice",
     "Hi. This is the qmail-send program at mx.example.net.\n"
     "I'm afraid I wasn't able to deliver your message to the following addresses.\n"
     "This is a permanent error; I've given up. Sorry it didn't work out.\n\n"
     "<pwe3-chairs@example.net>:\nSorry, no mailbox here by that name. (#5.1.1)\n\n"
     "--- Below this line is a copy of the message.\n\n"
     "Return-Path: <liaison-coordination@iab.org>\n"
     "From: liaison-coordination@iab.org\nTo: pwe3-chairs@example.net\n"
     "Subject: Liaison statement LS-2026-0040: LS on MPLS network actions\n"
     "Message-ID: <mk2q1.abc.def@iab.org>\nX-Liaison-Statement: LS-2026-0040\n\n"
     "A liaison statement was received and recorded as LS-2026-0040.\n\n"
     "Title:         LS on MPLS network actions\nFrom:          ITU-T Study Group 13\n"
     "Purpose:       For action\n",
     [], kind="bounce")

# 53. A returned copy of our mail from a server that writes neither a DSN nor a daemon's
# name: only the quoted X-Liaison-Statement tells it.
auto("bounce-quotes-own-mail", "Mail System <mail-system@relay.example.org>",
     "Returned mail: see transcript for details",
     "The original message was received at Fri, 20 Nov 2026 10:15:00 +0100.\n\n"
     "   ----- The following addresses had permanent fatal errors -----\n<chair@old.example.org>\n\n"
     "   ----- Original message -----\n\n"
     "From: liaison-coordination@iab.org\nTo: chair@old.example.org\n"
     "Subject: Reminder (T-7): response due for LS-2026-0031: Liaison statement on Y.3100\n"
     "X-Liaison-Statement: LS-2026-0031\n\nReminder: a response to liaison statement LS-2026-0031 "
     "is due in 7 days (2026-11-27).\n",
     [], kind="bounce")

# 54. 3GPP's template as SA2 writes it: `Source: SA2`, an empty `Response to:` followed
# by the template's next field.
THREEGPP_SA2 = """3GPP TSG-SA WG2 Meeting #172                                      S2-2610111
Orlando, US, 16 - 20 November 2026

Title:\tLS on UE route selection policy for DetNet flows
Response to:
Release:\tRel-20
Work Item:\tTSC_Ph3

Source:\tSA2
To:\tIETF DetNet WG
Cc:\tCT1

Contact Person:
Name:\tMaria Rossi
E-mail Address:\tmaria.rossi@example.it

Send any reply LS to:\t3GPP Liaisons Coordinator, mailto:3GPPLiaison@etsi.org

1. Overall Description:
SA2 has agreed on route selection policy extensions for DetNet flows.

2. Actions:
To IETF DetNet WG.
ACTION: SA2 asks IETF DetNet WG to review the extensions and reply by 26 February 2027.

3. Date of Next TSG-SA WG2 Meetings:
TSG-SA WG2 Meeting #173\t19 - 23 January 2027\tGoa, IN
"""
fixture(
    "3gpp-source-sa2",
    base_headers("Maria Rossi <maria.rossi@example.it>", "[S2-2610111] LS on URSP for DetNet flows",
                 "<S2-2610111.3gpp@example.it>", cc="3GPPLiaison@etsi.org"),
    text_part(THREEGPP_SA2),
    dict(title="LS on UE route selection policy for DetNet flows", **{"from": ["3GPP SA2"]},
         from_contacts=["maria.rossi@example.it"], send_reply_to="3gppliaison@etsi.org",
         to=["IETF DetNet WG"], cc=["3gppliaison@etsi.org"], send_to=GATEWAY, purpose="action",
         deadline="2027-02-26", other_identifiers=["S2-2610111"],
         sources={"title": "body", "from": "body", "from_contacts": "body", "send_reply_to": "body",
                  "to": "body", "cc": "header", "send_to": "header", "purpose": "body",
                  "deadline": "body", "other_identifiers": "header", "body": "body"}),
)

# 55. IEEE 802.1's letter form: the addressee line names the chairs.
simple("ieee-detnet-chairs", "Glenn Parsons <glenn.parsons@example.com>",
       "Liaison from IEEE 802.1 on DetNet bounded latency",
       "To:      IETF DETNET WG chairs\n"
       "From:    Glenn Parsons, Chair, IEEE 802.1\n"
       "Subject: Liaison on DetNet bounded latency\n"
       "Purpose: For information\n\n"
       "Dear DetNet chairs,\n\nIEEE 802.1 informs the IETF DetNet WG of its bounded latency work.\n",
       dict(title="Liaison on DetNet bounded latency", **{"from": ["IEEE 802.1"]},
            from_contacts=["glenn.parsons@example.com"], send_reply_to="glenn.parsons@example.com",
            to=["IETF DETNET WG"], send_to=GATEWAY, purpose="information",
            sources=std_sources(["title", "from", "to", "purpose", "body"], STD_HEADER_SOURCES)))

# 56. For action with a deadline that names no day: reminded of never, so the liaison
# manager and the IAB are told "deadline unclear".
simple("deadline-unclear-action", "OIF Liaisons <liaisons@oiforum.example>",
       "Liaison from OIF on 800ZR management",
       labelled("OIF", "IETF CCAMP WG", "LS on 800ZR management", "Purpose: For action",
                "Deadline: in time for our Q1 meeting"),
       dict(title="LS on 800ZR management", **{"from": ["OIF"]},
            from_contacts=["liaisons@oiforum.example"], send_reply_to="liaisons@oiforum.example",
            to=["IETF CCAMP WG"], send_to=GATEWAY, purpose="action",
            deadline_text="in time for our Q1 meeting",
            sources=std_sources(["title", "from", "to", "purpose", "deadline_text", "body"], STD_HEADER_SOURCES)))

# 57. Arrives ten days before its deadline (the mail is dated 20 November 2026).
simple("late-arrival", "ITU-T SG13 <tsbsg13@itu.int>", "LS on network slicing terminology",
       labelled("ITU-T Study Group 13", "IETF TEAS WG", "LS on network slicing terminology",
                "Purpose: For action", "Deadline: 30 November 2026"),
       dict(title="LS on network slicing terminology", **{"from": ["ITU-T Study Group 13"]},
            from_contacts=["tsbsg13@itu.int"], send_reply_to="tsbsg13@itu.int",
            to=["IETF TEAS WG"], send_to=GATEWAY, purpose="action", deadline="2026-11-30",
            sources=std_sources(["title", "from", "to", "purpose", "deadline", "body"], STD_HEADER_SOURCES)))

# 58. One valid group and one concluded one: TEAS is routed, PWE3 flagged to the IAB with
# its successor.
simple("partial-routing", "ITU-T SG15 <tsbsg15@itu.int>", "LS on packet transport OAM",
       labelled("ITU-T Study Group 15", "IETF TEAS WG, IETF PWE3 WG", "LS on packet transport OAM",
                "Purpose: For information"),
       dict(title="LS on packet transport OAM", **{"from": ["ITU-T Study Group 15"]},
            from_contacts=["tsbsg15@itu.int"], send_reply_to="tsbsg15@itu.int",
            to=["IETF TEAS WG", "IETF PWE3 WG"], send_to=GATEWAY, purpose="information",
            sources=std_sources(["title", "from", "to", "purpose", "body"], STD_HEADER_SOURCES)))

# 59. A chair forwards a statement that reached them directly, attached as message/rfc822
# (seed 004 section 3.1): the original's metadata is the statement's, the forwarder noted.
FORWARDED_ORIGINAL = headers(base_headers(
    "ITU-T SG13 <tsbsg13@itu.int>", "LS on DetNet OAM for large-scale networks", "<sg13-ls77@itu.int>",
    to="Lou Berger <lberger@example.net>", date="Wed, 18 Nov 2026 14:00:00 +0100")) + text_part(
    labelled("ITU-T Study Group 13", "IETF DetNet WG", "LS on DetNet OAM for large-scale networks",
             "Purpose: For action", "Deadline: 2027-03-15"))
fixture(
    "forwarded-rfc822",
    base_headers("Lou Berger <lberger@example.net>", "Fwd: LS on DetNet OAM for large-scale networks",
                 "<fwd-rfc822@example.net>"),
    multipart([text_part("This came to me directly; please route it as a liaison statement.\n\nLou\n"),
               "Content-Type: message/rfc822\nContent-Disposition: attachment; filename=\"original.eml\"\n\n"
               + FORWARDED_ORIGINAL]),
    dict(title="LS on DetNet OAM for large-scale networks", **{"from": ["ITU-T Study Group 13"]},
         from_contacts=["tsbsg13@itu.int"], send_reply_to="tsbsg13@itu.int", to=["IETF DetNet WG"],
         to_contacts=["lberger@example.net"], send_to=GATEWAY, purpose="action", deadline="2027-03-15",
         defects=[],
         forwarded={"by": "lberger@example.net", "name": "Lou Berger", "at": "2026-11-20T09:15:00Z",
                    "message_id": "<fwd-rfc822@example.net>",
                    "original_message_id": "<sg13-ls77@itu.int>", "form": "attached"},
         sources=std_sources(["title", "from", "to", "purpose", "deadline", "body"],
                             {"from_contacts": "header", "send_reply_to": "header", "to_contacts": "header",
                              "send_to": "header"})),
    [("original.eml", "message/rfc822", (FORWARDED_ORIGINAL + "\n").encode().replace(b"\n", b"\r\n"))],
)

# 60. The same, forwarded inline (Gmail's form), the original's header block kept.
simple("forwarded-inline", "Janos Farkas <janos.farkas@example.com>",
       "Fwd: Liaison statement on TSN-DetNet interworking",
       "Please route this; IEEE 802.1 sent it to me directly.\n\n"
       "---------- Forwarded message ---------\n"
       "From: Glenn Parsons <glenn.parsons@example.com>\n"
       "Date: Thu, 19 Nov 2026 at 16:02\n"
       "Subject: Liaison statement on TSN-DetNet interworking\n"
       "To: Janos Farkas <janos.farkas@example.com>\n\n"
       + labelled("IEEE 802.1", "IETF DetNet WG", "TSN-DetNet interworking", "Purpose: For action",
                  "Deadline: 2027-02-01"),
       dict(title="TSN-DetNet interworking", **{"from": ["IEEE 802.1"]},
            from_contacts=["glenn.parsons@example.com"], send_reply_to="glenn.parsons@example.com",
            to=["IETF DetNet WG"], to_contacts=["janos.farkas@example.com"], send_to=GATEWAY,
            purpose="action", deadline="2027-02-01",
            defects=[],
            forwarded={"by": "janos.farkas@example.com", "name": "Janos Farkas",
                       "at": "2026-11-20T09:15:00Z", "message_id": "<forwarded-inline@fixtures.example>",
                       "original_message_id": None, "form": "inline"},
            sources=std_sources(["title", "from", "to", "purpose", "deadline", "body"],
                                {"from_contacts": "header", "send_reply_to": "header", "to_contacts": "header",
                                 "send_to": "header"})))

# 61. ITU-T SG15 answers a response the IETF sent it: In-Reply-To names our relay's
# Message-ID, "In response to" names our record; linked to it, which is marked answered.
simple("sdo-response-to-ietf", "ITU-T SG15 <tsbsg15@itu.int>", "Reply LS on OTN network slicing",
       "Title: Reply LS on OTN network slicing\nSource: ITU-T Study Group 15\nTo: IETF CCAMP WG\n"
       "Purpose: In response\nIn response to: IETF CCAMP response MSG-2026-0003 on OTN network slicing\n\n"
       "SG15 thanks the IETF CCAMP WG for its response and agrees with the approach.\n",
       dict(title="Reply LS on OTN network slicing", **{"from": ["ITU-T Study Group 15"]},
            from_contacts=["tsbsg15@itu.int"], send_reply_to="tsbsg15@itu.int", to=["IETF CCAMP WG"],
            send_to=GATEWAY, purpose="response",
            in_response_to="IETF CCAMP response MSG-2026-0003 on OTN network slicing",
            in_reply_to=["<mk2q1.relay.abc@iab.org>"],
            sources=std_sources(["title", "from", "to", "purpose", "in_response_to", "body"],
                                {"from_contacts": "header", "send_reply_to": "header", "send_to": "header"})),
       head_extra=[("In-Reply-To", "<mk2q1.relay.abc@iab.org>"), ("References", "<mk2q1.relay.abc@iab.org>")])

def hostile_files(directory):
    """Binary inputs the unit tests feed straight to the document readers."""
    os.makedirs(directory, exist_ok=True)
    zeros = make_zip([("LS.txt", b"\0" * (20 << 20))])
    with open(os.path.join(directory, "ratio-bomb.zip"), "wb") as f:
        f.write(zeros)
    # The same bomb claiming 1000 bytes in both headers: only counting the inflated bytes
    # as they arrive can stop it.
    lying = bytearray(zeros)
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = lying.find(signature)
        lying[at + offset : at + offset + 4] = (1000).to_bytes(4, "little")
    with open(os.path.join(directory, "lying-bomb.zip"), "wb") as f:
        f.write(bytes(lying))
    with open(os.path.join(directory, "many-entries.zip"), "wb") as f:
        f.write(make_zip([("f%03d.txt" % i, b"x") for i in range(300)]))
    with open(os.path.join(directory, "billion-laughs.docx"), "wb") as f:
        f.write(docx_package(laughs.encode()))
    with open(os.path.join(directory, "statement.docx"), "wb") as f:
        f.write(itu_docx)


def main():
    hostile_files(os.path.join(os.path.dirname(OUT.rstrip("/")) or ".", "hostile"))
    os.makedirs(OUT, exist_ok=True)
    for old in os.listdir(OUT):
        if old.endswith(".eml") or old.endswith(".expected.json"):
            os.remove(os.path.join(OUT, old))
    for name, head, body, exp, atts in FIXTURES:
        message = headers(head) + body
        with open(os.path.join(OUT, name + ".eml"), "wb") as f:
            f.write(message.encode("utf-8").replace(b"\n", b"\r\n"))
        full = {}
        for key in FIELDS:
            full[key] = exp.get(key, [] if key in LISTS else ({} if key == "sources" else None))
        full["kind"] = exp.get("kind", "statement")
        full["message_id"] = dict(head).get("Message-ID")
        full["attachments"] = [
            {"filename": n, "content_type": t, "size": len(d), "sha256": hashlib.sha256(d).hexdigest()}
            for n, t, d in atts]
        full["sources"] = dict(sorted(exp.get("sources", {}).items()))
        # Only a forward has one (extract --json leaves the key out otherwise).
        if "forwarded" in exp:
            full["forwarded"] = exp["forwarded"]
        with open(os.path.join(OUT, name + ".expected.json"), "w", encoding="utf-8") as f:
            json.dump(full, f, indent=2, sort_keys=True, ensure_ascii=False)
            f.write("\n")
    print("%d fixtures written to %s" % (len(FIXTURES), OUT))


if __name__ == "__main__":
    main()
