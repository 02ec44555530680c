// swift-tools-version:6.1
//
// ssopick — a fast, full-screen account/role picker for AWS IAM Identity Center.
//
// Dependency direction (see DECISIONS.md and ../shared/docs/design.md §2):
//
//   ssopick (options, wiring, exit codes) ─► ArgumentParser
//      └─► SSOPickCommands (the use cases every front end shares)
//             ├─► PickerCurses ─► PickerCore ─► SessionEngine ─► CSSOPickLibc (C)
//             │        └─► CNcursesShim (C)          └─► LoopbackServer ─► CSSOPickLibc
//             ├─► CurlTransport ─► CCurl (C; loads the system libcurl on first use)
//             │        └─► SessionEngine
//             └─► FakeIdentityCenter ─► LoopbackServer (the one HTTP/1.1 server, POSIX sockets)
//   SSOPickTestSupport ─► SessionEngine, PickerCore, SSOPickCommands, FakeIdentityCenter
//                         (tests only)

import PackageDescription

/// Settings every Swift target shares: Swift 6 mode plus the upcoming features that keep
/// module boundaries honest (C types never leak through `public` API).
let strictSwift: [SwiftSetting] = [
  .swiftLanguageMode(.v6),
  .enableUpcomingFeature("InternalImportsByDefault"),
  .enableUpcomingFeature("MemberImportVisibility"),
  .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
  name: "ssopick",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "ssopick", targets: ["ssopick"]),
    .library(name: "PickerCore", targets: ["PickerCore"]),
    .library(name: "SessionEngine", targets: ["SessionEngine"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
    .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
  ],
  targets: [
    // MARK: C wrappers

    /// Typed (non-variadic) libcurl entry points. libcurl's headers come from the system
    /// (libcurl4-openssl-dev / the macOS SDK); the library is dlopen'ed on first use, so a
    /// command that never goes to the network never loads it (see DECISIONS.md).
    .target(
      name: "CCurl",
      linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]
    ),
    /// libc functions Glibc hides from Swift (`accept4`, `posix_openpt`, `closefrom`, …),
    /// wrapped as prefixed C functions (the swift-nio `CNIOLinux` way).
    .target(name: "CSSOPickLibc"),
    /// A small C layer over ncurses with an opaque, fixed-width API.
    .target(
      name: "CNcursesShim",
      linkerSettings: [
        .linkedLibrary("ncursesw", .when(platforms: [.linux])),
        .linkedLibrary("ncurses", .when(platforms: [.macOS])),
      ]
    ),

    // MARK: Libraries

    /// The one HTTP/1.1 server: loopback only, a thread per connection, an async handler.
    /// The fake serves itself with it, and so does the credentials endpoint.
    .target(
      name: "LoopbackServer",
      dependencies: ["CSSOPickLibc"],
      swiftSettings: strictSwift
    ),
    .target(
      name: "SessionEngine",
      dependencies: [
        "CSSOPickLibc",
        "LoopbackServer",
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "Collections", package: "swift-collections"),
      ],
      swiftSettings: strictSwift
    ),
    .target(
      name: "CurlTransport",
      dependencies: ["CCurl", "SessionEngine"],
      swiftSettings: strictSwift
    ),
    .target(
      name: "PickerCore",
      dependencies: ["SessionEngine"],
      swiftSettings: strictSwift
    ),
    .target(
      name: "PickerCurses",
      dependencies: ["PickerCore", "CNcursesShim"],
      swiftSettings: strictSwift
    ),
    .target(
      name: "FakeIdentityCenter",
      dependencies: [
        "CSSOPickLibc",
        "LoopbackServer",
        .product(name: "Crypto", package: "swift-crypto"),
      ],
      swiftSettings: strictSwift
    ),
    /// The command layer: one use case per job (role credentials, profiles, exec, console,
    /// list, populate, configure, …), each taking an injected context, shared by every front
    /// end — the picker's actions call exactly what the commands call.
    .target(
      name: "SSOPickCommands",
      dependencies: [
        "SessionEngine", "CurlTransport", "PickerCore", "PickerCurses", "FakeIdentityCenter",
      ],
      swiftSettings: strictSwift
    ),
    .target(
      name: "SSOPickTestSupport",
      dependencies: [
        "SessionEngine", "PickerCore", "SSOPickCommands", "FakeIdentityCenter", "CSSOPickLibc",
      ],
      swiftSettings: strictSwift
    ),

    // MARK: The command

    .executableTarget(
      name: "ssopick",
      dependencies: [
        "SSOPickCommands",
        "SessionEngine",
        "CurlTransport",
        "PickerCore",
        "PickerCurses",
        "FakeIdentityCenter",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: strictSwift
    ),

    // MARK: Tests

    /// A helper process for the tests of interrupted writes: it writes a file with
    /// `AtomicFile` and stops before the rename until its stdin ends, so a test can signal
    /// a process that is mid-write without sleeping (DECISIONS.md).
    .executableTarget(
      name: "AtomicWriteProbe",
      dependencies: ["SessionEngine"],
      path: "Tests/AtomicWriteProbe",
      swiftSettings: strictSwift
    ),
    .testTarget(
      name: "SessionEngineTests",
      dependencies: [
        "SessionEngine", "SSOPickTestSupport", "LoopbackServer",
        .product(name: "PropertyBased", package: "swift-property-based"),
      ],
      resources: [.copy("Fixtures")],
      swiftSettings: strictSwift
    ),
    .testTarget(
      name: "CurlTransportTests",
      dependencies: ["CurlTransport", "SessionEngine", "SSOPickTestSupport"],
      resources: [.copy("Fixtures")],
      swiftSettings: strictSwift
    ),
    .testTarget(
      name: "PickerCoreTests",
      dependencies: [
        "PickerCore", "SSOPickTestSupport",
        .product(name: "PropertyBased", package: "swift-property-based"),
      ],
      exclude: ["Snapshots"],
      swiftSettings: strictSwift
    ),
    .testTarget(
      name: "PickerCursesTests",
      dependencies: ["PickerCurses", "CNcursesShim", "SSOPickTestSupport"],
      swiftSettings: strictSwift
    ),
    .testTarget(
      name: "LoopbackServerTests",
      dependencies: ["LoopbackServer", "SSOPickTestSupport"],
      swiftSettings: strictSwift
    ),
    .testTarget(
      name: "FakeIdentityCenterTests",
      dependencies: [
        "FakeIdentityCenter", "LoopbackServer", "SSOPickTestSupport", "CurlTransport",
        "SessionEngine",
      ],
      exclude: ["Interop"],
      swiftSettings: strictSwift
    ),
    .testTarget(
      name: "SSOPickCommandsTests",
      dependencies: [
        "SSOPickCommands", "SSOPickTestSupport", "SessionEngine", "PickerCore",
        "FakeIdentityCenter", "CurlTransport",
      ],
      swiftSettings: strictSwift
    ),
    .testTarget(
      name: "SSOPickTests",
      dependencies: [
        "SSOPickTestSupport", "SessionEngine", "FakeIdentityCenter", "LoopbackServer",
      ],
      swiftSettings: strictSwift
    ),
  ]
)
