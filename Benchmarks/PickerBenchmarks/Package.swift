// swift-tools-version:6.1
//
// The picker's benchmarks (BENCHMARKS.md, "## Picker"), a package of their own so that
// building and testing ssopick never builds them. `PickerTiming` is a plain stopwatch:
//
//   swift run -c release --package-path Benchmarks/PickerBenchmarks PickerTiming

import PackageDescription

let package = Package(
  name: "ssopick-picker-benchmarks",
  platforms: [.macOS(.v15)],
  dependencies: [
    .package(name: "ssopick", path: "../..")
  ],
  targets: [
    .executableTarget(
      name: "PickerTiming",
      dependencies: [.product(name: "PickerCore", package: "ssopick")],
      path: "Sources/PickerTiming",
      swiftSettings: [.swiftLanguageMode(.v6)]
    )
  ]
)
