import Foundation

/// Reads every object of one API listing, following `meta.next` from page to page.
///
/// A listing is complete or refused: a page that is not JSON or lacks `meta`/`objects`
/// (a cut-off download), a `next` that loops, or pages that together hold another number
/// of objects than `meta.total_count` are errors naming the page or the resource.
struct TastypieListing {
  let pages: any DatatrackerPages
  /// Beyond this many pages a listing is assumed to loop.
  static let pageLimit = 10_000

  func objects(_ first: String) async throws(DatatrackerError) -> [TastypieObject] {
    let resource = first.split(separator: "?").first.map(String.init) ?? first
    var request: String? = first
    var seen: Set<String> = []
    var objects: [TastypieObject] = []
    var expected: Int?
    while let current = request {
      guard seen.insert(current).inserted else {
        throw .paging(resource: resource, reason: "meta.next returns to \(current)")
      }
      guard seen.count <= Self.pageLimit else {
        throw .paging(resource: resource, reason: "more than \(Self.pageLimit) pages")
      }
      let label = "\(pages.label) \(current)"
      let bytes = try await pages.page(current)
      let page: [String: Any]
      do {
        guard let object = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any]
        else { throw DatatrackerError.malformedPage(page: label, reason: "not a JSON object") }
        page = object
      } catch let error as DatatrackerError {
        throw error
      } catch {
        throw .malformedPage(page: label, reason: "not JSON (\(bytes.count) bytes): \(error)")
      }
      guard let meta = page["meta"] as? [String: Any] else {
        throw .malformedPage(page: label, reason: "no 'meta'")
      }
      guard let items = page["objects"] as? [Any] else {
        throw .malformedPage(page: label, reason: "no 'objects' list")
      }
      guard let total = meta["total_count"] as? Int else {
        throw .malformedPage(page: label, reason: "no 'meta.total_count'")
      }
      if let expected, expected != total {
        throw .incomplete(resource: resource, expected: expected, got: total)
      }
      expected = total
      for (index, item) in items.enumerated() {
        guard let fields = item as? [String: Any] else {
          throw .malformedPage(page: label, reason: "object \(index + 1) is not a JSON object")
        }
        objects.append(TastypieObject(fields, page: label, index: index))
      }
      switch meta["next"] {
      case let next as String:
        guard next.hasPrefix(apiPrefix) else {
          throw .malformedPage(
            page: label, reason: "meta.next \(next.debugDescription) is not an API path")
        }
        request = next
      case nil, is NSNull:
        request = nil
      default:
        throw .malformedPage(page: label, reason: "meta.next is neither a path nor null")
      }
    }
    if let expected, expected != objects.count {
      throw .incomplete(resource: resource, expected: expected, got: objects.count)
    }
    return objects
  }
}
