/// Picks and renders the best readable body of a message (oracle rule T),
/// with Python's `EmailMessage.get_body` choice of part.
public enum BodyTextSelector {
  /// text/plain if there is one outside attachments, else text/html stripped
  /// to text; normalised line ends, no trailing blanks. Nil when neither exists.
  public static func bestText(of root: MIMEEntity) -> String? {
    guard let part = body(of: root, subtype: "plain") ?? body(of: root, subtype: "html") else {
      return nil
    }
    let decoded = part.decodeBody().bytes
    var text = MIMEEntity.decodeText(decoded, charset: part.charset)
    if part.contentType == "text/html" { text = HTMLStripper.strip(text) }
    return normalise(text)
  }

  /// The first `text/<subtype>` leaf in get_body order: attachments skipped,
  /// multiparts descended (of multipart/related only its start part),
  /// embedded messages not descended.
  public static func body(of root: MIMEEntity, subtype: String) -> MIMEEntity? {
    find(root, subtype: "text/" + subtype)
  }

  private static func find(_ part: MIMEEntity, subtype: String) -> MIMEEntity? {
    if part.isAttachment { return nil }
    if part.contentType.hasPrefix("text/") {
      return part.contentType == subtype ? part : nil
    }
    guard part.kind == .multipart else { return nil }
    if part.contentType != "multipart/related" {
      for child in part.children {
        if let found = find(child, subtype: subtype) { return found }
      }
      return nil
    }
    var candidate: MIMEEntity?
    if let start = part.contentTypeParameters?["start"], !start.isEmpty {
      candidate = part.children.first { $0.header["content-id"] == start }
    }
    guard let chosen = candidate ?? part.children.first else { return nil }
    return find(chosen, subtype: subtype)
  }

  /// CRLF and CR to LF, trailing space/tab/FF/VT stripped from each line,
  /// trailing LFs removed.
  static func normalise(_ s: String) -> String {
    var out: [UInt8] = []
    let bytes = Array(s.utf8)
    out.reserveCapacity(bytes.count)
    var i = 0
    var lineStart = 0
    func trimLine() {
      while out.count > lineStart {
        let b = out[out.count - 1]
        if b == 0x20 || b == 0x09 || b == 0x0C || b == 0x0B { out.removeLast() } else { break }
      }
    }
    while i < bytes.count {
      let b = bytes[i]
      if b == ASCII.cr || b == ASCII.lf {
        trimLine()
        out.append(ASCII.lf)
        lineStart = out.count
        if b == ASCII.cr && i + 1 < bytes.count && bytes[i + 1] == ASCII.lf { i += 1 }
      } else {
        out.append(b)
      }
      i += 1
    }
    trimLine()
    while out.last == ASCII.lf { out.removeLast() }
    return String(decoding: out, as: UTF8.self)
  }
}
