import Foundation
import Hummingbird
import HummingbirdTesting
import Liaison
import Store
import Testing

@testable import Web

/// Only liaison statements are public (SPEC "The public record"): a real store holding one
/// record of each kind, through every public surface, and `liaisond export`.
@Suite("The public record: private mail stays private")
struct PrivateRecordTests {
  static let gateway = "liaison-coordination@iab.org"
  static let token = "k7q3x9m2fpwd"
  static let commandAddress = "liaison-coordination+ls-2026-0001.\(token)@iab.org"
  static let options = WebOptions(
    publicURL: "https://liaisons.example.org", pageSize: 50, gatewayAddresses: [gateway])

  struct Seeded {
    var store: LiaisonStore
    /// kind name -> id
    var ids: [String: String]
    var statement: String { ids["statement"]! }
    var privateIDs: [String] { ids.filter { $0.key != "statement" }.map(\.value).sorted() }
  }

  static func seeded() throws -> Seeded {
    let store = try LiaisonStore.temporary()
    var ids: [String: String] = [:]
    let kinds: [(String, MessageKind, String)] = [
      ("statement", .statement, "LS on network slicing"),
      ("reply", .replyToStatement, "Re: slicing <script>alert(1)</script>"),
      ("auto", .autoReply, "Out of office: slicing"),
      ("bounce", .bounce, "Undelivered: slicing"),
      ("other", .notLiaison, "Cheap slicing to \(commandAddress)"),
    ]
    for (offset, (name, kind, subject)) in kinds.enumerated() {
      let statement = ExtractedStatement(
        kind: kind, title: subject, from: ["ITU-T SG15"], fromContacts: ["\(name)@example.org"],
        to: ["IETF CCAMP WG"], purpose: .action, deadline: "2027-03-01",
        attachments: [],
        route: RouteDecision(groups: ["ccamp"], reason: "To names IETF CCAMP WG"),
        body: "Text about network slicing.", messageID: "<\(name)@example.org>")
      let raw = Array(
        """
        Received: from relay.iab.org by mx.iab.org for <\(commandAddress)>\r
        From: \(name.capitalized) <\(name)@example.org>\r
        To: \(commandAddress)\r
        Subject: \(subject)\r
        Message-ID: <\(name)@example.org>\r
        \r
        Text about network slicing.\r

        """.utf8)
      let attachment = ExtractedAttachment(
        info: AttachmentInfo(
          filename: "\(name).txt", contentType: "text/plain", size: 5, sha256: ""),
        data: Array("\(name)!".utf8), text: "slicing")
      var withAttachment = statement
      withAttachment.attachments = [attachment.info]
      ids[name] =
        try store.record(
          raw: raw, extraction: Extraction(statement: withAttachment, attachments: [attachment]),
          origin: .imap(mailbox: "INBOX", uidValidity: 1, uid: UInt32(offset + 1)),
          receivedAt: StoreSeeding.date("2026-11-2\(offset)T12:00:00Z")
        ).id
    }
    ids["quarantined"] =
      try store.recordUnparseable(
        raw: Array(
          "From: spam@example.net\r\nSubject: slicing <b>deal</b>\r\n\r\nslicing\r\n".utf8),
        origin: .imap(mailbox: "INBOX", uidValidity: 1, uid: 9), reason: "unparseable",
        receivedAt: StoreSeeding.date("2026-11-26T12:00:00Z")
      ).id
    return Seeded(store: store, ids: ids)
  }

  static func app(_ seeded: Seeded) throws -> some ApplicationProtocol {
    Application(
      router: try buildRouter(
        repository: seeded.store, options: options, now: { WebTestSupport.now }))
  }

  static func apiIDs(_ response: TestResponse) throws -> [String] {
    try JSONDecoder().decode([StatementRecord].self, from: Data(Array(buffer: response.body)))
      .map(\.id)
  }

  @Test("private mail is numbered apart from the statements")
  func ids() throws {
    let seeded = try Self.seeded()
    #expect(seeded.statement == "LS-2026-0001")
    #expect(seeded.privateIDs.allSatisfy { $0.hasPrefix("MSG-2026-") })
    #expect(seeded.privateIDs.count == 5)
  }

  @Test("/ and its search list the statement only")
  func listAndSearch() async throws {
    let seeded = try Self.seeded()
    try await Self.app(seeded).test(.router) { client in
      for uri in ["/", "/?q=slicing", "/?to=ccamp", "/?purpose=action", "/?state=closed"] {
        let html = WebTestSupport.text(try await client.execute(uri: uri, method: .get))
        let expected = uri == "/?state=closed" ? [] : [seeded.statement]
        #expect(PageRouteTests.listedIDs(html) == expected, "\(uri)")
        for id in seeded.privateIDs { #expect(!html.contains(id), "\(uri) shows \(id)") }
      }
    }
  }

  @Test("feeds carry the statement only")
  func feeds() async throws {
    let seeded = try Self.seeded()
    try await Self.app(seeded).test(.router) { client in
      for uri in ["/feeds/recent.atom", "/feeds/to/ccamp.atom", "/feeds/from/ITU-T%20SG15.atom"] {
        let xml = WebTestSupport.text(try await client.execute(uri: uri, method: .get))
        #expect(xml.components(separatedBy: "<entry>").count - 1 == 1, "\(uri)")
        #expect(xml.contains("/ls/\(seeded.statement)"), "\(uri)")
        for id in seeded.privateIDs { #expect(!xml.contains(id), "\(uri) shows \(id)") }
      }
    }
  }

  @Test("the API lists, counts and serves the statement only; a private id is a 404")
  func api() async throws {
    let seeded = try Self.seeded()
    try await Self.app(seeded).test(.router) { client in
      #expect(
        try Self.apiIDs(try await client.execute(uri: "/api/statements", method: .get))
          == [seeded.statement])
      for query in ["q=slicing", "to=ccamp", "purpose=action", "kind=bounce", "limit=10"] {
        let response = try await client.execute(uri: "/api/statements?" + query, method: .get)
        let expected = query == "kind=bounce" ? [] : [seeded.statement]
        #expect(try Self.apiIDs(response) == expected, "\(query)")
        #expect(
          response.headers[APIController<LiaisonStore>.totalCountHeader]
            == String(expected.count), "\(query)")
      }
      let known = try await client.execute(
        uri: "/api/statements/\(seeded.statement)", method: .get)
      #expect(known.status == .ok)
      let unknown = try await client.execute(uri: "/api/statements/MSG-2026-0099", method: .get)
      #expect(unknown.status == .notFound)
      for id in seeded.privateIDs {
        let response = try await client.execute(uri: "/api/statements/\(id)", method: .get)
        #expect(response.status == .notFound, "\(id)")
        #expect(
          String(buffer: response.body).replacingOccurrences(of: id, with: "X")
            == String(buffer: unknown.body).replacingOccurrences(of: "MSG-2026-0099", with: "X"))
      }
    }
  }

  @Test("a private id's page, raw mail and attachment are 404s; the statement's are not")
  func pages() async throws {
    let seeded = try Self.seeded()
    try await Self.app(seeded).test(.router) { client in
      for suffix in ["", "/raw", "/attachments/0"] {
        let response = try await client.execute(
          uri: "/ls/\(seeded.statement)\(suffix)", method: .get)
        #expect(response.status == .ok, "\(suffix)")
        for id in seeded.privateIDs {
          let hidden = try await client.execute(uri: "/ls/\(id)\(suffix)", method: .get)
          #expect(hidden.status == .notFound, "\(id)\(suffix)")
        }
      }
    }
  }

  /// A reply-all copy of a notification, held back by the process, says so on `/iab`.
  @Test("/iab shows a held-back mail as held back")
  func iabHeldBack() async throws {
    let seeded = try Self.seeded()
    let reply = try #require(seeded.ids["reply"])
    try seeded.store.setState(
      id: reply, state: .heldBack, detail: "reply-all copy", at: WebTestSupport.now)
    try await Self.app(seeded).test(.router) { client in
      let html = WebTestSupport.text(try await client.execute(uri: "/iab", method: .get))
      let section = String(
        html[(html.range(of: "<section id=\"private\"")?.lowerBound ?? html.endIndex)...])
      let row = section.components(separatedBy: "<tr>").first { $0.contains(reply) } ?? ""
      #expect(row.contains("Held back"))
      #expect(row.contains("Reply to a statement"))
    }
  }

  @Test("/iab lists each private record as text: kind, date, sender, subject, escaped")
  func iab() async throws {
    let seeded = try Self.seeded()
    try await Self.app(seeded).test(.router) { client in
      let html = WebTestSupport.text(try await client.execute(uri: "/iab", method: .get))
      guard let start = html.range(of: "<section id=\"private\"") else {
        Issue.record("no private section")
        return
      }
      let section = String(html[start.lowerBound...])
      for id in seeded.privateIDs {
        #expect(section.contains(id), "\(id)")
        #expect(!html.contains("href=\"/ls/\(id)\""), "\(id) is linked")
      }
      #expect(!section.contains(seeded.statement))
      for label in [
        "Reply to a statement", "Automatic reply", "Delivery failure notice",
        "Not a liaison statement", "Quarantined",
      ] {
        #expect(section.contains(label), "\(label)")
      }
      #expect(section.contains("reply@example.org"))
      // Why each was not routed: a quarantined mail's reason among them.
      #expect(section.contains("<th scope=\"col\">Why</th>"))
      #expect(section.contains("quarantined: unparseable"))
      #expect(section.contains("2026-11-21 12:00 UTC"))
      #expect(section.contains("Re: slicing &lt;script&gt;alert(1)&lt;/script&gt;"))
      #expect(section.contains("slicing &lt;b&gt;deal&lt;/b&gt;"))
      #expect(!html.contains("<script>alert(1)"))
      #expect(!html.contains("<b>deal"))
      #expect(section.contains("Cheap slicing to " + CommandAddresses.placeholder))
      #expect(!html.contains(Self.token))
      #expect(!html.contains("liaison-coordination+"))
    }
  }

  @Test("the statement's raw view names neither our relays nor a command address")
  func rawView() async throws {
    let seeded = try Self.seeded()
    try await Self.app(seeded).test(.router) { client in
      let raw = String(
        buffer: try await client.execute(uri: "/ls/\(seeded.statement)/raw", method: .get).body)
      #expect(raw.hasPrefix("From: Statement <statement@example.org>\r\n"))
      #expect(!raw.contains("Received:"))
      #expect(!raw.contains("mx.iab.org"))
      #expect(!raw.contains(Self.token))
      #expect(!raw.contains("To:"))
      #expect(raw.contains("Subject: LS on network slicing\r\n"))
      #expect(raw.contains("\r\n\r\nText about network slicing.\r\n"))
    }
  }

  @Test("liaisond export prints the public record; --all every record")
  func exportCommand() async throws {
    let seeded = try Self.seeded()
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent("liaisond").path
    let published = try await ProcessRunner.run(
      binary, ["export", "--json", "--store", seeded.store.directory])
    #expect(published.status == 0, "\(published.stderr)")
    let publicIDs = try JSONDecoder().decode(
      [StatementRecord].self, from: Data(published.stdout.utf8)
    ).map(\.id)
    #expect(publicIDs == [seeded.statement])
    let everything = try await ProcessRunner.run(
      binary, ["export", "--json", "--all", "--store", seeded.store.directory])
    #expect(everything.status == 0, "\(everything.stderr)")
    let allIDs = try JSONDecoder().decode(
      [StatementRecord].self, from: Data(everything.stdout.utf8)
    ).map(\.id)
    #expect(allIDs.sorted() == ([seeded.statement] + seeded.privateIDs).sorted())
  }
}
