import Foundation

/// Durations as the configuration writes them: `60s`, `5m`, `2h`, `14d`, `1w`, `100ms`,
/// or a sum such as `1h30m`. A bare number has no unit and is refused.
public enum ConfigDuration {
  /// The duration `text` denotes, or nil when it is not a positive duration.
  public static func parse(_ text: String) -> Duration? {
    let characters = Array(text.trimmingCharacters(in: .whitespaces))
    guard !characters.isEmpty else { return nil }
    var milliseconds: Int64 = 0
    var digits = ""
    var sawComponent = false
    var index = 0
    while index < characters.count {
      let character = characters[index]
      index += 1
      if character.isASCII, character.isNumber {
        digits.append(character)
        // Twelve digits of seconds is thirty thousand years: anything longer is a typo.
        guard digits.count <= 12 else { return nil }
        continue
      }
      var unit = String(character)
      // `ms` is the one unit of two letters; `m` alone is minutes.
      if character == "m", index < characters.count, characters[index] == "s" {
        unit = "ms"
        index += 1
      }
      guard let amount = Int64(digits), let size = unitMilliseconds(unit) else { return nil }
      let (product, overflow) = amount.multipliedReportingOverflow(by: size)
      guard !overflow else { return nil }
      let (sum, overflowSum) = milliseconds.addingReportingOverflow(product)
      guard !overflowSum else { return nil }
      milliseconds = sum
      digits = ""
      sawComponent = true
    }
    guard digits.isEmpty, sawComponent, milliseconds > 0 else { return nil }
    return .milliseconds(milliseconds)
  }

  /// The shortest spelling of `duration` in the units `parse` reads (whole milliseconds).
  public static func format(_ duration: Duration) -> String {
    let (seconds, attoseconds) = duration.components
    let milliseconds = seconds * 1_000 + attoseconds / 1_000_000_000_000_000
    for (unit, size) in [
      ("w", Int64(604_800_000)), ("d", 86_400_000), ("h", 3_600_000), ("m", 60_000),
      ("s", 1_000),
    ]
    where milliseconds >= size && milliseconds % size == 0 {
      return "\(milliseconds / size)\(unit)"
    }
    return milliseconds == 0 ? "0s" : "\(milliseconds)ms"
  }

  private static func unitMilliseconds(_ unit: String) -> Int64? {
    switch unit {
    case "ms": 1
    case "s": 1_000
    case "m": 60_000
    case "h": 3_600_000
    case "d": 86_400_000
    case "w": 604_800_000
    default: nil
    }
  }
}
