import Foundation
import Liaison
import Routing
import Store
import Testing

@testable import Datatracker

/// `export --datatracker`: the record in the shape of the datatracker's
/// `liaisons/liaisonstatement` resource, held to the field list and names saved from the
/// datatracker's source (fixtures/datatracker/liaisonstatement-fields.json).
@Suite struct DatatrackerExportTests {
  struct Shape: Decodable {
    var fields: [String]
    var purposes: [String]
    var states: [String]
    var tags: [String]
  }

  static let shape = try! JSONDecoder().decode(
    Shape.self,
    from: Data(
      contentsOf: URL(
        fileURLWithPath: DatatrackerImporterTests.fixture("liaisonstatement-fields.json"))))

  static func slug(_ uri: Any?, under prefix: String) -> String? {
    guard let uri = uri as? String, uri.hasPrefix(prefix), uri.hasSuffix("/") else { return nil }
    return String(uri.dropFirst(prefix.count).dropLast())
  }

  @Test func everyObjectHasExactlyTheResourcesFieldsAndItsNames() async throws {
    let store = try LiaisonStore.temporary()
    _ = try store.importHistory(try await HistoryImporterTests.importing().statements)
    let mailed = ExtractedStatement(
      title: "LS on OTN network slicing", from: ["ITU-T Study Group 15"],
      to: ["IETF CCAMP WG"], purpose: .action, deadline: "2027-03-01",
      route: RouteDecision(groups: ["ccamp"], recipients: ["ccamp-chairs@ietf.org"]),
      messageID: "<ls200@itu.int>")
    _ = try store.record(
      raw: Array("Message-ID: <ls200@itu.int>\r\n\r\nLS\r\n".utf8),
      extraction: Extraction(statement: mailed), origin: .file(path: "/tmp/ls200.eml"),
      receivedAt: Date())
    let registry = try await DatatrackerImporterTests.importing("current")
    let export = DatatrackerExport(
      records: try store.export(scope: .publicRecord),
      aliases: try store.aliases(source: LiaisonStore.datatrackerSource), registry: registry)

    let page =
      try JSONSerialization.jsonObject(with: Data(try export.json().utf8))
      as! [String: Any]
    let objects = try #require(page["objects"] as? [[String: Any]])
    #expect(objects.count == 4)
    #expect((page["meta"] as? [String: Any])?["total_count"] as? Int == 4)
    for object in objects {
      #expect(object.keys.sorted() == Self.shape.fields)
      let purpose = Self.slug(object["purpose"], under: "/api/v1/name/liaisonstatementpurposename/")
      #expect(purpose.map(Self.shape.purposes.contains) == true, "\(object)")
      let state = Self.slug(object["state"], under: "/api/v1/name/liaisonstatementstate/")
      #expect(state.map(Self.shape.states.contains) == true, "\(object)")
      for tag in object["tags"] as? [String] ?? [] {
        let slug = Self.slug(tag, under: "/api/v1/name/liaisonstatementtagname/")
        #expect(slug.map(Self.shape.tags.contains) == true, "\(tag)")
      }
    }

    let imported = try #require(objects.first { $0["id"] as? Int == 1801 })
    #expect(imported["resource_uri"] as? String == "/api/v1/liaisons/liaisonstatement/1801/")
    #expect(imported["from_groups"] as? [String] == ["/api/v1/group/group/34/"])
    #expect(imported["to_groups"] as? [String] == ["/api/v1/group/group/20/"])
    #expect(imported["purpose"] as? String == "/api/v1/name/liaisonstatementpurposename/action/")
    #expect(imported["deadline"] as? String == "2025-03-31")
    #expect(imported["state"] as? String == "/api/v1/name/liaisonstatementstate/posted/")

    let response = try #require(objects.first { $0["id"] as? Int == 1802 })
    #expect(response["from_groups"] as? [String] == ["/api/v1/group/group/20/"])
    #expect(response["to_groups"] as? [String] == ["/api/v1/group/group/34/"])
    #expect(
      response["purpose"] as? String == "/api/v1/name/liaisonstatementpurposename/response/")

    // Not on the datatracker yet: no id; awaiting its response.
    let fresh = try #require(
      objects.first { $0["title"] as? String == "LS on OTN network slicing" })
    #expect(fresh["id"] is NSNull && fresh["resource_uri"] is NSNull)
    #expect(fresh["to_groups"] as? [String] == ["/api/v1/group/group/20/"])
    #expect(fresh["tags"] as? [String] == ["/api/v1/name/liaisonstatementtagname/required/"])
  }
}
