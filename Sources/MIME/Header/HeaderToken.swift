/// A node of the parse tree of `email._header_value_parser`, kept close to Python's classes
/// because the scored values (display names, local parts, re-rendered parameters) are computed
/// from that tree by Python's properties, quirks included.
///
/// A reference type on purpose: Python's parser mutates tokens after inserting them (a mailbox
/// becomes "invalid-mailbox" and gets trailing junk appended). Trees never leave one parse call.
final class HeaderToken {
  /// Python class of the node. Terminals are `str` subclasses in Python.
  enum Kind {
    case tokenList, unstructured, phrase, cfws, atom, token, encodedWord
    case quotedString, bareQuotedString, comment
    case addressList, address, mailboxList, groupList, group, nameAddr, angleAddr, obsRoute
    case mailbox, invalidMailbox, domain, dotAtom, dotAtomText, addrSpec, obsLocalPart
    case displayName, localPart, domainLiteral
    case parameter, invalidParameter, attribute, section, value, mimeParameters
    case contentType, contentTransferEncoding
    /// `WhiteSpaceTerminal`: value is " ".
    case whiteSpaceTerminal
    /// `ValueTerminal`: value is the text.
    case valueTerminal
    /// `EWWhiteSpaceTerminal`: whitespace between encoded words; renders as "".
    case ewWhiteSpaceTerminal
    /// An `errors.InvalidHeaderDefect` object that Python's `_check_for_early_dl_end` appends to
    /// a domain literal as if it were a token: reading its value or defects raises in Python.
    case defectObject
  }

  enum Defect {
    /// `errors.InvalidHeaderDefect` (the only class any parser decision depends on).
    case invalidHeader
    /// Any other header defect (obsolete syntax, non-printables, ...).
    case other
  }

  let kind: Kind
  /// Python's `token_type`; mutable because Python relabels tokens.
  var type: String
  var children: [HeaderToken]
  /// Text of a terminal (or the pre-rendered `str()` of a comment).
  let text: String
  var defects: [Defect] = []

  // Parameter / section attributes (`Parameter.sectioned`, `.extended`, `.charset`, `Section.number`).
  var sectioned = false
  var extended = false
  var charset = "us-ascii"
  var number = 0
  /// Content of a comment (`Comment.content`), kept because comments are stored pre-rendered.
  var content = ""

  init(_ kind: Kind, _ type: String, children: [HeaderToken] = []) {
    self.kind = kind
    self.type = type
    self.children = children
    self.text = ""
  }

  init(terminal kind: Kind, _ text: String, _ type: String) {
    self.kind = kind
    self.type = type
    self.children = []
    self.text = text
  }

  static func value(_ text: String, _ type: String) -> HeaderToken {
    HeaderToken(terminal: .valueTerminal, text, type)
  }

  static func whiteSpace(_ text: String, _ type: String) -> HeaderToken {
    HeaderToken(terminal: .whiteSpaceTerminal, text, type)
  }

  static func dot() -> HeaderToken { value(".", "dot") }

  var isTerminal: Bool {
    switch kind {
    case .whiteSpaceTerminal, .valueTerminal, .ewWhiteSpaceTerminal, .defectObject: return true
    default: return false
    }
  }

  var count: Int { children.count }

  /// `self[k].token_type` style access: Python raises when the node is a terminal (indexing a
  /// `str` gives a plain `str` without `token_type`) or the index is out of range.
  func child(_ k: Int) throws(HeaderParseFailure) -> HeaderToken {
    guard !isTerminal else { throw .crash }
    let index = k < 0 ? children.count + k : k
    guard index >= 0, index < children.count else { throw .crash }
    return children[index]
  }

  func tokenType() throws(HeaderParseFailure) -> String {
    if kind == .defectObject { throw .crash }
    return type
  }

  // MARK: str()

  /// Python's `str(token)`.
  var str: String {
    switch kind {
    case .ewWhiteSpaceTerminal: return ""
    case .whiteSpaceTerminal, .valueTerminal, .defectObject, .comment: return text
    case .bareQuotedString: return PythonText.quoteString(children.map(\.str).joined())
    case .mimeParameters: return (try? renderParameters()) ?? ""
    default: return children.map(\.str).joined()
    }
  }

  /// `str(token)`, raising where Python's rendering of MIME parameters raises.
  func renderedValue() throws(HeaderParseFailure) -> String {
    switch kind {
    case .mimeParameters: return try renderParameters()
    case .ewWhiteSpaceTerminal, .whiteSpaceTerminal, .valueTerminal, .defectObject, .comment,
      .bareQuotedString:
      return str
    default:
      var out = ""
      for c in children { out += try c.renderedValue() }
      return out
    }
  }

  // MARK: value

  /// Python's `token.value`.
  func value() throws(HeaderParseFailure) -> String {
    switch kind {
    case .defectObject: throw .crash
    case .whiteSpaceTerminal: return " "
    case .ewWhiteSpaceTerminal: return ""
    case .valueTerminal: return text
    case .cfws, .comment: return " "
    case .bareQuotedString: return children.map(\.str).joined()
    case .addrSpec:
      if children.count < 3 { return try child(0).value() }
      return try rstrip(children[0].value()) + children[1].value() + lstrip(children[2].value())
    case .localPart:
      let first = try child(0)
      if try first.tokenType() == "quoted-string" { return try first.quotedValue() }
      return try first.value()
    case .displayName:
      return try displayNameValue()
    default:
      return try listValue()
    }
  }

  /// `TokenList.value`: the children's values joined.
  func listValue() throws(HeaderParseFailure) -> String {
    var out = ""
    for c in children { out += try c.value() }
    return out
  }

  /// `QuotedString.quoted_value`.
  func quotedValue() throws(HeaderParseFailure) -> String {
    var out = ""
    for x in children {
      if try x.tokenType() == "bare-quoted-string" { out += x.str } else { out += try x.value() }
    }
    return out
  }

  /// `QuotedString.stripped_value` / `.content`: the bare quoted string's value, if any.
  func strippedQuotedValue() throws(HeaderParseFailure) -> String? {
    for x in children where try x.tokenType() == "bare-quoted-string" { return try x.value() }
    return nil
  }

  private func rstrip(_ s: String) -> String {
    var scalars = Array(s.unicodeScalars)
    while let last = scalars.last, PythonText.isSpace(last) { scalars.removeLast() }
    return PythonText.string(scalars)
  }

  private func lstrip(_ s: String) -> String {
    PythonText.string(s.unicodeScalars.drop(while: PythonText.isSpace))
  }

  // MARK: defects

  /// Python's `all_defects`; raises (as Python does) when a defect object sits in the tree.
  func allDefects() throws(HeaderParseFailure) -> [Defect] {
    if kind == .defectObject { throw .crash }
    var out = defects
    for c in children { out += try c.allDefects() }
    return out
  }

  /// `defect in token.all_defects` without building the list (it was a large share of address
  /// parsing): the whole tree is still visited, because Python raises on a defect object
  /// anywhere in it before any membership test.
  func allDefectsContain(_ defect: Defect) throws(HeaderParseFailure) -> Bool {
    if kind == .defectObject { throw .crash }
    var found = defects.contains(defect)
    for c in children {
      if try c.allDefectsContain(defect) { found = true }
    }
    return found
  }
}

/// How a Python header-parser call ended when it did not return a value.
enum HeaderParseFailure: Error {
  /// `errors.HeaderParseError`: caught by the parser's own recovery.
  case headerParse
  /// `_InvalidEwError` (a `HeaderParseError` subclass) for a malformed encoded word.
  case invalidEncodedWord
  /// Any other Python exception (IndexError, AttributeError, RecursionError): escapes the whole
  /// header parse; the oracle then reports the field as empty.
  case crash

  var isHeaderParseError: Bool { self != .crash }
}
