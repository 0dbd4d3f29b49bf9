/// One attachment on a statement page.
struct AttachmentView: Sendable {
  var filename: String
  var href: String
  var contentType: String
  var size: String
  var sha256: String
  /// Seed 002: a proprietary format sent without a generally readable version beside it.
  var proprietary: Bool
}
