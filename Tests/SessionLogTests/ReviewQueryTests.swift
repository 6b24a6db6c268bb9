import MonotonicTime
import CoachPolicy
import ExerciseCatalog
import Foundation
import SessionEngine
import Testing
import TestSupport
@testable import SessionLog

/// The small queries `limber review` adds to the store: paging, counting, active days, exercises.
@Suite("SessionStore review queries")
struct ReviewQueryTests {
    @Test("sessions(offset:) pages through the list newest first; sessionCount counts")
    func paging() throws {
        let tmp = TempFolder()
        let store = try SessionStore(folder: tmp.url)
        try HistoryGenerator.fill(store, days: 25, start: t())
        #expect(try store.sessionCount() == 25)
        #expect(try store.sessionCount(since: t(20 * 86_400)) == 5)
        let all = try store.sessions()
        let pages = try (0..<3).flatMap { try store.sessions(limit: 10, offset: $0 * 10) }
        #expect(pages == all)
        #expect(try store.sessions(limit: 10, offset: 20).count == 5)
        #expect(try store.sessions(limit: 10, offset: 30).isEmpty)
    }

    @Test("startsOfSessionsWithSets skips sessions without a set, oldest first")
    func activeStarts() throws {
        let tmp = TempFolder()
        let store = try SessionStore(folder: tmp.url)
        let empty = try store.startSession(newSession(t(0)))
        try store.finishSession(id: empty, status: .endedEarly, painAfter: nil, endedAt: t(30))
        let done = try store.startSession(newSession(t(86_400)))
        try store.appendSet(set(done, at: t(86_460)))
        let later = try store.startSession(newSession(t(2 * 86_400)))
        try store.appendSet(set(later, at: t(2 * 86_400 + 60)))
        #expect(try store.startsOfSessionsWithSets() == [t(86_400), t(2 * 86_400)])
    }

    @Test("exerciseSummaries: one row per exercise, latest name, sessions, last set, most recent first")
    func exercises() throws {
        let tmp = TempFolder()
        let store = try SessionStore(folder: tmp.url)
        let first = try store.startSession(newSession(t(0)))
        try store.appendSet(set(first, number: 1, at: t(60), exercise: "knee-to-chest", name: "Knee hug"))
        try store.appendSet(set(first, number: 2, at: t(120), exercise: "knee-to-chest", name: "Knee hug"))
        try store.appendSet(set(first, position: 1, at: t(180), exercise: "cat-cow", name: "Cat-cow"))
        let second = try store.startSession(newSession(t(86_400)))
        try store.appendSet(set(second, at: t(86_460), exercise: "knee-to-chest", name: "Knee to chest"))
        let summaries = try store.exerciseSummaries()
        #expect(summaries == [
            ExerciseSummary(exerciseID: "knee-to-chest", exerciseName: "Knee to chest", sessionCount: 2, lastCompletedAt: t(86_460)),
            ExerciseSummary(exerciseID: "cat-cow", exerciseName: "Cat-cow", sessionCount: 1, lastCompletedAt: t(180)),
        ])
    }
}
