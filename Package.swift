// swift-tools-version: 6.2
import PackageDescription

// One target per concern; dependencies point one way:
// MIME <- Liaison <- Routing <- Store <- Workflow <- Daemon <- liaisond
//                    MailTransport <------------------'   Web <-'
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
    .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0", traits: [.defaults, "YAML"]),
    .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
    .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
    .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
  ],
  targets: [
    // Pure MIME library: bytes in, value types out; no I/O.
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
      dependencies: ["CCurl", .product(name: "Logging", package: "swift-log")],
      swiftSettings: upcoming
    ),
    // The liaison model and metadata extraction from a parsed message and its documents.
    .target(
      name: "Liaison",
      dependencies: [
        "MIME",
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: upcoming
    ),
    .target(
      name: "Routing",
      dependencies: ["Liaison", .product(name: "Yams", package: "Yams")],
      // The registry snapshot used when the configuration names none.
      resources: [.embedInCode("Resources/groups.yaml")],
      swiftSettings: upcoming
    ),
    .target(
      name: "Store",
      dependencies: [
        "Liaison", "MIME",
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: upcoming
    ),
    // The process: notifications, acknowledgements, reminders, replies, the outbox.
    .target(
      name: "Workflow",
      dependencies: [
        "Liaison", "Routing", "Store", "MailTransport", "MIME",
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: upcoming
    ),
    .target(
      name: "Web",
      dependencies: [
        "Liaison", "Store",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "Mustache", package: "swift-mustache"),
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: upcoming
    ),
    // Configuration and the long-running services wired together.
    .target(
      name: "Daemon",
      dependencies: [
        "MIME", "MailTransport", "Liaison", "Routing", "Store", "Workflow", "Web",
        .product(name: "Configuration", package: "swift-configuration"),
        .product(name: "SystemPackage", package: "swift-system"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "UnixSignals", package: "swift-service-lifecycle"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "Metrics", package: "swift-metrics"),
        .product(name: "Prometheus", package: "swift-prometheus"),
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "Yams", package: "Yams"),
      ],
      swiftSettings: upcoming
    ),
    .executableTarget(
      name: "liaisond",
      dependencies: [
        "MIME", "Liaison", "Routing", "Store", "Workflow", "Daemon", "MailTransport", "Web",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: upcoming
    ),
    // libFuzzer entry point; built only by scripts/fuzz with -sanitize=fuzzer.
    .executableTarget(
      name: "MIMEFuzzer",
      dependencies: ["MIME"],
      // Library mode: libFuzzer supplies main(); without -D FUZZING an @main replays files.
      swiftSettings: upcoming + [.unsafeFlags(["-parse-as-library"])]
    ),
    // The same for the extractor and its DOCX/ZIP/HTML/PDF readers (scripts/fuzz-extract).
    .executableTarget(
      name: "ExtractorFuzzer",
      dependencies: ["Liaison", "MIME", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
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
      name: "MailTransportTests", dependencies: ["MailTransport", "MailBenchSupport"],
      swiftSettings: upcoming),
    .testTarget(name: "LiaisonTests", dependencies: ["Liaison", "MIME"], swiftSettings: upcoming),
    .testTarget(name: "RoutingTests", dependencies: ["Routing", "Liaison"], swiftSettings: upcoming),
    .testTarget(name: "StoreTests", dependencies: ["Store", "Liaison", "MIME"], swiftSettings: upcoming),
    .testTarget(
      name: "WorkflowTests",
      dependencies: ["Workflow", "Store", "Routing", "Liaison", "MailTransport", "MailBenchSupport"],
      swiftSettings: upcoming
    ),
    .testTarget(
      name: "WebTests",
      dependencies: [
        "Web", "Store", "Liaison",
        .product(name: "HummingbirdTesting", package: "hummingbird"),
      ],
      swiftSettings: upcoming
    ),
    .testTarget(
      name: "DaemonTests",
      dependencies: [
        "Daemon", "liaisond", "Store", "Liaison", "MIME", "MailTransport", "MailBenchSupport",
        "Workflow",
        .product(name: "Metrics", package: "swift-metrics"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "Yams", package: "Yams"),
        .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
        .product(name: "SystemPackage", package: "swift-system"),
        .product(name: "HummingbirdTesting", package: "hummingbird"),
      ],
      swiftSettings: upcoming
    ),
  ]
)
