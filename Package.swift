// swift-tools-version: 6.1
import PackageDescription

/// limber: a terminal coach for people living with sciatica or low back pain.
/// Module layout and dependency direction follow ../shared/DESIGN.md:
/// limber -> {Terminal, CoachUI, SessionLog, SessionEngine, ExerciseCatalog};
/// Terminal -> CoachUI -> SessionEngine -> ExerciseCatalog; only Terminal imports CNCurses.
let package = Package(
    name: "limber",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "limber", targets: ["limber"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", exact: "2.0.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CNCurses",
            // No pkgConfig: SwiftPM would drop its -D_XOPEN_SOURCE flags with a warning anyway
            // (the shim defines what is needed), and Debian's libncursesw.so links -ltinfo itself.
            providers: [.apt(["libncurses-dev"])]
        ),
        .target(
            name: "ExerciseCatalog",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "SessionEngine",
            dependencies: ["ExerciseCatalog"]
        ),
        .target(
            name: "SessionLog",
            dependencies: ["SessionEngine", "ExerciseCatalog", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(
            name: "CoachUI",
            dependencies: ["SessionEngine", "ExerciseCatalog"]
        ),
        .target(
            name: "Terminal",
            dependencies: ["CNCurses", "CoachUI"]
        ),
        .executableTarget(
            name: "limber",
            dependencies: [
                "ExerciseCatalog", "SessionEngine", "SessionLog", "CoachUI", "Terminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(
            name: "TestSupport",
            dependencies: ["SessionLog", "SessionEngine", "ExerciseCatalog"],
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "ExerciseCatalogTests",
            dependencies: ["ExerciseCatalog"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "SessionEngineTests",
            dependencies: ["SessionEngine", "ExerciseCatalog", "TestSupport", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "SessionLogTests",
            dependencies: ["SessionLog", "SessionEngine", "ExerciseCatalog", "TestSupport"]
        ),
        .testTarget(
            name: "CoachUITests",
            dependencies: ["CoachUI", "SessionEngine", "ExerciseCatalog", "TestSupport"]
        ),
        .testTarget(
            name: "TerminalTests",
            dependencies: ["Terminal", "CoachUI", "CNCurses"]
        ),
        .testTarget(
            name: "LimberTests",
            dependencies: ["limber", "CoachUI", "SessionLog", "SessionEngine", "ExerciseCatalog", "TestSupport"]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: []
        ),
    ],
    swiftLanguageModes: [.v6]
)
