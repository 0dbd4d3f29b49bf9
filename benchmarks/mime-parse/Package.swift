// swift-tools-version: 6.2
// The liaisond side of scripts/bench-mime, and the driver profiled with callgrind: the MIME
// target alone, timed inside the process, doing what benchmarks/gmime-parse.c does.
import PackageDescription

let package = Package(
  name: "mime-parse",
  platforms: [.macOS(.v15)],
  dependencies: [.package(name: "liaisond", path: "../..")],
  targets: [
    .executableTarget(
      name: "mime-parse",
      dependencies: [.product(name: "MIME", package: "liaisond")]
    )
  ]
)
