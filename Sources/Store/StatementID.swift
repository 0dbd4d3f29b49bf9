import Liaison

/// Record ids: `<series>-<year of receipt>-<sequence within that series and year>`, the
/// sequence at least four digits (`LS-2026-0042`, then `LS-2026-10000` past 9999).
///
/// Two series, so that the public numbering has no gaps that hint at private mail:
/// statements on the public record are `LS-...`; everything else (drafts and commands,
/// automatic mail, bounces, mail that is not a liaison statement) is `MSG-...`, never shown
/// publicly. Records made before the series existed keep the `LS-` ids they were given;
/// whether a record is public is decided by its kind (`MessageKind.isPublic`), not its id.
public enum StatementID {
  public enum Series: String, Sendable, CaseIterable {
    case statement = "LS"
    case message = "MSG"

    /// The series a new record of this kind is numbered in.
    public init(kind: MessageKind) {
      self = kind.isPublic ? .statement : .message
    }
  }

  public static func make(series: Series = .statement, year: Int, sequence: Int) -> String {
    let digits = String(sequence)
    let padded =
      digits.count >= 4 ? digits : String(repeating: "0", count: 4 - digits.count) + digits
    return "\(series.rawValue)-\(year)-\(padded)"
  }

  /// The series, year and sequence of a well-formed id, nil otherwise.
  public static func parse(_ id: String) -> (series: Series, year: Int, sequence: Int)? {
    let parts = id.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, let series = Series(rawValue: String(parts[0])), parts[1].count == 4,
      parts[2].count >= 4, parts[1].allSatisfy(\.isASCII), parts[2].allSatisfy(\.isASCII),
      let year = Int(parts[1]), let sequence = Int(parts[2]), sequence > 0
    else { return nil }
    return (series, year, sequence)
  }
}
