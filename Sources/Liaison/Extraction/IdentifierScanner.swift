/// Finds other bodies' document identifiers in statement text: ITU-T liaison numbers
/// (`SG15-LS123`, `TSAG-LS12`) and 3GPP TDoc numbers (`S2-2609876`, `RP-261234`).
public enum IdentifierScanner {
  /// The identifiers in order of first appearance, without repeats.
  public static func identifiers(in text: String) -> [String] {
    var found: [String] = []
    // Tokens are maximal runs of letters, digits and hyphens, so `xS2-2609876` or
    // `S2-26098761` never half-match.
    var token = ""
    func flush() {
      defer { token = "" }
      let t = token.trimmingLiteral("-")
      if isITUTLiaison(t) || is3GPPTDoc(t) { found.append(t) }
    }
    for ch in text {
      if ch.isASCII && (ch.isLetter || ch.isNumber || ch == "-") {
        token.append(ch)
      } else {
        flush()
      }
    }
    flush()
    return AddressNormaliser.unique(found)
  }

  /// `SG15-LS123`, `SG2-LS45`, `TSAG-LS12`.
  static func isITUTLiaison(_ t: String) -> Bool {
    let parts = t.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 2 else { return false }
    let body = parts[0]
    let body2 = body.dropFirst(2)
    let sg = body.hasPrefix("SG") && (1...2).contains(body2.count) && body2.allSatisfy(\.isNumber)
    guard sg || body == "TSAG" else { return false }
    let ls = parts[1]
    return ls.hasPrefix("LS") && (1...4).contains(ls.dropFirst(2).count)
      && ls.dropFirst(2).allSatisfy(\.isNumber)
  }

  /// 3GPP TDoc numbers: a group prefix (`S2`, `R3`, `C4`, `SP`, `RP`, `CP`) and 6 or 7 digits.
  static func is3GPPTDoc(_ t: String) -> Bool {
    let parts = t.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 2, parts[0].count == 2 else { return false }
    let a = parts[0].first!
    let b = parts[0].last!
    guard "CRS".contains(a), b == "P" || ("1"..."6").contains(b) else { return false }
    return (6...7).contains(parts[1].count) && parts[1].allSatisfy(\.isNumber)
  }
}
