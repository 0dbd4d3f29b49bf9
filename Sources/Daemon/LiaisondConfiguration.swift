import Foundation
import Logging
import MIME
import MailTransport
import Web

/// The whole configuration of liaisond (docs/contract.md, "Configuration"), with every default.
///
/// A value with no behaviour: `ConfigurationLoader` fills it from the YAML file, the
/// environment and the secret files, and reports every problem it met on the way.
public struct LiaisondConfiguration: Sendable, Equatable {
  public var imap: IMAP
  public var smtp: SMTP
  public var store: Store
  public var web: Web
  public var routing: Routing
  public var reminders: Reminders
  public var acknowledge: Acknowledge
  public var trust: Trust
  public var approval: Approval
  public var health: Health
  public var log: Log
  public var intake = Intake()
  public var observability = Observability()
  /// What web clients may hold: `web.max_connections`, `web.idle_timeout`,
  /// `web.header_timeout`, `web.max_header_bytes`, `web.max_body_bytes`.
  public var webLimits = WebLimits()
  /// Connections the web record serves at once (`web.max_connections`); beyond, 503.
  public var webMaxConnections: Int {
    get { webLimits.maxConnections }
    set { webLimits.maxConnections = newValue }
  }
  /// The file this configuration was read from; nil when none was (defaults and environment).
  public var sourcePath: String?

  public init(
    imap: IMAP = IMAP(), smtp: SMTP = SMTP(), store: Store = Store(), web: Web = Web(),
    routing: Routing = Routing(), reminders: Reminders = Reminders(),
    acknowledge: Acknowledge = Acknowledge(), trust: Trust = Trust(),
    approval: Approval = Approval(), health: Health = Health(), log: Log = Log(),
    sourcePath: String? = nil
  ) {
    self.imap = imap
    self.smtp = smtp
    self.store = store
    self.web = web
    self.routing = routing
    self.reminders = reminders
    self.acknowledge = acknowledge
    self.trust = trust
    self.approval = approval
    self.health = health
    self.log = log
    self.sourcePath = sourcePath
  }

  /// The mailbox liaison statements arrive in.
  public struct IMAP: Sendable, Equatable {
    /// `imap://` or `imaps://` with the mailbox in the path; nil until configured.
    public var url: URL?
    public var username: String?
    public var password: Secret?
    /// An extra CA bundle (PEM); TLS is always verified.
    public var caFile: String?
    public var processedMailbox: String
    public var quarantineMailbox: String
    public var pollInterval: Duration
    /// While idle, ask the server with `NOOP` this often instead of waiting on IDLE alone;
    /// nil leaves it to IDLE (see `IMAPIdler.checkInterval`).
    public var checkInterval: Duration?

    public init(
      url: URL? = nil, username: String? = nil, password: Secret? = nil, caFile: String? = nil,
      processedMailbox: String = "Processed", quarantineMailbox: String = "Quarantine",
      pollInterval: Duration = .seconds(60), checkInterval: Duration? = nil
    ) {
      self.checkInterval = checkInterval
      self.url = url
      self.username = username
      self.password = password
      self.caFile = caFile
      self.processedMailbox = processedMailbox
      self.quarantineMailbox = quarantineMailbox
      self.pollInterval = pollInterval
    }

    /// The mailbox named by the URL's path (`INBOX` when the path is empty).
    public var mailbox: String {
      url.flatMap { try? MailServerURL($0.absoluteString, service: .imap) }?.mailbox ?? "INBOX"
    }
  }

  /// The submission server notifications, acknowledgements and reminders leave through.
  public struct SMTP: Sendable, Equatable {
    /// `smtp://` (STARTTLS when offered) or `smtps://`; nil until configured.
    public var url: URL?
    public var username: String?
    public var password: Secret?
    public var caFile: String?
    /// The `From:` of every mail liaisond sends, `Name <address>` or a bare address.
    public var from: String?

    public init(
      url: URL? = nil, username: String? = nil, password: Secret? = nil, caFile: String? = nil,
      from: String? = nil
    ) {
      self.url = url
      self.username = username
      self.password = password
      self.caFile = caFile
      self.from = from
    }

    /// The bare address of `from` (what goes into `MAIL FROM`).
    public var fromAddress: String? {
      guard let from else { return nil }
      return (try? MailAddress(parsing: from))?.address.lowercased()
    }
  }

  public struct Store: Sendable, Equatable {
    /// Where `path` came from, in the order the loader tries them.
    public enum Origin: String, Sendable, Equatable {
      /// `--store` on the command line.
      case option = "--store"
      /// `$LIAISOND_STORE`.
      case environment = "LIAISOND_STORE"
      /// `store.path` of the file, or `$STORE_PATH`.
      case configuration = "store.path"
      /// systemd's `StateDirectory=` (`$STATE_DIRECTORY`).
      case stateDirectory = "STATE_DIRECTORY"
      /// Nothing said where: the built-in `/var/lib/liaisond`.
      case builtInDefault = "default"
    }

    public static let defaultPath = "/var/lib/liaisond"

    /// The directory of the SQLite database and the content-addressed files.
    public var path: String
    public var origin: Origin

    public init(path: String = Store.defaultPath, origin: Origin = .builtInDefault) {
      self.path = path
      self.origin = origin
    }
  }

  public struct Web: Sendable, Equatable {
    public var listen: ListenAddress
    /// The address the public record is reached at, used in mails and feeds; no trailing slash.
    public var publicURL: String?

    public init(
      listen: ListenAddress = ListenAddress(host: "127.0.0.1", port: 8080), publicURL: String? = nil
    ) {
      self.listen = listen
      self.publicURL = publicURL
    }

    /// `public_url`, or the listen address when none is configured.
    public var effectivePublicURL: String {
      publicURL ?? "http://\(listen)"
    }
  }

  public struct Routing: Sendable, Equatable {
    /// The group registry; nil means the snapshot built into the binary.
    public var registry: String?
    /// The deployment's corrections and additions (role holders with the addresses they
    /// write from), in the registry format, applied to the registry on every load.
    public var overrides: String?
    public var iabContact: String
    public var irtfContact: String
    /// `routing.copy_group_lists`: routed groups' mailing lists get the notification too.
    public var copyGroupLists: Bool

    public init(
      registry: String? = nil, overrides: String? = nil,
      iabContact: String = "liaison-coordination@iab.org",
      irtfContact: String = "irtf-chair@irtf.org", copyGroupLists: Bool = false
    ) {
      self.registry = registry
      self.overrides = overrides
      self.iabContact = iabContact
      self.irtfContact = irtfContact
      self.copyGroupLists = copyGroupLists
    }
  }

  public struct Reminders: Sendable, Equatable {
    /// How long before a For-Action deadline each reminder goes out, longest first.
    public var beforeDeadline: [Duration]
    /// How often an overdue statement is reminded again.
    public var overdueEvery: Duration

    public init(
      beforeDeadline: [Duration] = [.days(14), .days(7), .days(1)],
      overdueEvery: Duration = .days(7)
    ) {
      self.beforeDeadline = beforeDeadline
      self.overdueEvery = overdueEvery
    }
  }

  public struct Acknowledge: Sendable, Equatable {
    /// Send the courtesy thank-you for For-Information statements.
    public var information: Bool

    public init(information: Bool = true) {
      self.information = information
    }
  }

  /// When `/healthz` turns unhealthy.
  public struct Health: Sendable, Equatable {
    /// Polling that has failed (or not succeeded) for longer than this is unhealthy.
    public var pollFailureThreshold: Duration
    /// Sending that has failed for longer than this is unhealthy.
    public var sendFailureThreshold: Duration

    public init(
      pollFailureThreshold: Duration = .seconds(900),
      sendFailureThreshold: Duration = .seconds(1800)
    ) {
      self.pollFailureThreshold = pollFailureThreshold
      self.sendFailureThreshold = sendFailureThreshold
    }
  }

  public struct Log: Sendable, Equatable {
    public var level: Logger.Level

    public init(level: Logger.Level = .info) {
      self.level = level
    }
  }
}

extension Duration {
  /// Whole days, the unit reminders are configured in.
  public static func days(_ n: Int) -> Duration { .seconds(n * 86_400) }
}
