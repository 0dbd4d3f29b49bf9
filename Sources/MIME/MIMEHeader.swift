import Foundation

/// A header block: the fields in order, with Python-compatible lookups.
///
/// Lookups use the FIRST field of a name (ASCII case-insensitive), as
/// Python's `Message.get` does; later duplicates stay available via ``all(_:)``.
public struct MIMEHeader: Sendable {
  public var fields: [MIMEHeaderField]

  public init(fields: [MIMEHeaderField] = []) { self.fields = fields }

  public func first(_ name: String) -> MIMEHeaderField? {
    fields.first { $0.hasName(name) }
  }

  public func all(_ name: String) -> [MIMEHeaderField] {
    fields.filter { $0.hasName(name) }
  }

  /// The unfolded value of the first field of that name.
  public subscript(_ name: String) -> String? { first(name)?.value }

  /// The first value of that name in Python's escaped form, for the decoders.
  func escaped(_ name: String) -> String? { first(name)?.escapedValue }

  /// The mailboxes of an address field (groups flattened); empty if absent.
  public func addresses(_ name: String) -> [MIMEAddress] {
    guard let field = first(name), !field.tooLargeToParse else { return [] }
    return AddressParser.parse(field.escapedValue)
  }

  /// Subject with RFC 2047 encoded words decoded.
  public var subject: String? {
    escaped("subject").map { EncodedWordDecoder.decodeUnstructured($0) }
  }

  /// The Date field, or nil if absent or unparseable.
  public var date: Date? { escaped("date").flatMap { DateParser.parse($0) } }

  /// The Message-ID value with surrounding whitespace removed (brackets kept).
  public var messageID: String? { self["message-id"].map { ASCII.pythonStrip($0) } }

  /// The decoded In-Reply-To value, whitespace-stripped, not further parsed.
  public var inReplyTo: String? {
    escaped("in-reply-to").map { ASCII.pythonStrip(EncodedWordDecoder.decodeUnstructured($0)) }
  }

  /// Every `<...>` in the References value, in order; if there is none, the
  /// value split on whitespace.
  public var references: [String] {
    guard let raw = escaped("references") else { return [] }
    let value = EncodedWordDecoder.decodeUnstructured(raw)
    var ids: [String] = []
    let scalars = Array(value.unicodeScalars)
    var i = 0
    while i < scalars.count {
      if scalars[i] == "<" {
        var j = i + 1
        while j < scalars.count && scalars[j] != ">" && scalars[j] != "<" { j += 1 }
        if j < scalars.count && scalars[j] == ">" {
          var s = String.UnicodeScalarView()
          s.append(contentsOf: scalars[i...j])
          ids.append(String(s))
          i = j + 1
          continue
        }
        i = j
        continue
      }
      i += 1
    }
    return ids.isEmpty ? ASCII.pythonSplit(value) : ids
  }
}
