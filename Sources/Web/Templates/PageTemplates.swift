/// The HTML templates, compiled into the binary (no resource bundle to lose).
///
/// Every value goes through `{{ }}`, which escapes HTML; `{{{ }}}` is never used.
enum PageTemplates {
  /// Name -> Mustache source, as registered in the `MustacheLibrary`.
  static let all: [(name: String, source: String)] = [
    ("header", header), ("footer", footer), ("list", list), ("statement", statement),
    ("iab", iab), ("error", error), ("rows", rows), ("withheld", withheld),
    ("intakeFailures", intakeFailures), ("withheldAcknowledgements", withheldAcknowledgements),
  ]
}
