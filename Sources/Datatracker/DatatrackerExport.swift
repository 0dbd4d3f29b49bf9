import Foundation
import Liaison
import Routing

/// The record in the shape of the datatracker's `liaisons/liaisonstatement` resource
/// (`ietf/liaisons/resources.py` over `ietf/liaisons/models.py`), as one Tastypie page, so
/// that the secretariat can post the statements or compare the two records, and so that
/// `history import` reads it back.
///
/// Related objects are URIs as the API writes them: purposes and states by the slugs of
/// `ietf/name/fixtures/names.json`, groups by their datatracker ids where the registry was
/// imported from the datatracker (a group it does not know there is left out). A statement
/// the datatracker holds keeps its id there (its alias); one it does not yet hold has
/// `id` and `resource_uri` null.
public struct DatatrackerExport: Sendable {
  /// Every field of the resource, in the order the API sorts them.
  public static let fields = [
    "action_holder_contacts", "attachments", "body", "cc_contacts", "deadline", "from_contact",
    "from_groups", "id", "other_identifiers", "purpose", "resource_uri", "response_contacts",
    "state", "tags", "technical_contacts", "title", "to_contacts", "to_groups",
  ]

  public let records: [StatementRecord]
  /// Record id -> datatracker id.
  public let aliases: [String: String]
  public let registry: GroupRegistry

  public init(records: [StatementRecord], aliases: [String: String], registry: GroupRegistry) {
    self.records = records
    self.aliases = aliases
    self.registry = registry
  }

  /// The objects, one per liaison statement of `records` (other kinds have no place there).
  public var objects: [[String: Any]] {
    records.filter { $0.statement.kind == .statement }.map(object)
  }

  /// The page as JSON text, keys sorted.
  public func json() throws -> String {
    let objects = objects
    let page: [String: Any] = [
      "meta": [
        "limit": objects.count, "next": NSNull(), "offset": 0, "previous": NSNull(),
        "total_count": objects.count,
      ],
      "objects": objects,
    ]
    let data = try JSONSerialization.data(
      withJSONObject: page, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  func object(_ record: StatementRecord) -> [String: Any] {
    let s = record.statement
    let alias = aliases[record.id]
    let outgoing = s.direction == .outgoing
    let ietfGroups = s.route.groups.compactMap(groupURI(acronym:))
    let otherGroups = (outgoing ? s.to : s.from).compactMap(groupURI(body:))
    func nullable(_ value: String?) -> Any { value ?? NSNull() }
    return [
      "action_holder_contacts": "",
      "attachments": [String](),
      "body": s.body ?? "",
      "cc_contacts": s.cc.joined(separator: ", "),
      "deadline": nullable(s.deadline),
      "from_contact": nullable(s.fromContacts.first),
      "from_groups": outgoing ? ietfGroups : otherGroups,
      "id": alias.flatMap { Int($0) }.map { $0 as Any } ?? NSNull(),
      "other_identifiers": s.otherIdentifiers.joined(separator: ", "),
      "purpose": "\(apiPrefix)name/liaisonstatementpurposename/\(Self.purposeSlug(s.purpose))/",
      "resource_uri": nullable(alias.map { "\(apiPrefix)liaisons/liaisonstatement/\($0)/" }),
      "response_contacts": s.sendReplyTo ?? "",
      "state": "\(apiPrefix)name/liaisonstatementstate/\(Self.stateSlug(record))/",
      "tags": Self.tags(record).map { "\(apiPrefix)name/liaisonstatementtagname/\($0)/" },
      "technical_contacts": "",
      "title": s.title ?? "",
      "to_contacts": s.toContacts.joined(separator: ", "),
      "to_groups": outgoing ? otherGroups : ietfGroups,
    ]
  }

  /// The datatracker's purpose slug: `info` for information; a purpose it does not name
  /// (none was read) is `info`, the one that asks nothing.
  static func purposeSlug(_ purpose: Purpose?) -> String {
    switch purpose {
    case .action?: "action"
    case .comment?: "comment"
    case .response?: "response"
    default: "info"
    }
  }

  /// The datatracker's state: what is on the public record is `posted`; an outgoing
  /// statement still waiting is `pending` or `approved`; one that was never sent `dead`.
  static func stateSlug(_ record: StatementRecord) -> String {
    guard record.statement.direction == .outgoing else { return "posted" }
    switch record.state {
    case .pending: return "pending"
    case .approved: return "approved"
    case .rejected, .lapsed: return "dead"
    default: return "posted"
    }
  }

  /// `taken` when a chair or AD said ACTION TAKEN, `required` ("Action Required") while a
  /// response is awaited.
  static func tags(_ record: StatementRecord) -> [String] {
    if record.events.contains(where: { $0.kind == .actionTaken }) { return ["taken"] }
    return ResponseRule.needsResponse(record) ? ["required"] : []
  }

  func groupURI(acronym: String) -> String? {
    registry.group(acronym).flatMap(Self.uri(of:))
  }

  /// The registry's group a body name names (its name, one of its names, or its acronym).
  func groupURI(body: String) -> String? {
    let key = body.lowercased()
    let group = registry.groups.first { group in
      group.acronym == key || group.name.lowercased() == key
        || group.names.contains { $0.lowercased() == key }
    }
    return group.flatMap(Self.uri(of:))
  }

  /// The group's datatracker URI, which an imported registry keeps in its `source`.
  static func uri(of group: RegisteredGroup) -> String? {
    guard let source = group.source,
      let start = source.range(of: "\(apiPrefix)group/group/")
    else { return nil }
    let digits = source[start.upperBound...].prefix(while: \.isNumber)
    return digits.isEmpty ? nil : "\(apiPrefix)group/group/\(digits)/"
  }
}
