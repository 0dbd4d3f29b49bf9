import Liaison

/// Checks a submission against the registry and the submitter's roles, and plans where it
/// goes (SPEC.md, "What goes out"). Every problem is found in one pass, as `check-config`
/// does for configuration, so that the submitter gets them all in one reply.
public struct SubmissionValidator: Sendable {
  public let router: StatementRouter
  public let roles: RoleDirectory
  /// The largest attachment accepted, in bytes.
  public let maximumAttachmentBytes: Int

  /// 20 MB: what the IETF's mail lists and most receiving bodies accept in one mail.
  public static let defaultMaximumAttachmentBytes = 20 * 1024 * 1024

  public init(
    router: StatementRouter, maximumAttachmentBytes: Int = Self.defaultMaximumAttachmentBytes
  ) {
    self.router = router
    self.roles = RoleDirectory(registry: router.registry)
    self.maximumAttachmentBytes = maximumAttachmentBytes
  }

  /// `submitter` nil: checked for the secretariat at the command line, without a role test.
  /// `today` is the ISO date a deadline must not be before.
  public func check(_ submission: OutgoingSubmission, submitter: String?, today: String)
    -> SubmissionCheck
  {
    var problems = submission.unreadable
    func problem(_ field: String, _ message: String) {
      problems.append(SubmissionProblem(field: field, message: message))
    }
    if submission.title == nil { problem("Title", "missing; give the statement a one-line title") }

    var group: RegisteredGroup?
    if let name = submission.fromGroup {
      do {
        group = try router.resolve(name)
      } catch let error as RoutingError {
        problem("From", "\(error)")
      } catch {
        problem("From", "\"\(name)\" is not a group of the registry")
      }
    } else {
      problem("From", "missing; name the IETF group the statement speaks for (From: IETF CCAMP WG)")
    }

    var body: RegisteredGroup?
    let registryAddress: String?
    if let name = submission.toBody {
      body =
        router.registry.group(name).flatMap { $0.type == .sdo ? $0 : nil }
        ?? router.sendingBody(of: ExtractedStatement(from: [name]))
      registryAddress = body.flatMap(address(of:))
      if submission.sendTo.isEmpty && registryAddress == nil {
        problem(
          "To",
          body == nil
            ? "the registry does not know \"\(name)\"; give the body's address in Send To"
            : "the registry has no address for \(body!.name); give it in Send To")
      }
    } else {
      registryAddress = nil
      problem("To", "missing; name the body the statement goes to (To: ITU-T SG15)")
    }

    switch (submission.purpose, submission.purposeText) {
    case (nil, nil):
      problem("Purpose", "missing; write For Information, For Action or In Response")
    case (nil, let text?):
      problem(
        "Purpose", "\"\(text)\" is not a purpose; write For Information, For Action or In Response")
    default:
      break
    }
    if let text = submission.deadlineText {
      problem("Deadline", "\"\(text)\" is not a date; write it as YYYY-MM-DD")
    } else if let deadline = submission.deadline, deadline < today {
      problem("Deadline", "\(deadline) is in the past (today is \(today))")
    } else if submission.purpose == .action && submission.deadline == nil {
      problem("Deadline", "missing; a statement For Action needs one (Deadline: YYYY-MM-DD)")
    }
    if submission.purpose == .response && submission.inResponseTo == nil {
      problem("In Response To", "missing; name the statement this one answers")
    }
    if submission.text.isEmpty && submission.attachments.isEmpty {
      problem("Text", "missing; write the statement after a blank line, or attach it")
    }
    for attachment in submission.attachments where attachment.size > maximumAttachmentBytes {
      problem(
        "Attachment",
        "\(attachment.filename) has \(attachment.size) bytes; the limit is "
          + "\(maximumAttachmentBytes)")
    }

    var approvers: Approvers?
    if let group {
      approvers = roles.approvers(for: group.acronym)
      if approvers?.addresses.isEmpty ?? true {
        problem("From", "the registry names nobody who approves a statement of \(group.acronym)")
      }
      if let submitter, !mayWrite(submitter, for: group, to: body) {
        problem(
          "Submitter",
          "\(submitter) holds no role for \(group.acronym) (chair, AD, liaison manager, IAB or "
            + "IESG member)")
      }
    }

    guard problems.isEmpty, let group, let approvers else { return .invalid(problems) }
    let sendTo = submission.sendTo.isEmpty ? [registryAddress].compactMap { $0 } : submission.sendTo
    let managers = body.map { roles.addresses(holding: .liaisonManager, for: $0.acronym) } ?? []
    var copies = managers
    copies += roles.addresses(holding: .chair, for: group.acronym)
    copies += roles.addresses(holding: .ad, for: group.acronym)
    copies += [group.list].compactMap { $0 }
    copies += submission.cc + submission.technicalContacts + approvers.copied
    var seen = Set(sendTo.map { $0.lowercased() })
    copies = copies.map { $0.lowercased() }.filter { seen.insert($0).inserted }
    return .valid(
      OutgoingPlan(
        submission: submission, group: group, body: body,
        bodyName: body.map { $0.names.first ?? $0.name } ?? submission.toBody ?? "", sendTo: sendTo,
        liaisonManagers: managers, copies: copies, approvers: approvers))
  }

  /// The registry's address for a body: its own, else the nearest body above it with one.
  func address(of body: RegisteredGroup) -> String? {
    var current: RegisteredGroup? = body
    var seen: Set<String> = []
    while let entry = current, seen.insert(entry.acronym).inserted {
      if let address = entry.addresses.first { return address }
      current = entry.parent.flatMap { router.registry.group($0) }
    }
    return nil
  }

  /// Who may submit for `group` (SPEC.md, "What goes out"): its chairs and secretaries, the
  /// ADs of its area, its approvers, the IESG for the IETF side and the IAB for the IAB's,
  /// the liaison manager for the receiving body, and the secretariat.
  public func mayWrite(_ address: String, for group: RegisteredGroup, to body: RegisteredGroup?)
    -> Bool
  {
    let address = address.lowercased()
    var allowed = roles.addresses(holding: .chair, for: group.acronym)
    allowed += roles.addresses(holding: .secretary, for: group.acronym)
    allowed += roles.addresses(holding: .ad, for: group.acronym)
    allowed += roles.approvers(for: group.acronym)?.addresses ?? []
    allowed += roles.addresses(holding: .secretariat)
    switch group.type {
    case .wg, .ag, .area, .ietf, .iesg:
      allowed += roles.addresses(holding: .member, for: "iesg")
    case .iab, .program:
      allowed += roles.addresses(holding: .member, for: "iab")
    case .rg, .irtf, .sdo:
      break
    }
    if let body { allowed += roles.addresses(holding: .liaisonManager, for: body.acronym) }
    return allowed.contains(address)
  }
}
