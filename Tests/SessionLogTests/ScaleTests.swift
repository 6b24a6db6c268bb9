import MonotonicTime
import CoachPolicy
import ExerciseCatalog
import Foundation
import SessionEngine
import Testing
import TestSupport
@testable import SessionLog

/// Scale check with 5 years of daily sessions (~1,826 sessions, ~60,000 sets).
///
/// Runs only when LIMBER_SCALE_DIR names a folder: the generated database is left there so that the
/// release binary can be timed against it, e.g.
///     LIMBER_SCALE_DIR=/tmp/limber-scale swift test --filter SessionLogTests.ScaleTests
///     time .build/release/limber history --json --data-dir /tmp/limber-scale > /dev/null
@Suite("Scale", .enabled(if: ProcessInfo.processInfo.environment["LIMBER_SCALE_DIR"] != nil))
struct ScaleTests {
    @Test("five years of daily sessions: history() and sessions() timings")
    func fiveYears() throws {
        let folder = URL(fileURLWithPath: ProcessInfo.processInfo.environment["LIMBER_SCALE_DIR"]!, isDirectory: true)
        let store = try SessionStore(folder: folder)
        if try store.sessions(limit: 1).isEmpty {
            let clock = ContinuousClock()
            let elapsed = try clock.measure {
                try HistoryGenerator.fill(store, days: 5 * 365 + 1, start: t(-5 * 365 * 86_400))
            }
            print("generated in \(elapsed)")
        }
        let clock = ContinuousClock()
        var history: [SessionWithSets] = []
        var timings: [Duration] = []
        for _ in 0..<3 {
            timings.append(try clock.measure { history = try store.history() })
        }
        let sets = history.reduce(0) { $0 + $1.sets.count }
        print("history(): \(history.count) sessions, \(sets) sets; runs: \(timings)")
        #expect(history.count >= 1_826)
        #expect(sets >= 55_000)
        var summaries: [SessionSummary] = []
        let summaryTime = try clock.measure { summaries = try store.sessions() }
        let pageTime = try clock.measure { _ = try store.sessions(limit: 20) }
        let recentTime = try clock.measure { _ = try store.history(since: t(-84 * 86_400)) }
        print("sessions(): \(summaries.count) in \(summaryTime); sessions(limit: 20) in \(pageTime); history(last 12 weeks) in \(recentTime)")
        #expect(summaries == history.map(\.summary))
    }
}
