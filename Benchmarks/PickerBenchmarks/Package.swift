// swift-tools-version:6.1
//
// The picker's benchmarks (BENCHMARKS.md, "## Picker"), a package of their own so that
// building and testing ssopick never builds them. `PickerTiming` (a keystroke) and
// `PasteTiming` (a 5,000-character paste) are plain stopwatches:
//
//   swift run -c release --package-path Benchmarks/PickerBenchmarks PickerTiming
//   swift run -c release --package-path Benchmarks/PickerBenchmarks PasteTiming

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
    ),
    .executableTarget(
      name: "PasteTiming",
      dependencies: [.product(name: "PickerCore", package: "ssopick")],
      path: "Sources/PasteTiming",
      swiftSettings: [.swiftLanguageMode(.v6)]
    ),
  ]
)
