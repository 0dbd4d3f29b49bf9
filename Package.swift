// swift-tools-version: 6.2
import PackageDescription

// One target per concern; dependencies point one way, each target using only those above it:
//
//   MIME           pure MIME parser, mail addresses      (swift-crypto)
//   MailTransport  IMAP/SMTP over libcurl                MIME, CCurl
//   Liaison        liaison model and extraction          MIME
//   PDFText        PDF text, off the cooperative pool    Liaison
//   liaisond-pdftext  the PDF converter PDFText keeps running (libpoppler-cpp)
//   Routing        group registry and router             Liaison
//   Store          SQLite record and outbox              Liaison, MIME
//   Datatracker    registry and history import, export  Liaison, MailTransport, Routing, Store
//   Workflow       the process and its loops             Liaison, MIME, MailTransport, Routing, Store
//   Web            the public record                     Liaison, MIME, Store, CGzip
//   Daemon         configuration and services            all of the above
//   liaisond       the thin command line                 Daemon and the libraries it reads
//   MIMEFuzzer, ExtractorFuzzer (libFuzzer targets)       their libraries, FuzzReplay
//
// Each target declares exactly the modules it imports.
let upcoming: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny"),
  .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
  name: "liaisond",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "liaisond", targets: ["liaisond"]),
    .library(name: "MIME", targets: ["MIME"]),
    // For benchmarks/imap-fetch (scripts/bench-imap), which measures the transport alone.
    .library(name: "MailTransport", targets: ["MailTransport"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    .package(
      url: "https://github.com/apple/swift-configuration", from: "1.4.0",
      traits: [.defaults, "YAML"]),
    .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
    .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
    .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    // Already in the graph through Hummingbird: the web record's connection guard is a
    // channel handler (NIOCore) over HTTP parts (NIOHTTPTypes).
    .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
    .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.24.0"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
  ],
  targets: [
    // Pure MIME library: bytes in, value types out; no I/O. Also the one mail-address type.
    .target(
      name: "MIME",
      dependencies: [.product(name: "Crypto", package: "swift-crypto")],
      swiftSettings: upcoming
    ),
    // libcurl through a header of typed static-inline wrappers (curl_easy_setopt is variadic).
    .systemLibrary(
      name: "CCurl",
      pkgConfig: "libcurl",
      providers: [.apt(["libcurl4-openssl-dev"])]
    ),
    .target(
      name: "MailTransport",
      dependencies: ["CCurl", "MIME", .product(name: "Logging", package: "swift-log")],
      swiftSettings: upcoming
    ),
    // The liaison model and metadata extraction from a parsed message and its documents:
    // pure, with the document readers that need a process (PDF) injected.
    .target(
      name: "Liaison",
      dependencies: ["MIME", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
      swiftSettings: upcoming
    ),
    // The PDF reader: poppler's pdftotext in a child process, off the cooperative pool,
    // with a per-message budget. Shell code, kept out of the pure Liaison target.
    .target(
      name: "PDFText",
      dependencies: ["Liaison"],
      swiftSettings: upcoming
    ),
    // PDFText's long-lived converter: poppler's C++ library in a process of its own, fed
    // PDFs over a socket (a C++ shim; libpoppler-cpp-dev).
    .executableTarget(
      name: "liaisond-pdftext",
      linkerSettings: [.linkedLibrary("poppler-cpp")]
    ),
    .target(
      name: "Routing",
      dependencies: ["Liaison", .product(name: "Yams", package: "Yams")],
      // The registry snapshot used when the configuration names none.
      resources: [.embedInCode("Resources/groups.yaml")],
      swiftSettings: upcoming
    ),
    // The registry built from the datatracker's API (or saved pages of it).
    .target(
      name: "Datatracker",
      dependencies: ["Liaison", "MailTransport", "Routing", "Store"],
      swiftSettings: upcoming
    ),
    .target(
      name: "Store",
      dependencies: [
        "Liaison", "MIME",
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: upcoming
    ),
    // The process: the poll and outbox loops, notifications, acknowledgements, reminders,
    // replies.
    .target(
      name: "Workflow",
      dependencies: [
        "Liaison", "MIME", "MailTransport", "Routing", "Store",
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: upcoming
    ),
    // zlib, for the web record's gzipped copies of cached pages.
    .systemLibrary(
      name: "CGzip",
      pkgConfig: "zlib",
      providers: [.apt(["zlib1g-dev"])]
    ),
    .target(
      name: "Web",
      dependencies: [
        "CGzip", "Liaison", "MIME", "Store",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdCore", package: "hummingbird"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
        .product(name: "Mustache", package: "swift-mustache"),
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: upcoming
    ),
    // Configuration and the long-running services wired together.
    .target(
      name: "Daemon",
      dependencies: [
        "Liaison", "MIME", "MailTransport", "PDFText", "Routing", "Store", "Web", "Workflow",
        .product(name: "Configuration", package: "swift-configuration"),
        .product(name: "CoreMetrics", package: "swift-metrics"),
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "Prometheus", package: "swift-prometheus"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "SystemPackage", package: "swift-system"),
        .product(name: "UnixSignals", package: "swift-service-lifecycle"),
        .product(name: "Yams", package: "Yams"),
      ],
      swiftSettings: upcoming
    ),
    .executableTarget(
      name: "liaisond",
      dependencies: [
        "Daemon", "Datatracker", "Liaison", "MIME", "PDFText", "Routing", "Store", "Web",
        "Workflow",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: upcoming
    ),
    // The fuzzers' replay mode: their findings run again as plain programs.
    .target(name: "FuzzReplay", swiftSettings: upcoming),
    // libFuzzer entry point; built only by scripts/fuzz with -sanitize=fuzzer.
    .executableTarget(
      name: "MIMEFuzzer",
      dependencies: ["FuzzReplay", "MIME"],
      // Library mode: libFuzzer supplies main(); without -D FUZZING an @main replays files.
      swiftSettings: upcoming + [.unsafeFlags(["-parse-as-library"])]
    ),
    // The same for the extractor and its DOCX/ZIP/HTML/PDF readers (scripts/fuzz-extract).
    .executableTarget(
      name: "ExtractorFuzzer",
      dependencies: [
        "FuzzReplay", "Liaison", "MIME", "PDFText",
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ],
      swiftSettings: upcoming + [.unsafeFlags(["-parse-as-library"])]
    ),
    .testTarget(
      name: "MIMETests", dependencies: ["MIME"], exclude: ["known-differences.txt"],
      swiftSettings: upcoming),
    // The project's mail bench (scripts/mailbench) for the tests that need real servers.
    .target(
      name: "MailBenchSupport", dependencies: ["MailTransport"], path: "Tests/MailBenchSupport",
      swiftSettings: upcoming),
    .testTarget(
      name: "MailTransportTests", dependencies: ["MIME", "MailBenchSupport", "MailTransport"],
      swiftSettings: upcoming),
    .testTarget(name: "LiaisonTests", dependencies: ["Liaison", "MIME"], swiftSettings: upcoming),
    .testTarget(
      name: "PDFTextTests", dependencies: ["Liaison", "MIME", "PDFText"], swiftSettings: upcoming),
    .testTarget(
      name: "RoutingTests", dependencies: ["Liaison", "Routing"], swiftSettings: upcoming),
    .testTarget(
      name: "DatatrackerTests", dependencies: ["Datatracker", "Liaison", "Routing", "Store"],
      swiftSettings: upcoming),
    .testTarget(
      name: "StoreTests",
      dependencies: [
        "Liaison", "MIME", "Store", .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: upcoming),
    .testTarget(
      name: "WorkflowTests",
      dependencies: [
        "Datatracker", "Liaison", "MIME", "MailBenchSupport", "MailTransport", "Routing", "Store",
        "Workflow",
      ],
      swiftSettings: upcoming
    ),
    .testTarget(
      name: "WebTests",
      dependencies: [
        "Liaison", "MailBenchSupport", "Store", "Web",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdTesting", package: "hummingbird"),
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: upcoming
    ),
    .testTarget(
      name: "DaemonTests",
      dependencies: [
        "Daemon", "Liaison", "MIME", "MailBenchSupport", "MailTransport", "Routing", "Store",
        "Web", "Workflow",
        // Not imported: CommandLineTests run the built executable, which this builds.
        "liaisond",
        .product(name: "CoreMetrics", package: "swift-metrics"),
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdTesting", package: "hummingbird"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "SystemPackage", package: "swift-system"),
        .product(name: "Yams", package: "Yams"),
      ],
      swiftSettings: upcoming
    ),
  ]
)
