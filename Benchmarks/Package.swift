// swift-tools-version:6.1
//
// Benchmarks for ssopick, kept out of the main package so that building and testing ssopick
// (and CI) does not fetch or build the benchmark harness. See BENCHMARKS.md.

import PackageDescription

let package = Package(
  name: "ssopick-benchmarks",
  platforms: [.macOS(.v15)],
  dependencies: [
    .package(name: "ssopick", path: ".."),
    .package(
      url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
  ],
  targets: [
    .executableTarget(
      name: "MatcherBenchmark",
      dependencies: [
        "BenchmarkSupport",
        .product(name: "Benchmark", package: "benchmark"),
        .product(name: "PickerCore", package: "ssopick"),
      ],
      path: "Benchmarks/MatcherBenchmark",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    ),
    // A plain stopwatch over the same script, broken down by query length; no harness.
    .executableTarget(
      name: "MatcherTiming",
      dependencies: ["BenchmarkSupport", .product(name: "PickerCore", package: "ssopick")],
      path: "Sources/MatcherTiming"
    ),
    // The synthetic organisation and typing script both executables use.
    .target(
      name: "BenchmarkSupport",
      dependencies: [.product(name: "PickerCore", package: "ssopick")],
      path: "Sources/BenchmarkSupport",
      swiftSettings: [.enableUpcomingFeature("InternalImportsByDefault")]
    ),
  ]
)
