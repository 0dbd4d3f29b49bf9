/// The address properties of Python's parse-tree classes (`Address.all_mailboxes`,
/// `Mailbox.display_name`, `LocalPart.local_part`, `Domain.domain`, ...), dispatched on the
/// Python class first and on `token_type` where Python looks at it: a relabelled token keeps
/// its class, so an "invalid" mailbox still yields its name and address.
extension HeaderToken {
  typealias Failure = HeaderParseFailure

  /// `AddressList.addresses`.
  var addresses: [HeaderToken] { children.filter { $0.type == "address" } }

  /// `all_mailboxes` of an address list, address, group, group list or mailbox list.
  func allMailboxes() throws(Failure) -> [HeaderToken] {
    switch kind {
    case .addressList:
      var out: [HeaderToken] = []
      for x in children where x.type == "address" { out += try x.allMailboxes() }
      return out
    case .address:
      let head = try child(0)
      let t = try head.tokenType()
      if t == "mailbox" || t == "invalid-mailbox" { return [head] }
      return try head.allMailboxes()
    case .mailboxList:
      return children.filter { $0.type == "mailbox" || $0.type == "invalid-mailbox" }
    case .groupList:
      guard let head = children.first, try head.tokenType() == "mailbox-list" else { return [] }
      return try head.allMailboxes()
    case .group:
      let list = try child(2)
      guard try list.tokenType() == "group-list" else { return [] }
      return try list.allMailboxes()
    default:
      // Python has no such attribute on this class.
      throw .crash
    }
  }

  /// `display_name` of a mailbox-like token; nil where Python returns None.
  func displayName() throws(Failure) -> String? {
    switch kind {
    case .mailbox:
      let head = try child(0)
      guard try head.tokenType() == "name-addr" else { return nil }
      return try head.displayName()
    case .nameAddr:
      if children.count == 1 { return nil }
      return try child(0).displayName()
    case .group:
      return try child(0).displayName()
    case .invalidMailbox:
      return nil
    case .displayName:
      return try displayNameText()
    default:
      throw .crash
    }
  }

  /// `DisplayName.display_name`: the phrase's value with the outer CFWS trimmed.
  private func displayNameText() throws(Failure) -> String {
    var res = children
    if res.isEmpty { return "" }
    if try res[0].tokenType() == "cfws" {
      res.removeFirst()
    } else if try res[0].child(0).tokenType() == "cfws" {
      res[0] = HeaderToken(.tokenList, "", children: Array(res[0].children.dropFirst()))
    }
    guard let last = res.last else { throw .crash }
    if try last.tokenType() == "cfws" {
      res.removeLast()
    } else if try last.child(-1).tokenType() == "cfws" {
      res[res.count - 1] = HeaderToken(.tokenList, "", children: Array(last.children.dropLast()))
    }
    return try HeaderToken(.tokenList, "", children: res).listValue()
  }

  /// `DisplayName.value`: quoted when the phrase had defects or a quoted string.
  func displayNameValue() throws(Failure) -> String {
    var quote = !defects.isEmpty
    if !quote {
      for x in children where try x.tokenType() == "quoted-string" { quote = true }
    }
    guard !children.isEmpty, quote else { return try listValue() }
    var pre = ""
    var post = ""
    let head = try child(0)
    if try head.tokenType() == "cfws" {
      pre = " "
    } else if try head.child(0).tokenType() == "cfws" {
      pre = " "
    }
    let tail = try child(-1)
    if try tail.tokenType() == "cfws" {
      post = " "
    } else if try tail.child(-1).tokenType() == "cfws" {
      post = " "
    }
    return pre + PythonText.quoteString(try displayNameText()) + post
  }

  /// `local_part` of a mailbox-like token; nil where Python returns None.
  func localPart() throws(Failure) -> String? {
    switch kind {
    case .mailbox, .addrSpec:
      return try child(0).localPart()
    case .nameAddr:
      return try child(-1).localPart()
    case .angleAddr:
      for x in children where try x.tokenType() == "addr-spec" { return try x.localPart() }
      return nil
    case .invalidMailbox:
      return nil
    case .localPart:
      return try localPartText()
    default:
      throw .crash
    }
  }

  /// `LocalPart.local_part`: whitespace stripped from the ends and around the dots.
  private func localPartText() throws(Failure) -> String {
    let dot = HeaderToken.dot()
    var res: [HeaderToken] = [dot]
    var last = dot
    var lastIsList = false
    for tok in try child(0).children + [HeaderToken.dot()] {
      if try tok.tokenType() == "cfws" { continue }
      if lastIsList, tok.type == "dot", try last.child(-1).tokenType() == "cfws" {
        res[res.count - 1] = HeaderToken(.tokenList, "", children: Array(last.children.dropLast()))
      }
      let isList = !tok.isTerminal
      if isList, last.type == "dot", try tok.child(0).tokenType() == "cfws" {
        res.append(HeaderToken(.tokenList, "", children: Array(tok.children.dropFirst())))
      } else {
        res.append(tok)
      }
      last = res[res.count - 1]
      lastIsList = isList
    }
    return try HeaderToken(.tokenList, "", children: Array(res.dropFirst().dropLast())).listValue()
  }

  /// `domain` of a mailbox-like token; nil where Python returns None.
  func domain() throws(Failure) -> String? {
    switch kind {
    case .mailbox:
      return try child(0).domain()
    case .nameAddr:
      return try child(-1).domain()
    case .angleAddr:
      for x in children where try x.tokenType() == "addr-spec" { return try x.domain() }
      return nil
    case .addrSpec:
      if children.count < 3 { return nil }
      return try child(-1).domain()
    case .invalidMailbox:
      return nil
    case .domain, .domainLiteral:
      return PythonText.split(try listValue()).joined()
    default:
      throw .crash
    }
  }
}
