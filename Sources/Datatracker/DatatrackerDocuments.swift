import Foundation
import MailTransport

/// Where the files of liaison attachments come from: the datatracker's document store
/// (`https://www.ietf.org/lib/dt/documents/LIAISON/`, where `Document.get_href` points a
/// `liai-att` document), or a directory of saved files beside saved API pages.
public protocol DatatrackerDocuments: Sendable {
  var label: String { get }
  /// The file of a document: its `uploaded_filename` under the store, or its own
  /// `external_url`; refused beyond `limit` bytes.
  func file(_ name: String, externalURL: String?, limit: Int) async throws(DatatrackerError)
    -> [UInt8]
}

/// The datatracker's attachment store when SOURCE is a URL.
public let liaisonDocumentBase = "https://www.ietf.org/lib/dt/documents/LIAISON/"

/// The documents beside SOURCE: `base` (an http(s) URL of the store, or a directory); by
/// default the datatracker's own store for a URL SOURCE, `<DIR>/documents/LIAISON/` for a
/// directory.
public func datatrackerDocuments(
  source: String, base: String? = nil, caFile: String? = nil
) throws(DatatrackerError) -> any DatatrackerDocuments {
  let isURL = source.hasPrefix("https://") || source.hasPrefix("http://")
  let base = base ?? (isURL ? liaisonDocumentBase : source + "/documents/LIAISON")
  if base.hasPrefix("https://") || base.hasPrefix("http://") {
    do {
      _ = try HTTPClient.server(of: base)
    } catch {
      throw .badSource(base, reason: "\(error)")
    }
    return LiveDatatrackerDocuments(base: base, client: HTTPClient(caFile: caFile))
  }
  return SavedDatatrackerDocuments(directory: base)
}

/// Documents over libcurl, by the TLS rules of IMAP and SMTP.
public struct LiveDatatrackerDocuments: DatatrackerDocuments {
  public let base: String
  let client: HTTPClient

  public init(base: String, client: HTTPClient) {
    self.base = base.hasSuffix("/") ? base : base + "/"
    self.client = client
  }

  public var label: String { base }

  public func file(_ name: String, externalURL: String?, limit: Int) async throws(DatatrackerError)
    -> [UInt8]
  {
    let url: String
    if let externalURL, externalURL.hasPrefix("https://") || externalURL.hasPrefix("http://") {
      url = externalURL
    } else {
      guard let escaped = name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed),
        !name.contains("/")
      else { throw .unreadable(page: name, reason: "not a document file name") }
      url = base + escaped
    }
    do {
      return try await client.get(url, limit: limit)
    } catch {
      throw .unreadable(page: url, reason: "\(error)")
    }
  }
}

/// Saved documents: `<directory>/<uploaded_filename>`. An external URL is not followed.
public struct SavedDatatrackerDocuments: DatatrackerDocuments {
  public let directory: String

  public init(directory: String) {
    self.directory = directory
  }

  public var label: String { directory }

  public func file(_ name: String, externalURL: String?, limit: Int) async throws(DatatrackerError)
    -> [UInt8]
  {
    guard !name.isEmpty, !name.contains("/"), name != "..", name != "." else {
      throw .unreadable(page: name, reason: "not a document file name")
    }
    let path = directory + "/" + name
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
    guard let size else { throw .unreadable(page: path, reason: "no such saved document") }
    guard size <= limit else {
      throw .unreadable(page: path, reason: "larger than \(limit) bytes")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .unreadable(page: path, reason: "cannot be read")
    }
    return Array(data)
  }
}
