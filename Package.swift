// swift-tools-version:6.1
import PackageDescription

let package = Package(
  name: "hokulink",
  products: [
    .executable(name: "hokulink", targets: ["hokulink"]),
    .executable(name: "hokulink-serve", targets: ["hokulink-serve"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    .package(url: "https://github.com/apple/swift-nio-ssh", from: "0.15.1"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    // Test only: whole-state comparisons with a readable diff (the flows' state tests); its issues reach Swift
    // Testing only through IssueReportingTestSupport, from the overlay it already depends on.
    .package(url: "https://github.com/pointfreeco/swift-custom-dump", from: "1.7.3"),
    .package(url: "https://github.com/pointfreeco/xctest-dynamic-overlay", from: "1.13.1"),
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
      ],
      // The production build starts fast: the Swift runtime and Foundation linked in, and no PIE, so there are no
      // shared libraries to load and no start-up relocations. Debug and test links stay as they are. Foundation's own
      // static parts are named because the modules were compiled against the shared Foundation, whose autolink
      // entries do not list them (what `--static-swift-stdlib` would add). Linked by the toolchain's lld with the
      // functions a start runs placed together (BuildSupport/hokulink-startup-order.txt, from callgrind; see
      // BuildSupport/startup-order.py): the first frame then touches 5.2 MiB of code pages instead of 9.9 MiB.
      linkerSettings: [
        .unsafeFlags(
          [
            "-static-stdlib", "-Xclang-linker", "-no-pie", "-lFoundationEssentials", "-lFoundationInternationalization",
            "-lCoreFoundation", "-l_FoundationICU", "-l_FoundationCShims", "-l_FoundationCollections",
            "-lswiftSynchronization", "-use-ld=lld", "-Xlinker",
            "--symbol-ordering-file=\(Context.packageDirectory)/BuildSupport/hokulink-startup-order.txt", "-Xlinker",
            "--no-warn-symbol-ordering",
          ], .when(configuration: .release))
      ]),
    // `hokulink serve`: its own executable, so the app's binary does not link swift-nio (start-up time).
    .target(name: "CPty"),
    .target(
      name: "HokuLinkServe",
      dependencies: [
        "CPty",
        .product(name: "NIOSSH", package: "swift-nio-ssh"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "Crypto", package: "swift-crypto"),
      ]),
    .executableTarget(
      name: "hokulink-serve",
      dependencies: [
        "HokuLinkServe", "HokuLinkCore", .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .testTarget(
      name: "HokuLinkCoreTests",
      dependencies: [
        "HokuLinkCore", .product(name: "CustomDump", package: "swift-custom-dump"),
        .product(name: "IssueReportingTestSupport", package: "xctest-dynamic-overlay"),
      ]),
    // Spawned by the store's multi-process tests; not shipped.
    .executableTarget(name: "store-torture", dependencies: ["HokuLinkCore"], path: "Tests/Support/store-torture"),
    .executableTarget(name: "hokulink-bench", dependencies: ["HokuLinkCore"], path: "Benchmarks/hokulink-bench"),
    .testTarget(name: "HokuLinkUITests", dependencies: ["HokuLinkUI"]),
    .testTarget(name: "HokuLinkTerminalTests", dependencies: ["HokuLinkTerminal", "HokuLinkUI", "CNcursesw"]),
    .testTarget(
      name: "ScreensTests", dependencies: ["Screens", "HokuLinkCore", "HokuLinkUI"],
      exclude: ["Goldens"]),
    // The real binary in tmux, for the end-to-end and the SSH server's tests alike.
    .target(name: "TmuxTesting", path: "Tests/Support/TmuxTesting"),
    .testTarget(
      name: "EndToEndTests", dependencies: ["HokuLinkCore", "hokulink", "TmuxTesting"]),
    .testTarget(name: "ServeTests", dependencies: ["HokuLinkServe", "hokulink", "hokulink-serve", "TmuxTesting"]),
  ],
  swiftLanguageModes: [.v6]
)
