// swift-tools-version:6.1
import PackageDescription

let package = Package(
  name: "hokulink",
  products: [
    .executable(name: "hokulink", targets: ["hokulink"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
  ],
  targets: [
    .systemLibrary(
      name: "CNcursesw", path: "Sources/CNcursesw", pkgConfig: "ncursesw",
      providers: [.apt(["libncursesw5-dev"])]),
    .target(
      name: "HokuLinkCore",
      dependencies: [
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "CryptoExtras", package: "swift-crypto"),
      ],
      resources: [.copy("Resources")]),
    .target(name: "HokuLinkUI"),
    .target(name: "HokuLinkTerminal", dependencies: ["CNcursesw", "HokuLinkUI"]),
    .target(name: "Screens", dependencies: ["HokuLinkCore", "HokuLinkUI"], path: "Screens"),
    .executableTarget(
      name: "hokulink",
      dependencies: [
        "HokuLinkCore", "HokuLinkUI", "HokuLinkTerminal", "Screens",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .testTarget(name: "HokuLinkCoreTests", dependencies: ["HokuLinkCore"]),
    // Spawned by the store's multi-process tests; not shipped.
    .executableTarget(name: "store-torture", dependencies: ["HokuLinkCore"], path: "Tests/Support/store-torture"),
    .executableTarget(name: "hokulink-bench", dependencies: ["HokuLinkCore"], path: "Benchmarks/hokulink-bench"),
    .testTarget(name: "HokuLinkUITests", dependencies: ["HokuLinkUI"]),
    .testTarget(name: "HokuLinkTerminalTests", dependencies: ["HokuLinkTerminal", "HokuLinkUI", "CNcursesw"]),
    .testTarget(
      name: "ScreensTests", dependencies: ["Screens", "HokuLinkCore", "HokuLinkUI"],
      exclude: ["Goldens"]),
    .testTarget(
      name: "EndToEndTests", dependencies: ["HokuLinkCore", "hokulink"]),
  ],
  swiftLanguageModes: [.v6]
)
