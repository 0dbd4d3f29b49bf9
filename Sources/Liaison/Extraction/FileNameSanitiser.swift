/// Makes an attachment's file name safe to publish and to use as a download name.
///
/// Mail is hostile: names arrive as `../../etc/passwd`, with NUL or other control
/// characters, or as a Windows path. Only the last path component is kept, control and
/// shell-hostile characters are dropped, and an empty result becomes a generated name.
public enum FileNameSanitiser {
  /// The longest name kept, in Unicode scalars (ext4 allows 255 bytes).
  public static let maxLength = 120

  /// Returns the safe name, and whether it differs from the name as given.
  public static func sanitise(_ raw: String?, fallback: String) -> (name: String, changed: Bool) {
    guard let raw else { return (fallback, false) }
    // Everything after the last separator of either kind: directories never survive.
    let lastComponent =
      raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
    var scalars = String.UnicodeScalarView()
    for scalar in lastComponent.unicodeScalars {
      switch scalar.value {
      case 0..<0x20, 0x7F, 0x80..<0xA0: continue  // C0, DEL, C1 controls (NUL included)
      case 0x202A...0x202E, 0x2066...0x2069: continue  // bidi overrides hide the real extension
      default: break
      }
      if "<>:\"|?*".unicodeScalars.contains(scalar) { continue }
      scalars.append(scalar)
    }
    var name = String(scalars).trimmingSpacesAndDots()
    if name.unicodeScalars.count > maxLength {
      // Keep the extension, which tells the reader (and the web record) what the file is.
      let ext =
        name.split(separator: ".").count > 1 ? "." + (name.split(separator: ".").last ?? "") : ""
      let keep = max(1, maxLength - ext.unicodeScalars.count)
      name = String(String.UnicodeScalarView(name.unicodeScalars.prefix(keep))) + ext
    }
    if name.isEmpty || name == "." || name == ".." { name = fallback }
    return (name, name != raw)
  }
}

extension String {
  fileprivate func trimmingSpacesAndDots() -> String {
    var s = Substring(self)
    while let f = s.first, f == " " || f == "." { s = s.dropFirst() }
    while let l = s.last, l == " " { s = s.dropLast() }
    return String(s)
  }
}
