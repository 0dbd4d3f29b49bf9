import Foundation

/// One object of an API page, read field by field; every error names the object.
struct TastypieObject {
  let fields: [String: Any]
  /// Its `resource_uri`, or the page and position when it has none.
  let name: String

  init(_ fields: [String: Any], page: String, index: Int) {
    self.fields = fields
    name = (fields["resource_uri"] as? String) ?? "\(page) object \(index + 1)"
  }

  func bad(_ field: String, _ reason: String) -> DatatrackerError {
    .badObject(object: name, field: field, reason: reason)
  }

  /// A string field; nil when it is null or absent and not required.
  func string(_ field: String, required: Bool = true) throws(DatatrackerError) -> String? {
    switch fields[field] {
    case let value as String:
      return value
    case nil, is NSNull:
      if required { throw bad(field, "missing") }
      return nil
    default:
      throw bad(field, "must be a string")
    }
  }

  func int(_ field: String) throws(DatatrackerError) -> Int {
    guard let value = fields[field] as? Int else { throw bad(field, "must be a number") }
    return value
  }

  /// The last path component of a URI field under `prefix` (a slug, an id, an address),
  /// percent-decoded: `/api/v1/name/rolename/chair/` gives `chair`.
  func key(_ field: String, under prefix: String, required: Bool = true) throws(DatatrackerError)
    -> String?
  {
    guard let uri = try string(field, required: required) else { return nil }
    guard uri.hasPrefix(prefix), uri.hasSuffix("/"), uri.count > prefix.count + 1 else {
      throw bad(field, "\(uri.debugDescription) is not a \(prefix)... URI")
    }
    let raw = String(uri.dropFirst(prefix.count).dropLast())
    guard !raw.contains("/"), let decoded = raw.removingPercentEncoding, !decoded.isEmpty else {
      throw bad(field, "\(uri.debugDescription) is not a \(prefix)... URI")
    }
    return decoded
  }

  /// The numeric id a URI field names (`/api/v1/group/group/20/` gives 20).
  func id(_ field: String, under prefix: String) throws(DatatrackerError) -> Int {
    guard let number = Int(try key(field, under: prefix)!) else {
      throw bad(field, "not a \(prefix)<id>/ URI")
    }
    return number
  }

  /// The numeric ids of a list of URIs (a to-many field); empty when null or absent.
  func ids(_ field: String, under prefix: String) throws(DatatrackerError) -> [Int] {
    switch fields[field] {
    case nil, is NSNull:
      return []
    case let uris as [Any]:
      var ids: [Int] = []
      for uri in uris {
        guard let uri = uri as? String, uri.hasPrefix(prefix), uri.hasSuffix("/"),
          let number = Int(uri.dropFirst(prefix.count).dropLast())
        else { throw bad(field, "\(uri) is not a \(prefix)<id>/ URI") }
        ids.append(number)
      }
      return ids
    default:
      throw bad(field, "must be a list of URIs")
    }
  }
}
