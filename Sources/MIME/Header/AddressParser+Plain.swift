extension AddressParser {
  /// The mailboxes of a list that takes none of the grammar's rarer paths, read straight from
  /// its bytes; nil for anything else, which then goes through the full grammar.
  ///
  /// Plain means printable ASCII and blanks, items separated by single commas, each item
  /// `local@domain` or `[phrase] <local@domain>`, where both halves of the address are
  /// dot-atoms and the phrase is atoms between blanks or one quoted string without backslash.
  /// No comment, group, route, domain literal, encoded word or empty item. Python then reports
  /// the phrase's atoms joined by one space (or the quoted text as written) and the address as
  /// written; `PlainHeaderPathTests` checks this against the grammar.
  static func plainMailboxes(_ value: String) -> [MIMEAddress]? {
    var value = value
    return value.withUTF8 { plainMailboxes($0) }
  }

  private static func plainMailboxes(_ v: UnsafeBufferPointer<UInt8>) -> [MIMEAddress]? {
    let n = v.count
    var i = 0
    func skipBlanks() { while i < n, v[i] == 0x20 || v[i] == 0x09 { i += 1 } }
    func atom() -> Range<Int>? {
      let start = i
      while i < n, isAtext(v[i]) { i += 1 }
      return i > start ? start..<i : nil
    }
    func dotAtom() -> Range<Int>? {
      guard let first = atom() else { return nil }
      while i < n, v[i] == UInt8(ascii: ".") {
        i += 1
        guard atom() != nil else { return nil }
      }
      return first.lowerBound..<i
    }
    func addrSpec() -> String? {
      guard let local = dotAtom(), i < n, v[i] == UInt8(ascii: "@") else { return nil }
      i += 1
      guard let domain = dotAtom() else { return nil }
      return String(decoding: v[local.lowerBound..<domain.upperBound], as: UTF8.self)
    }
    // "=?" may start an encoded word anywhere a word starts.
    for k in 0..<max(0, n - 1) where v[k] == UInt8(ascii: "=") && v[k + 1] == UInt8(ascii: "?") {
      return nil
    }
    var out: [MIMEAddress] = []
    skipBlanks()
    while true {
      // One item: an addr-spec, or a phrase (possibly empty) and an angle-addr.
      let itemStart = i
      var bare = addrSpec()
      skipBlanks()
      if bare != nil, i < n, v[i] != 0x2C { bare = nil }
      if let bare {
        out.append(MIMEAddress(name: "", address: bare))
      } else {
        i = itemStart
        var name: [UInt8] = []
        if i < n, v[i] == UInt8(ascii: "\"") {
          i += 1
          let start = i
          while i < n, v[i] != UInt8(ascii: "\"") {
            let b = v[i]
            guard b == 0x09 || (b >= 0x20 && b < 0x7F && b != UInt8(ascii: "\\")) else {
              return nil
            }
            i += 1
          }
          guard i < n else { return nil }
          name.append(contentsOf: v[start..<i])
          i += 1
          skipBlanks()
        } else {
          while let word = atom() {
            if !name.isEmpty { name.append(0x20) }
            name.append(contentsOf: v[word])
            skipBlanks()
          }
        }
        guard i < n, v[i] == UInt8(ascii: "<") else { return nil }
        i += 1
        guard let address = addrSpec(), i < n, v[i] == UInt8(ascii: ">") else { return nil }
        i += 1
        out.append(MIMEAddress(name: String(decoding: name, as: UTF8.self), address: address))
        skipBlanks()
      }
      guard i < n else { return out }
      guard v[i] == 0x2C else { return nil }
      i += 1
      skipBlanks()
      guard i < n else { return nil }
    }
  }

  /// RFC 5322 `atext` in ASCII: printable, not a special, not a blank.
  private static func isAtext(_ b: UInt8) -> Bool {
    b > 0x20 && b < 0x7F && !HeaderValueParser.atomEnds.contains(b)
  }
}
