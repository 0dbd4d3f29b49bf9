/// What can go wrong in the liaison process, with the statement and step involved.
public enum WorkflowError: Error, Hashable, Sendable, CustomStringConvertible {
  /// No statement with this id in the record.
  case unknownStatement(String)
  /// The record could not be read or written.
  case store(step: String, id: String?, reason: String)
  /// The record cannot be written at all (disk full, read-only): not this statement's fault.
  case storeUnwritable(step: String, id: String?, reason: String)
  /// `route --to` named no usable group.
  case routing(id: String, reason: String)
  /// A mail could not be built (an address or header the transport refused).
  case message(kind: String, id: String?, reason: String)

  public var description: String {
    switch self {
    case .unknownStatement(let id):
      return "no statement \(id) in the record; list them with `liaisond list`"
    case .store(let step, let id, let reason):
      return "store: \(step)\(id.map { " for \($0)" } ?? ""): \(reason)"
    case .storeUnwritable(let step, let id, let reason):
      return "store: \(step)\(id.map { " for \($0)" } ?? ""): \(reason)"
    case .routing(let id, let reason):
      return "cannot route \(id): \(reason)"
    case .message(let kind, let id, let reason):
      return "cannot build the \(kind) mail\(id.map { " for \($0)" } ?? ""): \(reason)"
    }
  }
}
