// swift-tools-version: 6.2
// The liaisond side of scripts/bench-imap: fetches a mailbox the way the poller does
// (STATUS, UID SEARCH, RFC822.SIZE, one URL fetch per message on one connection) and
// measures IDLE arrival-to-fetched latency. Built by scripts/bench-imap in release mode.
import PackageDescription

let package = Package(
  name: "imap-fetch",
  platforms: [.macOS(.v15)],
  dependencies: [.package(name: "liaisond", path: "../..")],
  targets: [
    .executableTarget(
      name: "imap-fetch",
      dependencies: [.product(name: "MailTransport", package: "liaisond")]
    )
  ]
)
