import Foundation
import Liaison
import MailTransport
import Routing
import Web
import Workflow

/// The settings of each module, derived from the one configuration.
extension LiaisondConfiguration {
  /// The central address statements arrive at and liaisond sends from: `smtp.from`.
  /// Replies come back to its plus-addresses; it never receives a notification itself.
  public var gatewayAddress: String {
    smtp.fromAddress ?? routing.iabContact
  }

  public var processConfiguration: ProcessConfiguration {
    ProcessConfiguration(
      gatewayAddress: gatewayAddress, from: smtp.from, publicURL: web.effectivePublicURL,
      iabContact: routing.iabContact, irtfContact: routing.irtfContact,
      reminderOffsets: reminders.beforeDeadline.map { Int($0.components.seconds / 86_400) },
      overdueEvery: max(1, Int(reminders.overdueEvery.components.seconds / 86_400)),
      acknowledgeInformation: acknowledge.information, tokenKey: trust.tokenKey,
      approvalExpiry: TimeInterval(approval.expireAfter.components.seconds),
      outsideRecipientDailyLimit: trust.outsideRecipientDailyLimit,
      statementsArchive: approval.statementsArchive)
  }

  public var routerOptions: StatementRouter.Options {
    StatementRouter.Options(
      gatewayAddresses: [gatewayAddress], iabContact: routing.iabContact,
      irtfContact: routing.irtfContact, copyGroupLists: routing.copyGroupLists)
  }

  public var extractorOptions: LiaisonExtractor.Options {
    LiaisonExtractor.Options(
      gatewayAddresses: [gatewayAddress], trustedAuthservIDs: trust.authservIDs)
  }

  public var webOptions: WebOptions {
    var options = WebOptions(
      host: web.listen.host, port: web.listen.port, publicURL: web.effectivePublicURL,
      gatewayAddresses: [gatewayAddress])
    options.limits = webLimits
    return options
  }

  /// The registry `routing.registry` names, or the one built in, with the overrides of
  /// `routing.overrides` applied: what the daemon reads at start and on every SIGHUP.
  public func loadRegistry() throws -> GroupRegistry {
    try RoutingRegistry.load(path: routing.registry, overrides: routing.overrides)
  }

  public func imapConfiguration() throws -> IMAPConfiguration {
    guard let url = imap.url else {
      throw MailTransportError.invalidConfiguration(field: "imap.url", reason: "is not set")
    }
    return try IMAPConfiguration(
      url: url.absoluteString, username: imap.username ?? "",
      password: imap.password?.reveal() ?? "",
      caFile: imap.caFile)
  }

  public func smtpConfiguration() throws -> SMTPConfiguration {
    guard let url = smtp.url else {
      throw MailTransportError.invalidConfiguration(field: "smtp.url", reason: "is not set")
    }
    return try SMTPConfiguration(
      url: url.absoluteString, username: smtp.username, password: smtp.password?.reveal(),
      caFile: smtp.caFile)
  }
}
