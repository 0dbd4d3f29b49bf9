import Foundation
import MailTransport

/// Where the datatracker's API pages come from: the live API, or a directory of saved
/// pages. A request is an API path with its query, as `meta.next` gives it
/// (`/api/v1/group/group/?limit=20&offset=20`).
public protocol DatatrackerPages: Sendable {
  /// What the pages are read from, for messages and the registry's `source`.
  var label: String { get }
  func page(_ request: String) async throws(DatatrackerError) -> [UInt8]
}

/// The largest page accepted (the API's largest pages are a few hundred KB).
let pageSizeLimit = 16 << 20

/// SOURCE of `--datatracker`: an `https://` base URL (`https://datatracker.ietf.org`), or a
/// directory of saved pages.
public func datatrackerPages(_ source: String, caFile: String? = nil) throws(DatatrackerError)
  -> any DatatrackerPages
{
  if source.hasPrefix("https://") || source.hasPrefix("http://") {
    do {
      _ = try HTTPClient.server(of: source)
    } catch {
      throw .badSource(source, reason: "\(error)")
    }
    return try LiveDatatrackerPages(base: source, client: HTTPClient(caFile: caFile))
  }
  var isDirectory: ObjCBool = false
  guard FileManager.default.fileExists(atPath: source, isDirectory: &isDirectory),
    isDirectory.boolValue
  else {
    throw .badSource(source, reason: "is neither an https:// URL nor a directory of saved pages")
  }
  return SavedDatatrackerPages(directory: source)
}

/// The live API, over libcurl.
public struct LiveDatatrackerPages: DatatrackerPages {
  public let base: String
  let client: HTTPClient

  public init(base: String, client: HTTPClient) throws(DatatrackerError) {
    var base = base
    while base.hasSuffix("/") { base.removeLast() }
    // The API path is appended to the base; a base that names a path of its own is kept.
    if base.hasSuffix("/api/v1") { base.removeLast("/api/v1".count) }
    guard URL(string: base)?.host != nil else {
      throw .badSource(base, reason: "names no server")
    }
    self.base = base
    self.client = client
  }

  public var label: String { base }

  public func page(_ request: String) async throws(DatatrackerError) -> [UInt8] {
    let url = base + request
    do {
      return try await client.get(url, limit: pageSizeLimit)
    } catch {
      throw .unreadable(page: url, reason: "\(error)")
    }
  }
}

/// A directory of saved pages: `<resource>/<offset>.json`, the page of `/api/v1/<resource>/`
/// at that offset (0 when the request names none). The other query parameters (limit,
/// filters) are those the pages were saved with.
public struct SavedDatatrackerPages: DatatrackerPages {
  public let directory: String

  public init(directory: String) {
    self.directory = directory
  }

  public var label: String { directory }

  public func page(_ request: String) async throws(DatatrackerError) -> [UInt8] {
    let path = try file(for: request)
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .unreadable(page: path, reason: "no such saved page (for \(request))")
    }
    guard data.count <= pageSizeLimit else {
      throw .unreadable(page: path, reason: "larger than \(pageSizeLimit) bytes")
    }
    return Array(data)
  }

  func file(for request: String) throws(DatatrackerError) -> String {
    guard let components = URLComponents(string: request),
      components.path.hasPrefix(apiPrefix)
    else {
      throw .badSource(request, reason: "is not a datatracker API path (\(apiPrefix)...)")
    }
    let resource = components.path.dropFirst(apiPrefix.count).split(separator: "/")
    guard !resource.isEmpty, !resource.contains("..") else {
      throw .badSource(request, reason: "names no resource")
    }
    let offset = components.queryItems?.first { $0.name == "offset" }?.value ?? "0"
    guard let number = Int(offset), number >= 0 else {
      throw .badSource(request, reason: "offset \(offset.debugDescription) is not a number")
    }
    return ([directory] + resource.map(String.init) + ["\(number).json"]).joined(separator: "/")
  }
}

let apiPrefix = "/api/v1/"
