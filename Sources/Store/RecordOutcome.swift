/// What `record` did with a message.
public enum RecordOutcome: Sendable, Hashable {
  /// A new statement with this id.
  case recorded(id: String)
  /// The message was already in the record under this id; nothing new was stored
  /// except, where it was new, the origin it came from this time (and, for a statement
  /// imported from the datatracker before its mail came, that mail).
  case duplicate(id: String)
  /// Kept as it came under this id, in state `quarantined`.
  case quarantined(id: String)

  public var id: String {
    switch self {
    case .recorded(let id), .duplicate(let id), .quarantined(let id): return id
    }
  }
}
