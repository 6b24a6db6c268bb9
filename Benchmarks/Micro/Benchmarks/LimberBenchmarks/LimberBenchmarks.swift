import Benchmark
import CoachPolicy
import CoachUI
import ExerciseCatalog
import Foundation
import MonotonicTime
import SessionEngine
import SessionLog
import TUIKit

/// The shipped catalog, found from this file (Benchmarks/Micro/Benchmarks/LimberBenchmarks/).
private let repository = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
private let shippedCatalog = repository.appendingPathComponent("Exercises").path

/// A session plan from the shipped catalog (the first routine whose first exercise is a hold).
private func holdPlan(_ catalog: Catalog) -> SessionPlan? {
    for routine in catalog.routines.sorted(by: { $0.id < $1.id }) {
        guard let plan = try? SessionPlan(routine: routine, catalogLookup: catalog.exercise) else { continue }
        if case .seconds = plan.exercises.first?.dose.work { return plan }
    }
    return nil
}

/// An engine in its first hold: started, checked in, the intro confirmed, the get-ready over.
private func engineInHold(_ plan: SessionPlan, at start: Instant) -> (SessionEngine, Instant) {
    var engine = SessionEngine(plan: plan, startingPain: 2)
    var now = start
    _ = engine.handle(.start(now: now))
    for _ in 0..<4 {
        now = now.advanced(by: .seconds(6))
        _ = engine.handle(.confirm(now: now))
        _ = engine.handle(.tick(now: now))
    }
    return (engine, now)
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
                                           maxDuration: .seconds(2))

    Benchmark("catalog: load and validate the shipped catalog") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(CatalogLoader().load(directory: shippedCatalog))
        }
    }

    let ids = (0..<1000).map { "generated-exercise-\($0)" }
    let candidates = Suggestions.Candidates(ids)
    Benchmark("catalog: one \"did you mean\" over 1,000 ids") { benchmark in
        for index in benchmark.scaledIterations {
            blackHole(candidates.closest(to: "missing-variant-\(index % 1000)"))
        }
    }

    let catalog = CatalogLoader().load(directory: shippedCatalog)
    guard let plan = holdPlan(catalog) else { return }
    let start = Instant(nanoseconds: 1_000_000_000)

    Benchmark("engine: one second of a hold (tick)") { benchmark in
        var (engine, now) = engineInHold(plan, at: start)
        for _ in benchmark.scaledIterations {
            now = now.advanced(by: .seconds(1))
            blackHole(engine.handle(.tick(now: now)))
            if engine.state.countdown == nil { (engine, now) = engineInHold(plan, at: now) }
        }
    }

    Benchmark("engine: the next visible change") { benchmark in
        let (engine, now) = engineInHold(plan, at: start)
        for _ in benchmark.scaledIterations {
            blackHole(engine.nextVisibleChange(after: now))
        }
    }

    for size in [Size(width: 80, height: 24), Size(width: 40, height: 12)] {
        Benchmark("screen: the hold to a grid at \(size.width)x\(size.height)") { benchmark in
            let (engine, now) = engineInHold(plan, at: start)
            for _ in benchmark.scaledIterations {
                blackHole(SessionScreen(state: engine.state, now: now).render(size: size))
            }
        }
        Benchmark("screen: the hold's diff against the previous second at \(size.width)x\(size.height)") { benchmark in
            var (engine, now) = engineInHold(plan, at: start)
            let before = SessionScreen(state: engine.state, now: now).render(size: size)
            now = now.advanced(by: .seconds(1))
            _ = engine.handle(.tick(now: now))
            let after = SessionScreen(state: engine.state, now: now).render(size: size)
            for _ in benchmark.scaledIterations {
                blackHole(after.diff(from: before))
            }
        }
        Benchmark("screen: the safety check to a grid at \(size.width)x\(size.height)") { benchmark in
            let program = RedFlagProgram()
            for _ in benchmark.scaledIterations {
                blackHole(program.render(size: size, now: start))
            }
        }
    }

    // The log: the 5-year history of Benchmarks/review-scale.sh, when it has been generated.
    let scale = ProcessInfo.processInfo.environment["LIMBER_SCALE_DIR"] ?? "/tmp/limber-review-scale"
    let database = URL(fileURLWithPath: scale).appendingPathComponent("limber.sqlite")
    guard FileManager.default.fileExists(atPath: database.path),
          let store = try? SessionStore(databaseURL: database, readingOnly: true) else { return }
    Benchmark("log: every session with its sets (5 years)", configuration: .init(maxDuration: .seconds(5))) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try store.history())
        }
    }
    Benchmark("log: the newest 20 sessions (history table)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try store.sessions(limit: 20))
        }
    }
    let history = (try? store.history()) ?? []
    Benchmark("export: JSON of 5 years", configuration: .init(maxDuration: .seconds(5))) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(LogExport.jsonArray(history))
        }
    }
    Benchmark("export: CSV of 5 years", configuration: .init(maxDuration: .seconds(5))) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(LogExport.csv(history))
        }
    }
}
