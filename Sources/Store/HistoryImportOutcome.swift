/// What `LiaisonStore.importHistory` did with each statement of the history.
public enum HistoryImportOutcome: Hashable, Sendable {
  /// Recorded as a new, read-only statement `id`.
  case imported(alias: String, id: String)
  /// Already on the record as `id`, by mail before the import: the alias was added to it.
  case matched(alias: String, id: String)
  /// Imported before (the alias is known): nothing changed.
  case unchanged(alias: String, id: String)

  public var id: String {
    switch self {
    case .imported(_, let id), .matched(_, let id), .unchanged(_, let id): id
    }
  }
}
