import Datatracker
import Foundation
import Liaison
import MIME
import MailTransport
import Routing
import Store
import Testing

@testable import Workflow

/// The registry imported by URL from a local HTTP server serving the saved datatracker
/// pages, then used by the process: an authenticated chair it names responds and is
/// recognised; someone it does not name is refused.
@Suite(.serialized) struct DatatrackerRegistryEndToEndTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  static let chair = "frankie.rasmussen@example.net"
  static let ad = "noor.lindqvist@example.net"

  @Test func anImportedChairIsRecognisedAndAStrangerIsNot() async throws {
    let server = try FixturePageServer(
      directory: Self.root.appendingPathComponent("fixtures/datatracker/current").path)
    defer { server.stop() }
    let pages = try LiveDatatrackerPages(
      base: "http://127.0.0.1:\(server.port)", client: HTTPClient(timeout: .seconds(30)))
    let registry = try await DatatrackerImporter(pages: pages).importRegistry()
    #expect(RoleDirectory(registry: registry).holds(Self.chair, .chair, for: "ccamp"))

    let store = try LiaisonStore.temporary()
    let configuration = ProcessConfiguration(
      gatewayAddress: CommandsByMailTests.gateway, publicURL: "https://liaisons.example.org",
      iabContact: "iab-liaisons@iab.example",
      tokenKey: try CommandTokenKey(bytes: Array(repeating: 7, count: 32), file: "test-key"))
    let process = LiaisonProcess(
      store: store,
      router: StatementRouter(
        registry: registry,
        options: .init(gatewayAddresses: configuration.gatewayAddresses, iabContact: "iab")),
      configuration: configuration, clock: TestClock(now: CommandsByMailTests.received))
    let original = try LiaisonProcessTests.record(LiaisonProcessTests.statement(), in: store)
    try process.handleRecorded(id: original, now: CommandsByMailTests.received)
    #expect(try store.statement(id: original)?.statement.route.groups == ["ccamp"])
    let respond = try #require(process.configuration.respondAddress(for: original))

    func receive(from: String, body: String) async throws -> String {
      let raw =
        Array(CommandsByMailTests.authentication(from).utf8)
        + CommandsByMailTests.mail(from: from, to: respond, body: body)
      let extractor = LiaisonExtractor(
        options: .init(
          gatewayAddresses: [CommandsByMailTests.gateway],
          trustedAuthservIDs: [CommandsByMailTests.mta]))
      let extraction = await extractor.extract(try MIMEParser().parse(raw), raw: raw)
      let id = try store.record(
        raw: raw, extraction: extraction, origin: .file(path: "/tmp/\(UUID()).eml"),
        receivedAt: CommandsByMailTests.received
      ).id
      try process.handleRecorded(id: id, now: CommandsByMailTests.received)
      return id
    }

    // A former QUIC chair, authenticated, holds no role for a CCAMP statement.
    let stranger = try await receive(
      from: "val.hawthorne@example.com", body: "The CCAMP WG thanks SG15.")
    #expect(
      try store.statement(id: stranger)?.events.contains { $0.kind == .commandRefused } == true)

    // The CCAMP chair the datatracker names: a draft, sent to the routing ADs to approve.
    let draft = try await receive(from: Self.chair, body: "The CCAMP WG thanks SG15.")
    #expect(try store.statement(id: draft)?.state == .awaitingApproval)
    let outbox = try store.dueOutbox(now: Date.distantFuture, limit: 100).map(\.mail)
    let request = try #require(outbox.first { $0.kind == "approval_request" })
    #expect(request.recipients.contains(Self.ad))
    #expect(request.recipients.contains("oakley.sorensen@example.org"))
  }
}

/// fixtures/datatracker/serve.py on 127.0.0.1, started and stopped by the test.
final class FixturePageServer {
  let process = Process()
  let port: Int

  init(directory: String) throws {
    let script = DatatrackerRegistryEndToEndTests.root.appendingPathComponent(
      "fixtures/datatracker/serve.py"
    ).path
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", script, directory]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    // The first line is the port; an empty read means the server died before it.
    var data = Data()
    while !data.contains(0x0A) {
      let chunk = output.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      data.append(chunk)
    }
    guard let line = String(decoding: data, as: UTF8.self).split(separator: "\n").first,
      let port = Int(line)
    else {
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      throw CocoaError(.fileReadUnknown)
    }
    self.port = port
  }

  /// SIGKILL: the server keeps nothing, and a signal mask handed down cannot block it.
  func stop() {
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
  }
}
