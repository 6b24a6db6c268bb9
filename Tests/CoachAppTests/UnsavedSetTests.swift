import MonotonicTime
import CoachPolicy
import TUIKit
import ExerciseCatalog
import Foundation
import SessionEngine
@testable import SessionLog
import Testing
@testable import CoachApp
import TestSupport

/// A set that cannot be written (a full disk) is kept, retried, and never reported as saved.
@Suite("unsaved sets are kept and retried")
struct UnsavedSetTests {
    static func record(set: Int, pain: Int = 2) -> SetRecord {
        SessionResumeTests.row(0, SessionResumeTests.bridge, set: set, pain: pain).record
    }

    @Test("disk full: the set stays in memory in order, is written when space returns, with its own time")
    func retriedWhenSpaceReturns() throws {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("limber-unsaved-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SessionStore(folder: folder)
        var now = Date(timeIntervalSince1970: 1_780_000_000)
        let sink = SessionLogSink(store: store, plan: SessionResumeTests.plan, wallClock: { now })
        try sink.perform(.logCheckIn(pain: 2))
        try sink.perform(.logSet(Self.record(set: 1)))
        let id = try #require(sink.sessionID)

        // SQLite's page limit gives the same SQLITE_FULL a full file system does; a long reason
        // needs new pages, so the next set cannot be written.
        let pages = try #require(try store.pragmaForTesting("page_count"))
        try store.executeForTesting("PRAGMA max_page_count = \(pages)")
        var big = Self.record(set: 2, pain: 4)
        big.decision.reason = String(repeating: "long reason ", count: 2_000)
        now = now.addingTimeInterval(60)
        #expect(throws: LogError.diskFull(path: store.databaseURL.path)) { try sink.perform(.logSet(big)) }
        now = now.addingTimeInterval(60)
        #expect(throws: LogError.diskFull(path: store.databaseURL.path)) { try sink.perform(.logSet(Self.record(set: 3, pain: 1))) }
        #expect(sink.unsavedCount == 2)
        #expect(sink.unsavedDescription == ["Bridge set 2: 10 of 10, pain 4", "Bridge set 3: 10 of 10, pain 1"])
        #expect(try store.setsFor(sessionID: id).map(\.record.setNumber) == [1])

        try store.executeForTesting("PRAGMA max_page_count = 1073741823")
        now = now.addingTimeInterval(600)
        try sink.retryUnsaved()
        #expect(sink.unsavedCount == 0)
        let saved = try store.setsFor(sessionID: id)
        #expect(saved.map(\.record.setNumber) == [1, 2, 3])
        #expect(saved.map(\.record.pain) == [2, 4, 1])
        let start = Date(timeIntervalSince1970: 1_780_000_000)
        #expect(saved.map(\.completedAt) == [start, start.addingTimeInterval(60), start.addingTimeInterval(120)])
    }
}
