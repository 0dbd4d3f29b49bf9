import Foundation

/// Reads a submission's text: `Label: value` lines up to the first blank line (a value may
/// continue on indented lines), then the statement text. Labels are matched without regard
/// to case, spacing or hyphens (`Send To`, `send-to`, `SEND TO`).
public enum SubmissionParser {
  /// The labels a submission may carry, by their folded form.
  enum Label: String, CaseIterable {
    case title, from, to, sendTo = "sendto", purpose, deadline, cc
    case technicalContact = "technicalcontact"
    case inResponseTo = "inresponseto"

    var name: String {
      switch self {
      case .title: "Title"
      case .from: "From"
      case .to: "To"
      case .sendTo: "Send To"
      case .purpose: "Purpose"
      case .deadline: "Deadline"
      case .cc: "Cc"
      case .technicalContact: "Technical Contact"
      case .inResponseTo: "In Response To"
      }
    }
  }

  /// The labels in the order the submission format lists them.
  public static let labelNames = Label.allCases.map(\.name)

  public static func parse(_ text: String, attachments: [AttachmentInfo] = [])
    -> OutgoingSubmission
  {
    var submission = OutgoingSubmission(attachments: attachments)
    let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
    var fields: [(label: String, value: String)] = []
    var index = 0
    // Leading blank lines are the mail client's, not the end of the fields.
    while index < lines.count, lines[index].allSatisfy(\.isWhitespace) { index += 1 }
    while index < lines.count {
      let line = lines[index]
      if line.allSatisfy(\.isWhitespace) { break }
      if let first = line.first, first == " " || first == "\t", !fields.isEmpty {
        fields[fields.count - 1].value += " " + line.trimmingCharacters(in: .whitespaces)
      } else if let colon = line.firstIndex(of: ":") {
        fields.append(
          (
            String(line[..<colon]).trimmingCharacters(in: .whitespaces),
            String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
          ))
      } else {
        // Text without a blank line after the fields: the fields ended before it.
        break
      }
      index += 1
    }
    submission.text = lines[min(index, lines.count)...].joined(separator: "\n")
      .trimmingCharacters(in: .whitespacesAndNewlines)
    for (label, value) in fields {
      let folded = String(label.lowercased().filter { $0.isLetter })
      guard let known = Label(rawValue: folded) else {
        submission.unreadable.append(
          SubmissionProblem(
            field: TextFolding.fold(label),
            message: "is not a submission field; the fields are "
              + labelNames.joined(separator: ", ")))
        continue
      }
      let value = TextFolding.fold(value)
      guard !value.isEmpty else { continue }
      switch known {
      case .title: submission.title = value
      case .from: submission.fromGroup = value
      case .to: submission.toBody = value
      case .inResponseTo: submission.inResponseTo = value
      case .purpose:
        submission.purpose = PurposeParser.purpose(of: value)
        submission.purposeText = value
      case .deadline:
        if let iso = DeadlineParser.isoDate(in: value) {
          submission.deadline = iso
        } else {
          submission.deadlineText = value
        }
      case .sendTo, .cc, .technicalContact:
        let addresses = addresses(in: value, field: known.name, problems: &submission.unreadable)
        switch known {
        case .sendTo: submission.sendTo += addresses
        case .cc: submission.cc += addresses
        default: submission.technicalContacts += addresses
        }
      }
    }
    return submission
  }

  /// The addresses of a comma-separated list (`Name <a@b>` or bare); each piece that is no
  /// address is a problem rather than silently dropped.
  static func addresses(in value: String, field: String, problems: inout [SubmissionProblem])
    -> [String]
  {
    var found: [String] = []
    for piece in value.split(whereSeparator: { $0 == "," || $0 == ";" }) {
      let piece = piece.trimmingCharacters(in: .whitespaces)
      guard !piece.isEmpty else { continue }
      let inside = piece.firstIndex(of: "<").flatMap { start in
        piece.lastIndex(of: ">").map { piece[piece.index(after: start)..<$0] }
      }
      if let address = AddressNormaliser.normalise(String(inside ?? Substring(piece))) {
        found.append(address)
      } else {
        problems.append(
          SubmissionProblem(field: field, message: "\"\(piece)\" is not a mail address"))
      }
    }
    return AddressNormaliser.unique(found)
  }
}
