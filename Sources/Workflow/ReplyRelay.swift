import Liaison
import Routing

/// Where an approved response travels (seed 002 "Send To"): the original's Send Reply To
/// address only, or its first From-Contact when there is none. Who may respond and who
/// approves is `CommandGate`'s and `RoleDirectory`'s.
public struct ReplyRelay: Sendable {
  public let registry: GroupRegistry
  public let configuration: ProcessConfiguration

  public init(registry: GroupRegistry, configuration: ProcessConfiguration) {
    self.registry = registry
    self.configuration = configuration
  }

  /// Send To semantics: only the Send Reply To address, else the first From-Contact.
  public func destination(of original: ExtractedStatement) -> String? {
    let candidates = [original.sendReplyTo].compactMap { $0 } + original.fromContacts
    return candidates.map { $0.lowercased() }.first { !configuration.isGateway($0) }
  }
}
