// swift-tools-version:6.1
//
// The config engine's in-process timings (BENCHMARKS.md, "## Config"), a package of their own
// so that building and testing ssopick never builds them. `ConfigTiming` is a plain stopwatch:
//
//   python3 scripts/bench/make_big_config.py /tmp/big.config
//   swift run -c release --package-path Benchmarks/ConfigBenchmarks ConfigTiming /tmp/big.config
//
// Whole-process timings of the ssopick binary are in scripts/bench/config_bench.sh.

import PackageDescription

let package = Package(
  name: "ssopick-config-benchmarks",
  platforms: [.macOS(.v15)],
  dependencies: [
    .package(name: "ssopick", path: "../..")
  ],
  targets: [
    .executableTarget(
      name: "ConfigTiming",
      dependencies: [.product(name: "SessionEngine", package: "ssopick")],
      path: "Sources/ConfigTiming",
      swiftSettings: [.swiftLanguageMode(.v6)]
    )
  ]
)
