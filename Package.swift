// swift-tools-version:6.0
import PackageDescription

// Dependencies point one way (docs/architecture.md):
//   slim-train → SlimEngine → SlimLog → SlimGzip → CZlib;  SlimEngine, SlimAnalysis → SlimPruning
//   slim-report → SlimReport → SlimAnalysis → SlimLog;  SlimReport → SlimCharts → CCairo, CPangoCairo, SlimGzip (PNG)
// SlimCharts knows nothing of pruning; the engine never imports the analyzer.

let optimize: [SwiftSetting] = [.unsafeFlags(["-cross-module-optimization"])]
// The engine's SIMD kernels (Winograd transforms, BatchNorm, pooling) run 10–100× slower
// unoptimized, and the tests train networks, so the engine is optimized in debug builds too.
let optimizeAlways: [SwiftSetting] = optimize + [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
    name: "Slim",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "slim-train", targets: ["slim-train"]),
        .executable(name: "slim-report", targets: ["slim-report"]),
        .library(name: "SlimLog", targets: ["SlimLog"]),
        .library(name: "SlimCharts", targets: ["SlimCharts"]),
    ],
    targets: [
        // C libraries: a module map and a shim header each, nothing else.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib",
                       providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CCairo", pkgConfig: "cairo",
                       providers: [.apt(["libcairo2-dev"])]),
        .systemLibrary(name: "CPangoCairo", pkgConfig: "pangocairo",
                       providers: [.apt(["libpango1.0-dev"])]),

        // Thin typed wrapper over zlib (gzip streams), shared by the log reader and the data loaders.
        .target(name: "SlimGzip", dependencies: ["CZlib"]),
        // The pruning rules shared by the engine and the analyzer: global threshold, collapse guard.
        .target(name: "SlimPruning"),
        // The contract: schema slim-run/1, writer and streaming reader.
        .target(name: "SlimLog", dependencies: ["SlimGzip"], swiftSettings: optimize),
        // Tensors, layers, models, data, training, slimming, checkpoints.
        .target(name: "SlimEngine", dependencies: ["SlimLog", "SlimPruning", "SlimGzip", "CBLAS"],
                resources: [.copy("Resources/mnist-5k")], swiftSettings: optimizeAlways),
        // Numbers from run logs: costs, pruning patterns, γ statistics, what-if, comparisons.
        .target(name: "SlimAnalysis", dependencies: ["SlimLog", "SlimPruning"], swiftSettings: optimize),
        // A general chart library on Cairo + Pango. Knows nothing of pruning.
        .target(name: "SlimCharts", dependencies: ["CCairo", "CPangoCairo", "SlimGzip"], swiftSettings: optimize),
        // What to draw for a run or a comparison; PDF/HTML/Markdown assembly.
        .target(name: "SlimReport", dependencies: ["SlimAnalysis", "SlimCharts", "SlimLog"], swiftSettings: optimize),
        // Reads PyTorch network-slimming checkpoints (safe pickle subset, zip and legacy formats)
        // and turns them into slim-run/1 events.
        .target(name: "SlimImport", dependencies: ["SlimLog"]),
        // Shared argument parsing and terminal output for the executables.
        .target(name: "SlimCLI", dependencies: ["SlimLog"]),

        .executableTarget(name: "slim-train", dependencies: ["SlimEngine", "SlimLog", "SlimCLI"]),
        .executableTarget(name: "slim-bench", dependencies: ["SlimLog", "SlimAnalysis"]),
        .executableTarget(name: "slim-engine-bench", dependencies: ["SlimEngine", "SlimLog", "SlimCLI"]),
        .executableTarget(name: "slim-report", dependencies: ["SlimReport", "SlimAnalysis", "SlimLog", "SlimCLI", "SlimImport"]),
        // Example: writes every SlimCharts chart type (`chart-gallery -o DIR`) and times rendering (`chart-gallery bench`).
        .executableTarget(name: "chart-gallery", dependencies: ["SlimCharts"], swiftSettings: optimize),

        .testTarget(name: "SlimGzipTests", dependencies: ["SlimGzip"]),
        .testTarget(name: "SlimPruningTests", dependencies: ["SlimPruning", "FuzzSupport"]),
        .testTarget(name: "SlimLogTests", dependencies: ["SlimLog", "SlimGzip"]),
        // Seeded input mutations shared by the in-process fuzz tests (docs/fuzzing.md).
        .target(name: "FuzzSupport", path: "Tests/FuzzSupport"),
        .testTarget(name: "SlimEngineTests", dependencies: ["SlimEngine", "SlimLog", "SlimAnalysis", "FuzzSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "SlimAnalysisTests", dependencies: ["SlimAnalysis", "SlimLog", "SlimGzip", "FuzzSupport"]),
        .testTarget(name: "SlimChartsTests", dependencies: ["SlimCharts"]),
        .testTarget(name: "SlimReportTests", dependencies: ["SlimReport", "SlimAnalysis", "SlimCharts", "SlimLog"]),
        .testTarget(name: "SlimImportTests", dependencies: ["SlimImport", "SlimLog", "SlimAnalysis", "SlimGzip", "FuzzSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "SlimCLITests", dependencies: ["SlimCLI"]),
        .testTarget(name: "EndToEndTests", dependencies: ["SlimLog"]),
    ]
)
