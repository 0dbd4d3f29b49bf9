import Liaison

/// What `SubmissionValidator` says about a submission: a plan, or every problem at once.
public enum SubmissionCheck: Hashable, Sendable {
  case valid(OutgoingPlan)
  case invalid([SubmissionProblem])

  public var problems: [SubmissionProblem] {
    if case .invalid(let problems) = self { return problems }
    return []
  }

  public var plan: OutgoingPlan? {
    if case .valid(let plan) = self { return plan }
    return nil
  }
}
