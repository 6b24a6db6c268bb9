// swift-tools-version: 6.1
import PackageDescription

/// limber: a terminal coach for people living with sciatica or low back pain.
///
/// The layout of ../shared/DESIGN.md, dependencies pointing one way:
///
///     limber -> CoachApp -> {Terminal, CoachUI, SessionLog, SessionEngine, CoachPolicy, ExerciseCatalog}
///     Terminal -> TUIKit;  CoachUI -> {TUIKit, SessionEngine, CoachPolicy}
///     SessionLog -> SessionEngine (its types only);  SessionEngine -> CoachPolicy -> ExerciseCatalog
///     MonotonicTime: the instant and the clocks, shared by the engine and the run loop
///
/// Nothing imports limber; nothing but Terminal imports CNCurses; SessionEngine and CoachPolicy do
/// no I/O and read no clock.
let package = Package(
    name: "limber",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "limber", targets: ["limber"]),
        // For Benchmarks/Micro (a separate package that depends on this one by path) only.
        .library(name: "LimberModules", targets: ["CoachApp", "CoachUI", "SessionLog", "SessionEngine", "CoachPolicy", "ExerciseCatalog", "TUIKit", "MonotonicTime"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", exact: "2.0.1"),
        .package(url: "https://github.com/JohnSundell/Plot", exact: "0.14.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CNCurses",
            // No pkgConfig: SwiftPM would drop its -D_XOPEN_SOURCE flags with a warning anyway
            // (the shim defines what is needed), and Debian's libncursesw.so links -ltinfo itself.
            providers: [.apt(["libncurses-dev"])]
        ),
        .target(name: "MonotonicTime"),
        .target(name: "PlainText"),
        .target(name: "TUIKit", dependencies: ["MonotonicTime", "PlainText"]),
        .target(name: "Terminal", dependencies: ["CNCurses", "TUIKit", "PlainText"]),
        .target(name: "ExerciseCatalog", dependencies: [.product(name: "Yams", package: "Yams")]),
        .target(name: "CoachPolicy", dependencies: ["ExerciseCatalog", "PlainText"]),
        .target(name: "SessionEngine", dependencies: ["CoachPolicy", "ExerciseCatalog", "MonotonicTime"]),
        .target(
            name: "SessionLog",
            dependencies: ["SessionEngine", "CoachPolicy", "ExerciseCatalog", "MonotonicTime", "PlainText", .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "GRDBSQLite", package: "GRDB.swift")]
        ),
        .target(name: "CoachUI", dependencies: ["TUIKit", "PlainText", "SessionEngine", "CoachPolicy", "ExerciseCatalog", "MonotonicTime"]),
        // The clinician's report (`limber report`): its model from the log's values, and the
        // HTML (Plot) and plain-text renderers. No I/O and no clock: CoachApp gathers the data.
        .target(
            name: "ClinicianReport",
            dependencies: ["CoachPolicy", "SessionEngine", "ExerciseCatalog", "PlainText", .product(name: "Plot", package: "Plot")]
        ),
        .target(
            name: "CoachApp",
            dependencies: ["ClinicianReport", "Terminal", "TUIKit", "CoachUI", "SessionLog", "SessionEngine", "CoachPolicy", "ExerciseCatalog", "MonotonicTime", "PlainText"]
        ),
        .executableTarget(
            name: "limber",
            dependencies: [
                "CoachApp", "SessionLog", "CoachPolicy", "ExerciseCatalog",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // The release binary (README's `swift build -c release`): the Swift runtime and
            // Foundation linked in (no 20 shared objects to load and relocate at every start, and
            // only the pages used are resident), unused sections dropped, symbols stripped.
            // The modules are compiled against the shared Foundation, whose autolink names only
            // Foundation itself, so the static archives it needs are named here, in one group.
            // Linked by lld (the toolchain's) for packed relative relocations: the position-
            // independent binary's 90,000 relocations take 17 KB instead of 2.2 MB, all of which
            // was read at every start; and no dynamic symbol table of every Swift symbol
            // (--no-export-dynamic; nothing looks them up), another 0.9 MB read at start.
            linkerSettings: [
                .unsafeFlags([
                    "-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs", "-Xlinker", "--no-export-dynamic",
                    "-static-stdlib", "-Xlinker", "--gc-sections", "-Xlinker", "--strip-all",
                    "-Xlinker", "--start-group", "-lCoreFoundation", "-l_FoundationICU", "-l_FoundationCShims",
                    "-l_FoundationCollections", "-lFoundation", "-lFoundationEssentials",
                    "-lFoundationInternationalization", "-lswiftSynchronization", "-ldispatch", "-lBlocksRuntime",
                    "-lswiftCore", "-lstdc++", "-Xlinker", "--end-group",
                ], .when(platforms: [.linux], configuration: .release)),
            ]
        ),
        .target(
            name: "TestSupport",
            dependencies: ["SessionLog", "SessionEngine", "CoachPolicy", "ExerciseCatalog"],
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "ExerciseCatalogTests",
            dependencies: ["ExerciseCatalog"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "SessionEngineTests",
            dependencies: [
                "SessionEngine", "CoachPolicy", "ExerciseCatalog", "MonotonicTime", "TestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "SessionLogTests",
            dependencies: ["SessionLog", "SessionEngine", "CoachPolicy", "ExerciseCatalog", "MonotonicTime", "TestSupport"]
        ),
        .testTarget(name: "TUIKitTests", dependencies: ["TUIKit", "MonotonicTime", "PlainText"]),
        .testTarget(
            name: "CoachUITests",
            dependencies: ["CoachUI", "TUIKit", "PlainText", "SessionEngine", "CoachPolicy", "ExerciseCatalog", "MonotonicTime", "TestSupport"],
            // The expected screens are read through #filePath, as plain files next to the tests.
            exclude: ["Screens"]
        ),
        .testTarget(name: "TerminalTests", dependencies: ["Terminal", "TUIKit", "PlainText", "CNCurses"]),
        .testTarget(
            name: "CoachAppTests",
            dependencies: ["CoachApp", "CoachUI", "TUIKit", "SessionLog", "SessionEngine", "CoachPolicy", "ExerciseCatalog", "MonotonicTime", "TestSupport"]
        ),
        .testTarget(
            name: "ClinicianReportTests",
            dependencies: ["ClinicianReport", "CoachPolicy", "SessionEngine", "ExerciseCatalog", "TestSupport"]
        ),
        .testTarget(
            name: "LimberTests",
            dependencies: ["limber", "CoachApp", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(name: "EndToEndTests", dependencies: []),
    ],
    swiftLanguageModes: [.v6]
)
