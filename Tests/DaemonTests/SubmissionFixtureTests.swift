import Daemon
import Foundation
import Liaison
import Routing
import Testing
import Workflow

/// Every submission in `fixtures/submissions` through the `liaisond submit --check` logic,
/// and the binary's exit codes on two of them.
@Suite struct SubmissionFixtureTests {
  static let directory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("fixtures/submissions")

  static let names: [String] = {
    let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return files.filter { $0.hasSuffix(".eml") }.map { String($0.dropLast(4)) }.sorted()
  }()

  static let good: [String: Purpose] = [
    "information": .information, "action": .action, "response": .response,
  ]

  static func checker() -> SubmissionFileCheck {
    let process = ProcessConfiguration(
      gatewayAddress: "liaison-coordination@iab.org", statementsArchive: "archive@ietf.org")
    let router = StatementRouter(
      registry: RoutingRegistry.embedded,
      options: StatementRouter.Options(
        gatewayAddresses: [process.gatewayAddress], iabContact: process.iabContact,
        irtfContact: process.irtfContact))
    return SubmissionFileCheck(extractor: LiaisonExtractor(), router: router, process: process)
  }

  static func report(_ name: String) async throws -> SubmissionFileCheck.Report {
    let data = try Data(contentsOf: directory.appendingPathComponent(name + ".eml"))
    return await checker().check([UInt8](data), today: "2026-12-07")
  }

  @Test func fixtureSetIsComplete() {
    #expect(Set(Self.names) == Set(Self.good.keys).union(["five-problems"]))
  }

  @Test(arguments: ["information", "action", "response"])
  func aGoodSubmissionPrintsWhatWouldBeSent(name: String) async throws {
    let report = try await Self.report(name)
    let plan = try #require(report.check.plan, "\(name): \(report.text)")
    #expect(plan.submission.purpose == Self.good[name])
    #expect(plan.group.acronym == "ccamp")
    #expect(plan.body?.acronym == "itu-t-sg15")
    #expect(plan.sendTo == ["tsbsg15@itu.int"])
    #expect(plan.copies.contains("itu-t-sg15-liaison@ietf.org"))
    #expect(plan.copies.contains("ccamp-chairs@ietf.org"))
    #expect(plan.copies.contains("rtg-ads@ietf.org"))
    #expect(plan.approvers.addresses == ["rtg-ads@ietf.org"])
    #expect(report.text.hasPrefix("To: tsbsg15@itu.int\n"))
    #expect(report.text.contains("Reply-To: itu-t-sg15-liaison@ietf.org"))
    // The metadata block of seed 002 opens the statement's text.
    for label in ["Title: ", "From: IETF CCAMP WG", "Send Reply To: ", "To: ", "Purpose: "] {
      #expect(report.text.contains("\n" + label), "\(name) lacks \(label)")
    }
  }

  @Test func theActionSubmissionKeepsItsAttachmentsAndDeadline() async throws {
    let plan = try #require(try await Self.report("action").check.plan)
    #expect(plan.submission.deadline == "2099-03-01")
    #expect(
      plan.submission.attachments.map(\.filename) == ["otn-yang-review.pdf", "Übersicht.docx"])
    #expect(plan.submission.attachments.allSatisfy { $0.size > 0 })
  }

  @Test func fiveProblemsAreNamedAtOnce() async throws {
    let report = try await Self.report("five-problems")
    #expect(report.check.plan == nil)
    #expect(report.check.problems.map(\.field) == ["Title", "From", "To", "Purpose", "Deadline"])
    #expect(report.text.split(separator: "\n").count == 5)
    #expect(report.text.contains("2020-01-01 is in the past"))
    #expect(report.text.contains("The Unknown Standards Body"))
  }

  @Test func theBinaryExitsWithDataErrorOnProblemsAndPrintsAGoodOne() throws {
    let bad = try CommandLineTests.run([
      "submit", "--check", "--today", "2026-12-07",
      Self.directory.appendingPathComponent("five-problems.eml").path,
    ])
    #expect(bad.status == 65)
    #expect(bad.stderr.split(separator: "\n").count == 5)
    let good = try CommandLineTests.run([
      "submit", "--check", "--today", "2026-12-07",
      Self.directory.appendingPathComponent("information.eml").path,
    ])
    #expect(good.status == 0, "\(good.stderr)")
    #expect(good.stdout.contains("Title: CCAMP progress on OTN network slicing"))
    let unchecked = try CommandLineTests.run([
      "submit", Self.directory.appendingPathComponent("information.eml").path,
    ])
    #expect(unchecked.status == 64)
  }
}
