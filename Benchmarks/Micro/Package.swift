// swift-tools-version: 6.1
import PackageDescription

/// Micro-benchmarks of limber's pieces (catalog load, "did you mean", rendering screens to a grid,
/// log queries, export), outside the main build and test run:
///
///     cd Benchmarks/Micro && swift package benchmark
///
/// ordo-one/package-benchmark runs each benchmark until its figures settle and prints wall time,
/// CPU time and mallocs (the MallocInterposer trait counts allocations). Figures are printed,
/// never asserted. It depends on the limber package by path, through its `LimberModules` product.
let package = Package(
    name: "limber-micro-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "limber", path: "../.."),
        .package(url: "https://github.com/ordo-one/package-benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "LimberBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "LimberModules", package: "limber"),
            ],
            path: "Benchmarks/LimberBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
