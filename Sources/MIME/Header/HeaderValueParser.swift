/// A faithful port of the recursive-descent parser in CPython 3.11's
/// `email/_header_value_parser.py` (unstructured values, address lists, MIME parameters).
///
/// Every `get_xxx(value)` of Python becomes a function taking the remaining input and returning
/// the token and the new remainder; Python's exceptions become `HeaderParseFailure`. The order
/// of attempts, the recovery paths and even the places where Python raises by accident
/// (`value[0]` on an empty string) are kept, because the result on malformed mail is scored
/// against Python. Only `get_comment`, recursive in Python, is iterative here.
enum HeaderValueParser {
  typealias Input = ArraySlice<Unicode.Scalar>
  typealias Failure = HeaderParseFailure

  /// Python raises RecursionError (the field then comes out empty) for comments nested deeper
  /// than about this: its recursive parse and property evaluation spend about two of the
  /// interpreter's 1000 frames per level (measured: 489 levels in an address, 491 in a MIME
  /// parameter). Mirrored here without recursion.
  static let maximumCommentDepth = 489

  // MARK: character classes

  static let wsp: ASCIISet = [" ", "\t"]
  static let cfwsLeader: ASCIISet = [" ", "\t", "("]
  static let specials: ASCIISet = ASCIISet("()<>@,:;.\\\"[]")
  static let atomEnds = specials.union(wsp)
  static let dotAtomEnds = atomEnds.subtracting(["."])
  static let phraseEnds = specials.subtracting([".", "\"", "("])
  static let tspecials = specials.union(["/", "?", "="]).subtracting(["."])
  static let tokenEnds = tspecials.union(wsp)
  static let aspecials = tspecials.union(["*", "'", "%"])
  static let attributeEnds = aspecials.union(wsp)
  static let extendedAttributeEnds = attributeEnds.subtracting(["%"])

  // MARK: small helpers

  /// `value[0]` where Python would raise IndexError on an empty value.
  static func first(_ v: Input) throws(Failure) -> Unicode.Scalar {
    guard let c = v.first else { throw .crash }
    return c
  }

  static func string(_ v: Input) -> String { PythonText.string(v) }

  static func input(_ s: String) -> Input {
    // ASCII, nearly every header value: one scalar per byte, without counting scalars first.
    let utf8 = s.utf8
    if utf8.allSatisfy({ $0 < 0x80 }) { return utf8.map { Unicode.Scalar($0) }[...] }
    return Array(s.unicodeScalars)[...]
  }

  static func hasPrefix(_ v: Input, _ p: String) -> Bool {
    var i = v.startIndex
    for c in p.unicodeScalars {
      guard i < v.endIndex, v[i] == c else { return false }
      i += 1
    }
    return true
  }

  /// Index of the first occurrence of `needle` in `v`.
  static func find(_ v: Input, _ needle: String) -> Int? {
    let n = Array(needle.unicodeScalars)
    guard !n.isEmpty, v.count >= n.count else { return nil }
    var i = v.startIndex
    while i + n.count <= v.endIndex {
      if v[i] == n[0], v[i..<(i + n.count)].elementsEqual(n) { return i }
      i += 1
    }
    return nil
  }

  /// The longest prefix of characters outside `ends` (`re.match("[^...]+")`).
  static func prefix(_ v: Input, notIn ends: ASCIISet) -> Input {
    v.prefix(while: { !ends.contains($0) })
  }

  /// `_wsp_splitter(value, 1)`: the text before the first run of blanks, and the rest (the
  /// blanks included).
  static func splitAtWSP(_ v: Input) -> (Input, Input) {
    let end = v.firstIndex(where: { wsp.contains($0) }) ?? v.endIndex
    return (v[v.startIndex..<end], v[end...])
  }

  static func isHexDigit(_ c: Unicode.Scalar) -> Bool {
    ("0"..."9").contains(c) || ("a"..."f").contains(c) || ("A"..."F").contains(c)
  }

  /// `rfc2047_matcher.search(tok)`: `=\?[^?]*\?[qQbB]\?.*?\?=` (no DOTALL) anywhere in `v`.
  static func containsEncodedWord(_ v: Input) -> Bool {
    var i = v.startIndex
    while i + 1 < v.endIndex {
      if v[i] == "=", v[i + 1] == "?" {
        var j = i + 2
        while j < v.endIndex, v[j] != "?" { j += 1 }
        if j + 2 < v.endIndex, "qQbB".unicodeScalars.contains(v[j + 1]), v[j + 2] == "?" {
          var k = j + 3
          while k + 1 < v.endIndex, v[k] != "\n" {
            if v[k] == "?", v[k + 1] == "=" { return true }
            k += 1
          }
        }
      }
      i += 1
    }
    return false
  }

  // MARK: whitespace, encoded words, unstructured

  /// `get_fws`: note Python's `lstrip()` strips all Unicode whitespace, not only blanks.
  static func getFWS(_ v: Input) -> (HeaderToken, Input) {
    let rest = v.drop(while: PythonText.isSpace)
    return (.whiteSpace(string(v[v.startIndex..<rest.startIndex]), "fws"), rest)
  }

  static func getEncodedWord(_ value: Input) throws(Failure) -> (HeaderToken, Input) {
    guard hasPrefix(value, "=?") else { throw .headerParse }
    let body = value.dropFirst(2)
    guard let end = findEncodedWordEnd(body) else { throw .headerParse }
    var tok = Array(body[body.startIndex..<end])
    let remstr = body[(end + 2)...]
    var rest = remstr
    if remstr.count > 1, isHexDigit(remstr[remstr.startIndex]),
      isHexDigit(remstr[remstr.startIndex + 1]), tok.count(where: { $0 == "?" }) < 2
    {
      // The "?" after the CTE was followed by an encoded "=XX": the word goes on.
      tok += "?=".unicodeScalars
      if let end2 = findEncodedWordEnd(remstr) {
        tok += remstr[remstr.startIndex..<end2]
        rest = remstr[(end2 + 2)...]
      } else {
        tok += remstr
        rest = remstr[remstr.endIndex...]
      }
    }
    let entry =
      EncodedWordMemo.current?.entry(for: tok, decodeEncodedWord) ?? decodeEncodedWord(tok)
    guard case .decoded(let children, let severalFields) = entry else {
      throw .invalidEncodedWord
    }
    let ew = HeaderToken(.encodedWord, "encoded-word", children: children)
    if severalFields { ew.defects.append(.invalidHeader) }
    if let c = rest.first, !wsp.contains(c) { ew.defects.append(.invalidHeader) }
    return (ew, rest)
  }

  /// Index of the first "?=" in `v` (`find` without building the needle).
  static func findEncodedWordEnd(_ v: Input) -> Int? {
    var i = v.startIndex
    while i + 1 < v.endIndex {
      if v[i] == "?", v[i + 1] == "=" { return i }
      i += 1
    }
    return nil
  }

  /// The part of `get_encoded_word` that depends on the word's text alone.
  static func decodeEncodedWord(_ tok: [Unicode.Scalar]) -> EncodedWordMemo.Entry {
    let severalFields = PythonText.hasSeveralFields(tok)
    var text: Input
    do {
      text = input(try EncodedWord.decode(tok[...]))
    } catch {
      return .malformed
    }
    var children: [HeaderToken] = []
    while let c = text.first {
      if wsp.contains(c) {
        let (token, r) = getFWS(text)
        children.append(token)
        text = r
        continue
      }
      let (chars, r) = splitAtWSP(text)
      children.append(.value(string(chars), "vtext"))
      text = r
    }
    return .decoded(children: children, severalFields: severalFields)
  }

  /// `get_unstructured`: the parse of Subject and other free-text fields.
  static func getUnstructured(_ start: Input) -> HeaderToken {
    let unstructured = HeaderToken(.unstructured, "unstructured")
    var value = start
    while let c = value.first {
      if wsp.contains(c) {
        let (token, r) = getFWS(value)
        unstructured.children.append(token)
        value = r
        continue
      }
      var validEW = true
      if hasPrefix(value, "=?") {
        do {
          let (token, r) = try getEncodedWord(value)
          value = r
          var haveWS = true
          if let last = unstructured.children.last, last.type != "fws" {
            unstructured.defects.append(.invalidHeader)
            haveWS = false
          }
          let n = unstructured.children.count
          if haveWS, n > 1, unstructured.children[n - 2].type == "encoded-word" {
            unstructured.children[n - 1] = HeaderToken(
              terminal: .ewWhiteSpaceTerminal, unstructured.children[n - 1].text, "fws")
          }
          unstructured.children.append(token)
          continue
        } catch .invalidEncodedWord {
          validEW = false
        } catch {
          // Python passes over a plain HeaderParseError here.
        }
      }
      var (tok, rest) = splitAtWSP(value)
      if validEW, containsEncodedWord(tok), let split = find(value, "=?") {
        // Split in the middle of an atom before an encoded word lacking whitespace.
        tok = value[value.startIndex..<split]
        rest = value[split...]
      }
      unstructured.children.append(.value(string(tok), "vtext"))
      value = rest
    }
    return unstructured
  }

  // MARK: quoted pairs, comments, quoted strings

  /// `_get_ptext_to_endchars`: text up to an end character or blank, quoted pairs unquoted.
  static func getPtext(_ value: Input, _ endchars: ASCIISet) throws(Failure) -> (
    String, Input, Bool
  ) {
    let (fragment, _) = splitAtWSP(value)
    // Python's for/else leaves `pos` unbound for an empty fragment.
    guard !fragment.isEmpty else { throw .crash }
    var vchars: [UInt8] = []
    vchars.reserveCapacity(fragment.count)
    var escape = false
    var hadQP = false
    var pos = fragment.endIndex
    for i in fragment.indices {
      let c = fragment[i]
      if c == "\\" {
        if escape {
          escape = false
          hadQP = true
        } else {
          escape = true
          continue
        }
      }
      if escape {
        escape = false
      } else if endchars.contains(c) {
        pos = i
        break
      }
      UTF8.encode(c) { vchars.append($0) }
    }
    // `fragment[pos:] + remainder` is the input from `pos` on: no copy needed.
    return (String(decoding: vchars, as: UTF8.self), value[pos...], hadQP)
  }

  static func getQcontent(_ value: Input) throws(Failure) -> (HeaderToken, Input) {
    let (ptext, rest, _) = try getPtext(value, ["\""])
    return (.value(ptext, "ptext"), rest)
  }

  static func getAtext(_ value: Input) throws(Failure) -> (HeaderToken, Input) {
    let m = prefix(value, notIn: atomEnds)
    guard !m.isEmpty else { throw .headerParse }
    return (.value(string(m), "atext"), value[m.endIndex...])
  }

  static func getBareQuotedString(_ start: Input) throws(Failure) -> (HeaderToken, Input) {
    guard try first(start) == "\"" else { throw .headerParse }
    let bqs = HeaderToken(.bareQuotedString, "bare-quoted-string")
    var value = start.dropFirst()
    if value.first == "\"" {
      let (token, r) = try getQcontent(value)
      bqs.children.append(token)
      value = r
    }
    while let c = value.first, c != "\"" {
      let token: HeaderToken
      if wsp.contains(c) {
        (token, value) = getFWS(value)
      } else if hasPrefix(value, "=?") {
        var validEW = false
        do {
          (token, value) = try getEncodedWord(value)
          bqs.defects.append(.invalidHeader)
          validEW = true
        } catch let failure where failure.isHeaderParseError {
          (token, value) = try getQcontent(value)
        }
        // Whitespace between two encoded words in a quoted string is dropped.
        let n = bqs.children.count
        if validEW, n > 1, bqs.children[n - 1].type == "fws",
          bqs.children[n - 2].type == "encoded-word"
        {
          bqs.children[n - 1] = HeaderToken(
            terminal: .ewWhiteSpaceTerminal, bqs.children[n - 1].text, "fws")
        }
      } else {
        (token, value) = try getQcontent(value)
      }
      bqs.children.append(token)
    }
    if value.isEmpty {
      bqs.defects.append(.invalidHeader)
      return (bqs, value)
    }
    return (bqs, value.dropFirst())
  }

  /// `get_comment`, iterative: one frame per open parenthesis. Comments are kept pre-rendered
  /// (`str()` and `content`) since nothing looks inside them afterwards.
  static func getComment(_ start: Input) throws(Failure) -> (HeaderToken, Input) {
    if let c = start.first, c != "(" { throw .headerParse }
    struct Frame {
      var rendered = ""
      var content = ""
      var defect = false
    }
    var stack = [Frame()]
    var value = start.dropFirst()
    func close(_ frame: Frame, into stack: inout [Frame]) -> HeaderToken {
      let comment = HeaderToken(terminal: .comment, "(" + frame.rendered + ")", "comment")
      comment.content = frame.content
      if frame.defect { comment.defects.append(.invalidHeader) }
      return comment
    }
    while true {
      guard let c = value.first else {
        // End of header inside the comment: every open frame closes with a defect.
        var finished: HeaderToken?
        while var frame = stack.popLast() {
          if let inner = finished {
            frame.rendered += inner.text
            frame.content += inner.text
          }
          frame.defect = true
          finished = close(frame, into: &stack)
        }
        return (finished!, value)
      }
      if c == ")" {
        value = value.dropFirst()
        let frame = stack.removeLast()
        let comment = close(frame, into: &stack)
        if stack.isEmpty { return (comment, value) }
        stack[stack.count - 1].rendered += comment.text
        stack[stack.count - 1].content += comment.text
      } else if wsp.contains(c) {
        let (token, r) = getFWS(value)
        stack[stack.count - 1].rendered += token.text
        stack[stack.count - 1].content += token.text
        value = r
      } else if c == "(" {
        guard stack.count < maximumCommentDepth else { throw .crash }
        stack.append(Frame())
        value = value.dropFirst()
      } else {
        let (ptext, r, _) = try getPtext(value, ["(", ")"])
        let quoted = ptext.replacingAll("\\", with: "\\\\").replacingAll("(", with: "\\(")
          .replacingAll(")", with: "\\)")
        stack[stack.count - 1].rendered += quoted
        stack[stack.count - 1].content += ptext
        value = r
      }
    }
  }

  static func getCFWS(_ start: Input) throws(Failure) -> (HeaderToken, Input) {
    let cfws = HeaderToken(.cfws, "cfws")
    var value = start
    while let c = value.first, cfwsLeader.contains(c) {
      let token: HeaderToken
      if wsp.contains(c) {
        (token, value) = getFWS(value)
      } else {
        (token, value) = try getComment(value)
      }
      cfws.children.append(token)
    }
    return (cfws, value)
  }

  static func getQuotedString(_ start: Input) throws(Failure) -> (HeaderToken, Input) {
    let qs = HeaderToken(.quotedString, "quoted-string")
    var value = start
    var token: HeaderToken
    if let c = value.first, cfwsLeader.contains(c) {
      (token, value) = try getCFWS(value)
      qs.children.append(token)
    }
    (token, value) = try getBareQuotedString(value)
    qs.children.append(token)
    if let c = value.first, cfwsLeader.contains(c) {
      (token, value) = try getCFWS(value)
      qs.children.append(token)
    }
    return (qs, value)
  }

  // MARK: atoms, words, phrases

  static func getAtom(_ start: Input) throws(Failure) -> (HeaderToken, Input) {
    let atom = HeaderToken(.atom, "atom")
    var value = start
    var token: HeaderToken
    if let c = value.first, cfwsLeader.contains(c) {
      (token, value) = try getCFWS(value)
      atom.children.append(token)
    }
    if let c = value.first, atomEnds.contains(c) { throw .headerParse }
    if hasPrefix(value, "=?") {
      do {
        (token, value) = try getEncodedWord(value)
      } catch let failure where failure.isHeaderParseError {
        (token, value) = try getAtext(value)
      }
    } else {
      (token, value) = try getAtext(value)
    }
    atom.children.append(token)
    if let c = value.first, cfwsLeader.contains(c) {
      (token, value) = try getCFWS(value)
      atom.children.append(token)
    }
    return (atom, value)
  }

  static func getDotAtomText(_ start: Input) throws(Failure) -> (HeaderToken, Input) {
    let dat = HeaderToken(.dotAtomText, "dot-atom-text")
    var value = start
    guard let c = value.first, !atomEnds.contains(c) else { throw .headerParse }
    while let c = value.first, !atomEnds.contains(c) {
      let token: HeaderToken
      (token, value) = try getAtext(value)
      dat.children.append(token)
      if value.first == "." {
        dat.children.append(.dot())
        value = value.dropFirst()
      }
    }
    if dat.children.last?.type == "dot" { throw .headerParse }
    return (dat, value)
  }

  static func getDotAtom(_ start: Input) throws(Failure) -> (HeaderToken, Input) {
    let dotAtom = HeaderToken(.dotAtom, "dot-atom")
    var value = start
    var token: HeaderToken
    if cfwsLeader.contains(try first(value)) {
      (token, value) = try getCFWS(value)
      dotAtom.children.append(token)
    }
    if hasPrefix(value, "=?") {
      do {
        (token, value) = try getEncodedWord(value)
      } catch let failure where failure.isHeaderParseError {
        (token, value) = try getDotAtomText(value)
      }
    } else {
      (token, value) = try getDotAtomText(value)
    }
    dotAtom.children.append(token)
    if let c = value.first, cfwsLeader.contains(c) {
      (token, value) = try getCFWS(value)
      dotAtom.children.append(token)
    }
    return (dotAtom, value)
  }

  static func getWord(_ start: Input) throws(Failure) -> (HeaderToken, Input) {
    var value = start
    var leader: HeaderToken?
    if cfwsLeader.contains(try first(value)) {
      let (l, r) = try getCFWS(value)
      leader = l
      value = r
    }
    guard let c = value.first else { throw .headerParse }
    let token: HeaderToken
    if c == "\"" {
      (token, value) = try getQuotedString(value)
    } else if specials.contains(c) {
      throw .headerParse
    } else {
      (token, value) = try getAtom(value)
    }
    if let leader { token.children.insert(leader, at: 0) }
    return (token, value)
  }

  static func getPhrase(_ start: Input) throws(Failure) -> (HeaderToken, Input) {
    let phrase = HeaderToken(.phrase, "phrase")
    var value = start
    do {
      let (token, r) = try getWord(value)
      phrase.children.append(token)
      value = r
    } catch let failure where failure.isHeaderParseError {
      phrase.defects.append(.invalidHeader)
    }
    while let c = value.first, !phraseEnds.contains(c) {
      if c == "." {
        phrase.children.append(.dot())
        phrase.defects.append(.other)
        value = value.dropFirst()
      } else {
        let token: HeaderToken
        do {
          (token, value) = try getWord(value)
        } catch let failure where failure.isHeaderParseError {
          guard cfwsLeader.contains(c) else { throw failure }
          (token, value) = try getCFWS(value)
          phrase.defects.append(.other)
        }
        phrase.children.append(token)
      }
    }
    return (phrase, value)
  }

  // MARK: addr-spec

  static func getLocalPart(_ start: Input) throws(Failure) -> (HeaderToken, Input) {
    let localPart = HeaderToken(.localPart, "local-part")
    var value = start
    var leader: HeaderToken?
    if cfwsLeader.contains(try first(value)) {
      let (l, r) = try getCFWS(value)
      leader = l
      value = r
    }
    guard !value.isEmpty else { throw .headerParse }
    var token: HeaderToken
    do {
      (token, value) = try getDotAtom(value)
    } catch let failure where failure.isHeaderParseError {
      do {
        (token, value) = try getWord(value)
      } catch let failure2 where failure2.isHeaderParseError {
        let c = try first(value)
        if c != "\\" && phraseEnds.contains(c) { throw failure2 }
        token = HeaderToken(.tokenList, "")
      }
    }
    if let leader { token.children.insert(leader, at: 0) }
    localPart.children.append(token)
    if let c = value.first, c == "\\" || !phraseEnds.contains(c) {
      let obs: HeaderToken
      (obs, value) = try reparseObsLocalPart(Array(localPart.str.unicodeScalars), value)
      if obs.type == "invalid-obs-local-part" {
        localPart.defects.append(.invalidHeader)
      } else {
        localPart.defects.append(.other)
      }
      localPart.children[0] = obs
    }
    return (localPart, value)
  }

  /// `get_obs_local_part(str(local_part) + value)`. Copying the whole remainder for every
  /// local part made long address lists quadratic, so a bounded window of the remainder is
  /// tried first: a parse that stops strictly inside the window (and past the re-rendered
  /// prefix) never looked further, so it is the parse of the full input.
  static func reparseObsLocalPart(_ prefix: [Unicode.Scalar], _ value: Input) throws(Failure) -> (
    HeaderToken, Input
  ) {
    let window = 256
    if value.count > window {
      let combined = prefix + value[value.startIndex..<(value.startIndex + window)]
      if let (obs, rest) = try? getObsLocalPart(combined[...]), !rest.isEmpty,
        rest.startIndex >= prefix.count
      {
        return (obs, value[(value.startIndex + rest.startIndex - prefix.count)...])
      }
    }
    let combined = prefix + value
    let (obs, rest) = try getObsLocalPart(combined[...])
    if rest.startIndex >= prefix.count {
      return (obs, value[(value.startIndex + rest.startIndex - prefix.count)...])
    }
    return (obs, rest)
  }

  static func getObsLocalPart(_ start: Input) throws(Failure) -> (HeaderToken, Input) {
    let obs = HeaderToken(.obsLocalPart, "obs-local-part")
    var value = start
    var lastNonWSWasDot = false
    while let c = value.first, c == "\\" || !phraseEnds.contains(c) {
      if c == "." {
        if lastNonWSWasDot { obs.defects.append(.invalidHeader) }
        obs.children.append(.dot())
        lastNonWSWasDot = true
        value = value.dropFirst()
        continue
      } else if c == "\\" {
        obs.children.append(.value("\\", "misplaced-special"))
        value = value.dropFirst()
        obs.defects.append(.invalidHeader)
        lastNonWSWasDot = false
        continue
      }
      if let last = obs.children.last, last.type != "dot" { obs.defects.append(.invalidHeader) }
      let token: HeaderToken
      do {
        (token, value) = try getWord(value)
        lastNonWSWasDot = false
      } catch let failure where failure.isHeaderParseError {
        guard cfwsLeader.contains(try first(value)) else { throw failure }
        (token, value) = try getCFWS(value)
      }
      obs.children.append(token)
    }
    // Python's `and`/`or` evaluate lazily, so the second token is read only after a CFWS.
    let first0 = try obs.child(0).tokenType()
    if first0 == "dot" {
      obs.defects.append(.invalidHeader)
    } else if first0 == "cfws", try obs.child(1).tokenType() == "dot" {
      obs.defects.append(.invalidHeader)
    }
    let last0 = try obs.child(-1).tokenType()
    if last0 == "dot" {
      obs.defects.append(.invalidHeader)
    } else if last0 == "cfws", try obs.child(-2).tokenType() == "dot" {
      obs.defects.append(.invalidHeader)
    }
    if !obs.defects.isEmpty { obs.type = "invalid-obs-local-part" }
    return (obs, value)
  }

  static func getDtext(_ value: Input) throws(Failure) -> (HeaderToken, Input) {
    let (ptext, rest, hadQP) = try getPtext(value, ["[", "]"])
    let token = HeaderToken.value(ptext, "ptext")
    if hadQP { token.defects.append(.other) }
    return (token, rest)
  }

  /// `_check_for_early_dl_end`: Python appends the defect object itself to the token list.
  static func earlyDomainLiteralEnd(_ value: Input, _ dl: HeaderToken) -> Bool {
    guard value.isEmpty else { return false }
    dl.children.append(
      HeaderToken(terminal: .defectObject, "end of input inside domain-literal", "defect"))
    dl.children.append(.value("]", "domain-literal-end"))
    return true
  }

  static func getDomainLiteral(_ start: Input) throws(Failure) -> (HeaderToken, Input) {
    let dl = HeaderToken(.domainLiteral, "domain-literal")
    var value = start
    var token: HeaderToken
    if cfwsLeader.contains(try first(value)) {
      (token, value) = try getCFWS(value)
      dl.children.append(token)
    }
    guard let c = value.first else { throw .headerParse }
    guard c == "[" else { throw .headerParse }
    value = value.dropFirst()
    if earlyDomainLiteralEnd(value, dl) { return (dl, value) }
    dl.children.append(.value("[", "domain-literal-start"))
    if wsp.contains(try first(value)) {
      (token, value) = getFWS(value)
      dl.children.append(token)
    }
    (token, value) = try getDtext(value)
    dl.children.append(token)
    if earlyDomainLiteralEnd(value, dl) { return (dl, value) }
    if wsp.contains(try first(value)) {
      (token, value) = getFWS(value)
      dl.children.append(token)
    }
    if earlyDomainLiteralEnd(value, dl) { return (dl, value) }
    guard try first(value) == "]" else { throw .headerParse }
    dl.children.append(.value("]", "domain-literal-end"))
    value = value.dropFirst()
    if let c = value.first, cfwsLeader.contains(c) {
      (token, value) = try getCFWS(value)
      dl.children.append(token)
    }
    return (dl, value)
  }

  static func getDomain(_ start: Input) throws(Failure) -> (HeaderToken, Input) {
    let domain = HeaderToken(.domain, "domain")
    var value = start
    var leader: HeaderToken?
    if cfwsLeader.contains(try first(value)) {
      let (l, r) = try getCFWS(value)
      leader = l
      value = r
    }
    guard let c = value.first else { throw .headerParse }
    var token: HeaderToken
    if c == "[" {
      (token, value) = try getDomainLiteral(value)
      if let leader { token.children.insert(leader, at: 0) }
      domain.children.append(token)
      return (domain, value)
    }
    do {
      (token, value) = try getDotAtom(value)
    } catch let failure where failure.isHeaderParseError {
      (token, value) = try getAtom(value)
    }
    if value.first == "@" { throw .headerParse }
    if let leader { token.children.insert(leader, at: 0) }
    domain.children.append(token)
    if value.first == "." {
      domain.defects.append(.other)
      if domain.children[0].type == "dot-atom" { domain.children = domain.children[0].children }
      while value.first == "." {
        domain.children.append(.dot())
        (token, value) = try getAtom(value.dropFirst())
        domain.children.append(token)
      }
    }
    return (domain, value)
  }

  static func getAddrSpec(_ start: Input) throws(Failure) -> (HeaderToken, Input) {
    let addrSpec = HeaderToken(.addrSpec, "addr-spec")
    var (token, value) = try getLocalPart(start)
    addrSpec.children.append(token)
    guard value.first == "@" else {
      addrSpec.defects.append(.invalidHeader)
      return (addrSpec, value)
    }
    addrSpec.children.append(.value("@", "address-at-symbol"))
    (token, value) = try getDomain(value.dropFirst())
    addrSpec.children.append(token)
    return (addrSpec, value)
  }

  static func getObsRoute(_ start: Input) throws(Failure) -> (HeaderToken, Input) {
    let route = HeaderToken(.obsRoute, "obs-route")
    var value = start
    var token: HeaderToken
    while let c = value.first, c == "," || cfwsLeader.contains(c) {
      if cfwsLeader.contains(c) {
        (token, value) = try getCFWS(value)
        route.children.append(token)
      } else {
        route.children.append(.value(",", "list-separator"))
        value = value.dropFirst()
      }
    }
    guard value.first == "@" else { throw .headerParse }
    route.children.append(.value("@", "route-component-marker"))
    (token, value) = try getDomain(value.dropFirst())
    route.children.append(token)
    while value.first == "," {
      route.children.append(.value(",", "list-separator"))
      value = value.dropFirst()
      if value.isEmpty { break }
      if cfwsLeader.contains(try first(value)) {
        (token, value) = try getCFWS(value)
        route.children.append(token)
      }
      if try first(value) == "@" {
        route.children.append(.value("@", "route-component-marker"))
        (token, value) = try getDomain(value.dropFirst())
        route.children.append(token)
      }
    }
    guard let c = value.first else { throw .headerParse }
    guard c == ":" else { throw .headerParse }
    route.children.append(.value(":", "end-of-obs-route-marker"))
    return (route, value.dropFirst())
  }

  static func getAngleAddr(_ start: Input) throws(Failure) -> (HeaderToken, Input) {
    let angle = HeaderToken(.angleAddr, "angle-addr")
    var value = start
    var token: HeaderToken
    if cfwsLeader.contains(try first(value)) {
      (token, value) = try getCFWS(value)
      angle.children.append(token)
    }
    guard value.first == "<" else { throw .headerParse }
    angle.children.append(.value("<", "angle-addr-start"))
    value = value.dropFirst()
    if try first(value) == ">" {
      angle.children.append(.value(">", "angle-addr-end"))
      angle.defects.append(.invalidHeader)
      return (angle, value.dropFirst())
    }
    do {
      (token, value) = try getAddrSpec(value)
    } catch let failure where failure.isHeaderParseError {
      do {
        (token, value) = try getObsRoute(value)
        angle.defects.append(.other)
      } catch let failure2 where failure2.isHeaderParseError {
        throw .headerParse
      }
      angle.children.append(token)
      (token, value) = try getAddrSpec(value)
    }
    angle.children.append(token)
    if value.first == ">" {
      value = value.dropFirst()
    } else {
      angle.defects.append(.invalidHeader)
    }
    angle.children.append(.value(">", "angle-addr-end"))
    if let c = value.first, cfwsLeader.contains(c) {
      (token, value) = try getCFWS(value)
      angle.children.append(token)
    }
    return (angle, value)
  }

  static func getDisplayName(_ start: Input) throws(Failure) -> (HeaderToken, Input) {
    let (phrase, value) = try getPhrase(start)
    let displayName = HeaderToken(.displayName, "display-name", children: phrase.children)
    displayName.defects = phrase.defects
    return (displayName, value)
  }

  static func getNameAddr(_ start: Input) throws(Failure) -> (HeaderToken, Input) {
    let nameAddr = HeaderToken(.nameAddr, "name-addr")
    var value = start
    var leader: HeaderToken?
    if cfwsLeader.contains(try first(value)) {
      let (l, r) = try getCFWS(value)
      leader = l
      value = r
      if value.isEmpty { throw .headerParse }
    }
    var token: HeaderToken
    if try first(value) != "<" {
      if phraseEnds.contains(try first(value)) { throw .headerParse }
      (token, value) = try getDisplayName(value)
      if value.isEmpty { throw .headerParse }
      if let l = leader {
        let head = try token.child(0)
        // Python slice-assigns into the first word; a terminal (".") there raises TypeError.
        guard !head.isTerminal else { throw .crash }
        head.children.insert(l, at: 0)
        leader = nil
      }
      nameAddr.children.append(token)
    }
    (token, value) = try getAngleAddr(value)
    if let leader { token.children.insert(leader, at: 0) }
    nameAddr.children.append(token)
    return (nameAddr, value)
  }

  static func getMailbox(_ start: Input) throws(Failure) -> (HeaderToken, Input) {
    let mailbox = HeaderToken(.mailbox, "mailbox")
    var token: HeaderToken
    var value: Input
    do {
      (token, value) = try getNameAddr(start)
    } catch let failure where failure.isHeaderParseError {
      do {
        (token, value) = try getAddrSpec(start)
      } catch let failure2 where failure2.isHeaderParseError {
        throw .headerParse
      }
    }
    if try token.allDefectsContain(.invalidHeader) { mailbox.type = "invalid-mailbox" }
    mailbox.children.append(token)
    return (mailbox, value)
  }

  static func getInvalidMailbox(_ start: Input, _ endchars: ASCIISet) throws(Failure)
    -> (HeaderToken, Input)
  {
    let invalid = HeaderToken(.invalidMailbox, "invalid-mailbox")
    var value = start
    while let c = value.first, !endchars.contains(c) {
      if phraseEnds.contains(c) {
        invalid.children.append(.value(String(c), "misplaced-special"))
        value = value.dropFirst()
      } else {
        let token: HeaderToken
        (token, value) = try getPhrase(value)
        invalid.children.append(token)
      }
    }
    return (invalid, value)
  }

  /// `mailbox.extend(token)` on whatever Python finds there; a terminal has no `extend`.
  static func extend(_ target: HeaderToken, with token: HeaderToken) throws(Failure) {
    guard !target.isTerminal else { throw .crash }
    target.children += token.children
  }

  static func getMailboxList(_ start: Input) throws(Failure) -> (HeaderToken, Input) {
    let list = HeaderToken(.mailboxList, "mailbox-list")
    var value = start
    while let c0 = value.first, c0 != ";" {
      do {
        let (token, r) = try getMailbox(value)
        list.children.append(token)
        value = r
      } catch let failure where failure.isHeaderParseError {
        if cfwsLeader.contains(try first(value)) {
          let (leader, r) = try getCFWS(value)
          value = r
          if value.isEmpty || value.first == "," || value.first == ";" {
            list.children.append(leader)
            list.defects.append(.other)
          } else {
            let (token, r2) = try getInvalidMailbox(value, [",", ";"])
            value = r2
            token.children.insert(leader, at: 0)
            list.children.append(token)
            list.defects.append(.invalidHeader)
          }
        } else if try first(value) == "," {
          list.defects.append(.other)
        } else {
          let (token, r) = try getInvalidMailbox(value, [",", ";"])
          value = r
          list.children.append(token)
          list.defects.append(.invalidHeader)
        }
      }
      if let c = value.first, c != ",", c != ";" {
        // Junk after a mailbox: the mailbox keeps its data but is marked invalid.
        let mailbox = try list.child(-1)
        mailbox.type = "invalid-mailbox"
        let (token, r) = try getInvalidMailbox(value, [",", ";"])
        value = r
        try extend(mailbox, with: token)
        list.defects.append(.invalidHeader)
      }
      if value.first == "," {
        list.children.append(.value(",", "list-separator"))
        value = value.dropFirst()
      }
    }
    return (list, value)
  }

  static func getGroupList(_ start: Input) throws(Failure) -> (HeaderToken, Input) {
    let groupList = HeaderToken(.groupList, "group-list")
    var value = start
    if value.isEmpty {
      groupList.defects.append(.invalidHeader)
      return (groupList, value)
    }
    var leader: HeaderToken?
    if let c = value.first, cfwsLeader.contains(c) {
      let (l, r) = try getCFWS(value)
      leader = l
      value = r
      if value.isEmpty {
        groupList.defects.append(.invalidHeader)
        groupList.children.append(l)
        return (groupList, value)
      }
      if value.first == ";" {
        groupList.children.append(l)
        return (groupList, value)
      }
    }
    let token: HeaderToken
    (token, value) = try getMailboxList(value)
    if try token.allMailboxes().isEmpty {
      if let leader { groupList.children.append(leader) }
      groupList.children += token.children
      groupList.defects.append(.other)
      return (groupList, value)
    }
    if let leader { token.children.insert(leader, at: 0) }
    groupList.children.append(token)
    return (groupList, value)
  }

  static func getGroup(_ start: Input) throws(Failure) -> (HeaderToken, Input) {
    let group = HeaderToken(.group, "group")
    var (token, value) = try getDisplayName(start)
    guard value.first == ":" else { throw .headerParse }
    group.children.append(token)
    group.children.append(.value(":", "group-display-name-terminator"))
    value = value.dropFirst()
    if value.first == ";" {
      group.children.append(.value(";", "group-terminator"))
      return (group, value.dropFirst())
    }
    (token, value) = try getGroupList(value)
    group.children.append(token)
    if value.isEmpty {
      group.defects.append(.invalidHeader)
    } else if value.first != ";" {
      throw .headerParse
    }
    group.children.append(.value(";", "group-terminator"))
    value = value.dropFirst()
    if let c = value.first, cfwsLeader.contains(c) {
      (token, value) = try getCFWS(value)
      group.children.append(token)
    }
    return (group, value)
  }

  static func getAddress(_ start: Input) throws(Failure) -> (HeaderToken, Input) {
    let address = HeaderToken(.address, "address")
    var token: HeaderToken
    var value: Input
    do {
      (token, value) = try getGroup(start)
    } catch let failure where failure.isHeaderParseError {
      do {
        (token, value) = try getMailbox(start)
      } catch let failure2 where failure2.isHeaderParseError {
        throw .headerParse
      }
    }
    address.children.append(token)
    return (address, value)
  }

  static func getAddressList(_ start: Input) throws(Failure) -> HeaderToken {
    let list = HeaderToken(.addressList, "address-list")
    var value = start
    while !value.isEmpty {
      do {
        let (token, r) = try getAddress(value)
        list.children.append(token)
        value = r
      } catch let failure where failure.isHeaderParseError {
        if cfwsLeader.contains(try first(value)) {
          let (leader, r) = try getCFWS(value)
          value = r
          if value.isEmpty || value.first == "," {
            list.children.append(leader)
            list.defects.append(.other)
          } else {
            let (token, r2) = try getInvalidMailbox(value, [","])
            value = r2
            token.children.insert(leader, at: 0)
            list.children.append(HeaderToken(.address, "address", children: [token]))
            list.defects.append(.invalidHeader)
          }
        } else if try first(value) == "," {
          list.defects.append(.other)
        } else {
          let (token, r) = try getInvalidMailbox(value, [","])
          value = r
          list.children.append(HeaderToken(.address, "address", children: [token]))
          list.defects.append(.invalidHeader)
        }
      }
      if let c = value.first, c != "," {
        let mailbox = try list.child(-1).child(0)
        mailbox.type = "invalid-mailbox"
        let (token, r) = try getInvalidMailbox(value, [","])
        value = r
        try extend(mailbox, with: token)
        list.defects.append(.invalidHeader)
      }
      if !value.isEmpty {
        list.children.append(.value(",", "list-separator"))
        value = value.dropFirst()
      }
    }
    return list
  }
}
