/// One thing wrong with a submission, named by the field it concerns, in words the
/// submitter can act on. All of a submission's problems go back in one reply.
public struct SubmissionProblem: Hashable, Sendable, CustomStringConvertible {
  /// The label (`Title`, `From`, `Deadline`, ...) or `Attachment`, `Submitter`, `Text`.
  public var field: String
  public var message: String

  public init(field: String, message: String) {
    self.field = field
    self.message = message
  }

  public var description: String { "\(field): \(message)" }
}
