// Expected values were produced by CPython 3.11.7's email package (policy.default), the
// oracle of the MIME corpus, on exactly these inputs.
import Foundation
import Testing

@testable import MIME

@Suite("DateParser: parsedate_to_datetime semantics")
struct DateParserTests {
  static let cases: [(String, String?)] = [
    ("Mon, 21 Nov 2016 14:02:00 +0100", "2016-11-21T13:02:00Z"),
    ("21 Nov 2016 14:02:00 GMT", "2016-11-21T14:02:00Z"),
    ("Mon, 21 Nov 16 14:02 -0500", "2016-11-21T19:02:00Z"),
    ("Thu, 1 Jan 1970 00:00:00 -0000", "1970-01-01T00:00:00Z"),
    ("Fri, 19 Oct 2012 12:22:49 EST", "2012-10-19T17:22:49Z"),
    ("Sat, 2 Feb 2002 17:00:06 +0000 (GMT)", "2002-02-02T17:00:06Z"),
    ("2 Feb 2002 17:00:06", "2002-02-02T17:00:06Z"),
    ("Tue, 30 Feb 2021 10:00:00 +0000", nil),
    ("Tue, 1 Jun 2021 25:00:00 +0000", nil),
    ("garbage", nil),
    ("", nil),
    ("   ", nil),
    ("Mon, 1 Jan 2000 00:00:00 +2400", nil),
    ("Mon, 1 Jan 2000 00:00:00 +05", "1999-12-31T23:55:00Z"),
    ("Wed, 15-Jan-03 10:10:10 GMT", "2003-01-15T10:10:10Z"),
    ("Jan 5 2003 10:10:10 PST", "2003-01-05T18:10:10Z"),
    ("5 Jan 99 10.10.10 PDT", "1999-01-05T17:10:10Z"),
    ("5 Jan 68 10:10 UT", "2068-01-05T10:10:00Z"),
    ("5 Jan 69 10:10 Z", "1969-01-05T10:10:00Z"),
    ("Mon, 01 Jan 0001 00:00:00 +0100", "2000-12-31T23:00:00Z"),
    ("Fri, 31 Dec 9999 23:59:59 -0100", nil),
    ("1 Jan 200 10:00:00 +0000", "200-01-01T10:00:00Z"),
    ("Mon,1 Jan 2000 10:00:00 +0000", "2000-01-01T10:00:00Z"),
    ("1 January 2000 10:00:00 XYZ", "2000-01-01T10:00:00Z"),
    ("Mon, 9 Jul _1996 02:13:08 -0700", "1300-07-09T02:13:08Z"),
  ]

  @Test("Parses like Python, rendered like the oracle", arguments: cases)
  func parsesLikePython(_ testCase: (String, String?)) {
    #expect(DateParser.parse(testCase.0).map(DateParser.oracleString) == testCase.1)
  }

  @Test("The rendering uses the proleptic Gregorian calendar")
  func prolepticGregorian() {
    let date = Date(timeIntervalSince1970: -62_135_596_800)  // 0001-01-01T00:00:00Z
    #expect(DateParser.oracleString(date) == "1-01-01T00:00:00Z")
  }
}
