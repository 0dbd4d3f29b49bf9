/// Address fields (From, To, Cc, Reply-To) parsed as Python's `AddressHeader` does.
public enum AddressParser {
  /// Every mailbox of the field in order, groups flattened, as the oracle's rule H reports it.
  /// Where Python's parser raises (a known class of bugs on malformed input) the result is
  /// empty, as the oracle's is.
  public static func parse(_ value: String) -> [MIMEAddress] {
    plainMailboxes(value) ?? parseWithGrammar(value)
  }

  /// `parse` through Python's whole address grammar, whatever the value.
  static func parseWithGrammar(_ value: String) -> [MIMEAddress] {
    (try? mailboxes(value)) ?? []
  }

  static func mailboxes(_ value: String) throws(HeaderParseFailure) -> [MIMEAddress] {
    let input = HeaderValueParser.input(value)
    let parsed = EncodedWordMemo.$current.withValue(EncodedWordMemo()) {
      Result { () throws(HeaderParseFailure) -> HeaderToken in
        try HeaderValueParser.getAddressList(input)
      }
    }
    let list = try parsed.get()
    var out: [MIMEAddress] = []
    for address in list.addresses {
      // `Address.display_name` is read for every address (it names the group); Python raises
      // there for some malformed group names, which empties the whole field.
      if try address.child(0).tokenType() == "group" { _ = try address.child(0).displayName() }
      for mailbox in try address.allMailboxes() {
        let name = try mailbox.displayName() ?? ""
        var local = try mailbox.localPart() ?? ""
        let domain = try mailbox.domain() ?? ""
        // `headerregistry.Address` refuses CR and LF (they can come from encoded words).
        if (name + local + domain).unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" }) {
          throw .crash
        }
        local = PythonText.sanitize(local)
        if local.unicodeScalars.contains(where: { quotedLocalPartCharacters.contains($0) }) {
          local = PythonText.quoteString(local)
        }
        let address = domain.isEmpty ? local : local + "@" + PythonText.sanitize(domain)
        out.append(MIMEAddress(name: PythonText.sanitize(name), address: address))
      }
    }
    // `AddressHeader.parse` collects every defect of the tree, which raises on the defect
    // object Python leaves in an unterminated domain literal.
    _ = try list.allDefectsContain(.invalidHeader)
    return out
  }

  /// The oracle re-quotes a local part holding any of these (`_DOT_ATOM_ENDS`).
  static let quotedLocalPartCharacters: ASCIISet = ASCIISet("()<>@,:;\\\"[] \t")
}
