import Liaison

/// One page of a `list`: the statements shown and how many match in all.
public struct StatementPage: Sendable, Hashable {
  public var items: [StatementRecord]
  public var total: Int

  public init(items: [StatementRecord], total: Int) {
    self.items = items
    self.total = total
  }
}
