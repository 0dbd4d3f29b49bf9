/// Public statement ids: `LS-<year of receipt>-<sequence within that year>`, the sequence
/// at least four digits (`LS-2026-0042`, then `LS-2026-10000` past 9999).
public enum StatementID {
  public static func make(year: Int, sequence: Int) -> String {
    let digits = String(sequence)
    let padded =
      digits.count >= 4 ? digits : String(repeating: "0", count: 4 - digits.count) + digits
    return "LS-\(year)-\(padded)"
  }

  /// The (year, sequence) of a well-formed id, nil otherwise.
  public static func parse(_ id: String) -> (year: Int, sequence: Int)? {
    let parts = id.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0] == "LS", parts[1].count == 4, parts[2].count >= 4,
      parts[1].allSatisfy(\.isASCII), parts[2].allSatisfy(\.isASCII),
      let year = Int(parts[1]), let sequence = Int(parts[2]), sequence > 0
    else { return nil }
    return (year, sequence)
  }
}
