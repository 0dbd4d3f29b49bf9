import Foundation

/// Durations as the configuration writes them: `60s`, `5m`, `2h`, `14d`, `1w`, or a
/// sum such as `1h30m`. A bare number has no unit and is refused.
public enum ConfigDuration {
  /// The duration `text` denotes, or nil when it is not a positive duration.
  public static func parse(_ text: String) -> Duration? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    guard !trimmed.isEmpty else { return nil }
    var total: Int64 = 0
    var digits = ""
    var sawComponent = false
    for character in trimmed {
      if character.isASCII, character.isNumber {
        digits.append(character)
        // Twelve digits of seconds is thirty thousand years: anything longer is a typo.
        guard digits.count <= 12 else { return nil }
        continue
      }
      guard let amount = Int64(digits), let unit = unitSeconds(character) else { return nil }
      let (product, overflow) = amount.multipliedReportingOverflow(by: unit)
      guard !overflow else { return nil }
      let (sum, overflowSum) = total.addingReportingOverflow(product)
      guard !overflowSum else { return nil }
      total = sum
      digits = ""
      sawComponent = true
    }
    guard digits.isEmpty, sawComponent, total > 0 else { return nil }
    return .seconds(total)
  }

  /// The shortest spelling of a whole number of seconds in the units `parse` reads.
  public static func format(_ duration: Duration) -> String {
    let seconds = duration.components.seconds
    for (unit, size) in [("w", Int64(604_800)), ("d", 86_400), ("h", 3_600), ("m", 60)]
    where seconds >= size && seconds % size == 0 {
      return "\(seconds / size)\(unit)"
    }
    return "\(seconds)s"
  }

  private static func unitSeconds(_ unit: Character) -> Int64? {
    switch unit {
    case "s": 1
    case "m": 60
    case "h": 3_600
    case "d": 86_400
    case "w": 604_800
    default: nil
    }
  }
}
