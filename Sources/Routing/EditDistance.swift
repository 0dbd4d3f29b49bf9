/// Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), stopping
/// as soon as the result must exceed `limit`: typos in group names are one or two
/// keystrokes, so anything further is not worth computing. Group names and configuration
/// keys (`check-config`'s suggestions) share it.
public enum EditDistance {
  public static func distance(_ a: String, _ b: String, limit: Int) -> Int? {
    let x = Array(a.unicodeScalars)
    let y = Array(b.unicodeScalars)
    if abs(x.count - y.count) > limit { return nil }
    if x.isEmpty || y.isEmpty {
      return max(x.count, y.count) <= limit ? max(x.count, y.count) : nil
    }
    var prev2 = [Int](repeating: 0, count: y.count + 1)
    var prev = Array(0...y.count)
    var current = [Int](repeating: 0, count: y.count + 1)
    for i in 1...x.count {
      current[0] = i
      var rowMin = current[0]
      for j in 1...y.count {
        let cost = x[i - 1] == y[j - 1] ? 0 : 1
        var value = min(prev[j] + 1, current[j - 1] + 1, prev[j - 1] + cost)
        if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
          value = min(value, prev2[j - 2] + 1)
        }
        current[j] = value
        rowMin = min(rowMin, value)
      }
      if rowMin > limit { return nil }
      (prev2, prev, current) = (prev, current, prev2)
    }
    return prev[y.count] <= limit ? prev[y.count] : nil
  }

  /// How many edits a name of this many characters may contain and still be recognised.
  /// Short acronyms (`pce`, `tls`) differ from each other by one letter, so they must match
  /// exactly.
  public static func allowance(forLength length: Int) -> Int {
    switch length {
    case ..<4: return 0
    case 4...7: return 1
    default: return 2
    }
  }
}
