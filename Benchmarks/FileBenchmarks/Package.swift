// swift-tools-version:6.1
//
// The cost of one atomic write (BENCHMARKS.md, "## Atomic writes"), a package of its own so
// that building and testing ssopick never builds it. `WriteTiming` is a plain stopwatch:
//
//   swift build -c release --package-path Benchmarks/FileBenchmarks --product WriteTiming
//   Benchmarks/FileBenchmarks/.build/release/WriteTiming /dev/shm/ssopick-bench 20000
//
// It uses only `AtomicFile.write`, so the same program builds against an older commit's
// SessionEngine for a before/after comparison.

import PackageDescription

let package = Package(
  name: "ssopick-file-benchmarks",
  platforms: [.macOS(.v15)],
  dependencies: [
    .package(name: "ssopick", path: "../..")
  ],
  targets: [
    .executableTarget(
      name: "WriteTiming",
      dependencies: [.product(name: "SessionEngine", package: "ssopick")],
      path: "Sources/WriteTiming",
      swiftSettings: [.swiftLanguageMode(.v6)]
    )
  ]
)
