import Foundation
import Liaison
import MIME
import Routing
import Workflow

/// `liaisond submit FILE --check`: a submission file (a mail, or plain text) read and
/// checked exactly as a submission by mail is, and what would be sent, or every problem.
public struct SubmissionFileCheck: Sendable {
  public let extractor: LiaisonExtractor
  public let validator: SubmissionValidator
  public let composer: NotificationComposer

  public init(extractor: LiaisonExtractor, router: StatementRouter, process: ProcessConfiguration) {
    self.extractor = extractor
    self.validator = SubmissionValidator(
      router: router, maximumAttachmentBytes: process.maximumAttachmentBytes)
    self.composer = NotificationComposer(configuration: process)
  }

  public struct Report: Sendable {
    public var check: SubmissionCheck
    /// What would be sent, or one line per problem.
    public var text: String
  }

  /// The submission in `bytes`: an RFC 5322 mail (its text and attachments), or, when it
  /// has no header, the text alone. `today` is the ISO day a deadline may not be before.
  public func check(_ bytes: [UInt8], today: String) async -> Report {
    var text = String(decoding: bytes, as: UTF8.self)
    var attachments: [AttachmentInfo] = []
    if let message = try? MIMEParser().parse(bytes), !message.header.fields.isEmpty,
      message.header["from"] != nil || message.header["subject"] != nil
    {
      text = BodyTextSelector.bestText(of: message.root) ?? ""
      let extraction = await extractor.extract(message, raw: bytes)
      attachments = extraction.attachments.map { attachment in
        var info = attachment.info
        info.size = attachment.data.count
        info.sha256 = SHA256Hex.of(attachment.data)
        return info
      }
    }
    let submission = SubmissionParser.parse(text, attachments: attachments)
    let check = validator.check(submission, submitter: nil, today: today)
    switch check {
    case .invalid(let problems):
      return Report(check: check, text: problems.map(\.description).joined(separator: "\n"))
    case .valid(let plan):
      let replyTo = plan.liaisonManagers.first ?? composer.configuration.gatewayAddress
      var lines = [
        "To: \(plan.sendTo.joined(separator: ", "))",
        "Cc: \(plan.copies.joined(separator: ", "))",
        "Reply-To: \(replyTo)",
        "Subject: Liaison statement LS-...: \(submission.title ?? "")",
        "Approved by: \(plan.approvers.addresses.joined(separator: " or "))"
          + (plan.approvers.copied.isEmpty
            ? "" : " (copied: \(plan.approvers.copied.joined(separator: ", ")))"),
      ]
      for info in submission.attachments {
        lines.append("Attachment: \(info.filename) (\(info.contentType), \(info.size) bytes)")
      }
      lines.append("")
      lines.append(composer.outgoingText(plan, replyTo: replyTo))
      return Report(check: check, text: lines.joined(separator: "\n"))
    }
  }
}
