/// Why a document or attachment could not be read (the extractor turns these into the
/// statement's `defects`), or why the command-token key was refused. Each case names the
/// file involved and says what happened.
public enum LiaisonError: Error, Hashable, Sendable, CustomStringConvertible {
  /// A stated limit was reached (`what` names it, `limit` its value).
  case limitExceeded(file: String, what: String, limit: Int)
  /// The ZIP container (a .zip or a .docx) could not be opened.
  case unreadableArchive(file: String, reason: String)
  /// The document's XML could not be parsed, or declares a DTD (entity expansion refused).
  case unreadableXML(file: String, reason: String)
  /// A PDF's text could not be read: `pdftotext` could not be started, failed, or was
  /// killed at the timeout (or there is no PDF reader).
  case pdfTextFailed(file: String, reason: String)
  case pdfTextTimedOut(file: String, seconds: Double)
  /// `trust.token_key_file` holds fewer bytes than the HMAC needs.
  case tokenKeyTooShort(file: String, size: Int, minimum: Int)
  /// The document lies past its reader's per-message budget (time or count): kept, and
  /// recorded, but its text was not read.
  case notReadBudget(file: String, reason: String)

  public var description: String {
    switch self {
    case .limitExceeded(let file, let what, let limit):
      "\(file): \(what) exceeds the limit of \(limit); the file is recorded but not read"
    case .unreadableArchive(let file, let reason):
      "\(file): not a readable ZIP archive (\(reason)); the file is recorded but not read"
    case .unreadableXML(let file, let reason):
      "\(file): \(reason); the file is recorded but not read"
    case .pdfTextFailed(let file, let reason):
      "\(file): no text layer could be read (\(reason)); the file is recorded but not read"
    case .pdfTextTimedOut(let file, let seconds):
      "\(file): the PDF converter was killed after the \(formatSeconds(seconds)) s timeout; "
        + "the file is recorded but not read"
    case .tokenKeyTooShort(let file, let size, let minimum):
      "\(file): the token key is \(size) bytes; at least \(minimum) random bytes are needed "
        + "(create one with: head -c 32 /dev/urandom > \(file))"
    case .notReadBudget(let file, let reason):
      "\(file): not read: budget (\(reason)); the file is recorded"
    }
  }
}

private func formatSeconds(_ s: Double) -> String {
  s == s.rounded() ? String(Int(s)) : String(s)
}
