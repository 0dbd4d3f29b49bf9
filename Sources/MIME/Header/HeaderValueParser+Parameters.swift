/// The MIME half of `_header_value_parser.py`: tokens, RFC 2231 parameters, Content-Type,
/// Content-Disposition and Content-Transfer-Encoding values.
extension HeaderValueParser {
  static func getInvalidParameter(_ start: Input) throws(Failure) -> (HeaderToken, Input) {
    let invalid = HeaderToken(.invalidParameter, "invalid-parameter")
    var value = start
    while let c = value.first, c != ";" {
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

  static func getTtext(_ value: Input) throws(Failure) -> (HeaderToken, Input) {
    let m = prefix(value, notIn: tokenEnds)
    guard !m.isEmpty else { throw .headerParse }
    return (.value(string(m), "ttext"), value[m.endIndex...])
  }

  static func getToken(_ start: Input) throws(Failure) -> (HeaderToken, Input) {
    let mtoken = HeaderToken(.token, "token")
    var value = start
    var token: HeaderToken
    if let c = value.first, cfwsLeader.contains(c) {
      (token, value) = try getCFWS(value)
      mtoken.children.append(token)
    }
    if let c = value.first, tokenEnds.contains(c) { throw .headerParse }
    (token, value) = try getTtext(value)
    mtoken.children.append(token)
    if let c = value.first, cfwsLeader.contains(c) {
      (token, value) = try getCFWS(value)
      mtoken.children.append(token)
    }
    return (mtoken, value)
  }

  static func getAttrtext(_ value: Input, extended: Bool = false) throws(Failure) -> (
    HeaderToken, Input
  ) {
    let m = prefix(value, notIn: extended ? extendedAttributeEnds : attributeEnds)
    guard !m.isEmpty else { throw .headerParse }
    return (.value(string(m), extended ? "extended-attrtext" : "attrtext"), value[m.endIndex...])
  }

  static func getAttribute(_ start: Input, extended: Bool = false) throws(Failure) -> (
    HeaderToken, Input
  ) {
    let attribute = HeaderToken(.attribute, "attribute")
    var value = start
    var token: HeaderToken
    if let c = value.first, cfwsLeader.contains(c) {
      (token, value) = try getCFWS(value)
      attribute.children.append(token)
    }
    if let c = value.first, (extended ? extendedAttributeEnds : attributeEnds).contains(c) {
      throw .headerParse
    }
    (token, value) = try getAttrtext(value, extended: extended)
    attribute.children.append(token)
    if let c = value.first, cfwsLeader.contains(c) {
      (token, value) = try getCFWS(value)
      attribute.children.append(token)
    }
    return (attribute, value)
  }

  static func getSection(_ start: Input) throws(Failure) -> (HeaderToken, Input) {
    let section = HeaderToken(.section, "section")
    guard start.first == "*" else { throw .headerParse }
    section.children.append(.value("*", "section-marker"))
    var value = start.dropFirst()
    guard let c = value.first, ("0"..."9").contains(c) else { throw .headerParse }
    let digits = value.prefix(while: { ("0"..."9").contains($0) })
    value = value[digits.endIndex...]
    let text = string(digits)
    if digits.first == "0" && text != "0" { section.defects.append(.invalidHeader) }
    // Python's int() has no upper bound; a section number this large sorts last anyway.
    section.number = Int(text) ?? Int.max
    section.children.append(.value(text, "digits"))
    return (section, value)
  }

  static func getValue(_ start: Input) throws(Failure) -> (HeaderToken, Input) {
    let v = HeaderToken(.value, "value")
    var value = start
    guard !value.isEmpty else { throw .headerParse }
    var leader: HeaderToken?
    if let c = value.first, cfwsLeader.contains(c) {
      let (l, r) = try getCFWS(value)
      leader = l
      value = r
    }
    guard let c = value.first else { throw .headerParse }
    let token: HeaderToken
    if c == "\"" {
      (token, value) = try getQuotedString(value)
    } else {
      (token, value) = try getAttribute(value, extended: true)
    }
    if let leader { token.children.insert(leader, at: 0) }
    v.children.append(token)
    return (v, value)
  }

  static func getParameter(_ start: Input) throws(Failure) -> (HeaderToken, Input) {
    let param = HeaderToken(.parameter, "parameter")
    var (token, value) = try getAttribute(start)
    param.children.append(token)
    if value.isEmpty || value.first == ";" {
      param.defects.append(.invalidHeader)
      return (param, value)
    }
    if value.first == "*" {
      do {
        let (section, r) = try getSection(value)
        param.sectioned = true
        param.children.append(section)
        value = r
      } catch let failure where failure.isHeaderParseError {}
      guard let c = value.first else { throw .headerParse }
      if c == "*" {
        param.children.append(.value("*", "extended-parameter-marker"))
        value = value.dropFirst()
        param.extended = true
      }
    }
    guard try first(value) == "=" else { throw .headerParse }
    param.children.append(.value("=", "parameter-separator"))
    value = value.dropFirst()
    if let c = value.first, cfwsLeader.contains(c) {
      (token, value) = try getCFWS(value)
      param.children.append(token)
    }
    var remainder: Input?
    var appendTo = param
    if param.extended, value.first == "\"" {
      // Python's "serious hackery" for double quotes around an extended value.
      let (qstring, rest) = try getQuotedString(value)
      remainder = rest
      let innerValue = try qstring.strippedQuotedValue() ?? ""
      let inner = input(innerValue)
      var semiValid = false
      if sectionNumber(param) == 0 {
        if inner.first == "'" {
          semiValid = true
        } else {
          let (_, rest2) = try getAttrtext(inner)
          if rest2.first == "'" { semiValid = true }
        }
      } else {
        if let (_, rest2) = try? getAttrtext(inner, extended: true), rest2.isEmpty {
          semiValid = true
        }
      }
      if semiValid {
        param.defects.append(.invalidHeader)
        param.children.append(qstring)
        for t in qstring.children where t.type == "bare-quoted-string" {
          t.children = []
          appendTo = t
          break
        }
        value = inner
      } else {
        remainder = nil
        param.defects.append(.invalidHeader)
      }
    }
    var valueToken: HeaderToken?
    if value.first == "'" {
      valueToken = nil
    } else {
      (token, value) = try getValue(value)
      valueToken = token
    }
    if !param.extended || sectionNumber(param) > 0 {
      if value.first != "'" {
        if let valueToken { appendTo.children.append(valueToken) }
        if let remainder { value = remainder }
        return (param, value)
      }
      param.defects.append(.invalidHeader)
    }
    if value.isEmpty {
      // The charset'lang' delimiters are missing: the token is the value.
      param.defects.append(.invalidHeader)
      if let valueToken { appendTo.children.append(valueToken) }
      if remainder == nil { return (param, value) }
    } else {
      if let valueToken {
        // Python looks for an extended-attrtext among the value's children, keeps the last
        // child when there is none (the usual case: the child is the attribute itself), and
        // takes that token's value as the charset.
        var t = valueToken.children.last
        for c in valueToken.children where c.type == "extended-attrtext" {
          t = c
          break
        }
        if let t {
          appendTo.children.append(t)
          param.charset = try t.value()
        }
      }
      guard try first(value) == "'" else { throw .headerParse }
      appendTo.children.append(.value("'", "RFC2231-delimiter"))
      value = value.dropFirst()
      if let c = value.first, c != "'" {
        (token, value) = try getAttrtext(value)
        appendTo.children.append(token)
        guard value.first == "'" else { throw .headerParse }
      }
      appendTo.children.append(.value("'", "RFC2231-delimiter"))
      value = value.dropFirst()
    }
    if remainder != nil {
      // The rest of the quoted value is taken as bare quoted-string content.
      let v = HeaderToken(.value, "value")
      while let c = value.first {
        if wsp.contains(c) {
          (token, value) = getFWS(value)
        } else if c == "\"" {
          token = .value("\"", "DQUOTE")
          value = value.dropFirst()
        } else {
          (token, value) = try getQcontent(value)
        }
        v.children.append(token)
      }
      token = v
    } else {
      (token, value) = try getValue(value)
    }
    appendTo.children.append(token)
    if let remainder { value = remainder }
    return (param, value)
  }

  /// `Parameter.section_number`.
  static func sectionNumber(_ param: HeaderToken) -> Int {
    param.sectioned && param.children.count > 1 ? param.children[1].number : 0
  }

  static func parseMimeParameters(_ start: Input) throws(Failure) -> HeaderToken {
    let params = HeaderToken(.mimeParameters, "mime-parameters")
    var value = start
    while !value.isEmpty {
      do {
        let (token, r) = try getParameter(value)
        params.children.append(token)
        value = r
      } catch let failure where failure.isHeaderParseError {
        var leader: HeaderToken?
        if cfwsLeader.contains(try first(value)) {
          let (l, r) = try getCFWS(value)
          leader = l
          value = r
        }
        guard let c = value.first else {
          if let leader { params.children.append(leader) }
          return params
        }
        if c == ";" {
          if let leader { params.children.append(leader) }
          params.defects.append(.invalidHeader)
        } else {
          let (token, r) = try getInvalidParameter(value)
          value = r
          if let leader, !leader.children.isEmpty { token.children.insert(leader, at: 0) }
          params.children.append(token)
          params.defects.append(.invalidHeader)
        }
      }
      if let c = value.first, c != ";" {
        // Junk after an otherwise valid parameter: marked invalid, its value kept.
        let param = try params.child(-1)
        param.type = "invalid-parameter"
        let (token, r) = try getInvalidParameter(value)
        value = r
        try extend(param, with: token)
        params.defects.append(.invalidHeader)
      }
      if !value.isEmpty {
        params.children.append(.value(";", "parameter-separator"))
        value = value.dropFirst()
      }
    }
    return params
  }

  /// `_find_mime_parameters`: recovery for a value whose type part is malformed.
  static func findMimeParameters(_ list: HeaderToken, _ start: Input) throws(Failure) {
    var value = start
    while let c = value.first, c != ";" {
      if phraseEnds.contains(c) {
        list.children.append(.value(String(c), "misplaced-special"))
        value = value.dropFirst()
      } else {
        let token: HeaderToken
        (token, value) = try getPhrase(value)
        list.children.append(token)
      }
    }
    guard !value.isEmpty else { return }
    list.children.append(.value(";", "parameter-separator"))
    list.children.append(try parseMimeParameters(value.dropFirst()))
  }

  /// `parse_content_type_header`.
  static func parseContentType(_ start: Input) throws(Failure) -> HeaderToken {
    let ctype = HeaderToken(.contentType, "content-type")
    guard !start.isEmpty else { return ctype }
    var value = start
    var token: HeaderToken
    do {
      (token, value) = try getToken(value)
    } catch let failure where failure.isHeaderParseError {
      try findMimeParameters(ctype, value)
      return ctype
    }
    ctype.children.append(token)
    guard value.first == "/" else {
      if !value.isEmpty { try findMimeParameters(ctype, value) }
      return ctype
    }
    ctype.children.append(.value("/", "content-type-separator"))
    value = value.dropFirst()
    do {
      (token, value) = try getToken(value)
    } catch let failure where failure.isHeaderParseError {
      try findMimeParameters(ctype, value)
      return ctype
    }
    ctype.children.append(token)
    guard let c = value.first else { return ctype }
    guard c == ";" else {
      try findMimeParameters(ctype, value)
      return ctype
    }
    ctype.children.append(.value(";", "parameter-separator"))
    ctype.children.append(try parseMimeParameters(value.dropFirst()))
    return ctype
  }

  /// `parse_content_disposition_header`; `disposition` receives `content_disposition`.
  static func parseContentDisposition(_ start: Input, disposition: inout String?) throws(Failure)
    -> HeaderToken
  {
    let header = HeaderToken(.contentType, "content-disposition")
    guard !start.isEmpty else { return header }
    var value = start
    let token: HeaderToken
    do {
      (token, value) = try getToken(value)
    } catch let failure where failure.isHeaderParseError {
      try findMimeParameters(header, value)
      return header
    }
    header.children.append(token)
    disposition = PythonText.strip(try token.value()).lowercased()
    guard let c = value.first else { return header }
    guard c == ";" else {
      try findMimeParameters(header, value)
      return header
    }
    header.children.append(.value(";", "parameter-separator"))
    header.children.append(try parseMimeParameters(value.dropFirst()))
    return header
  }
}
