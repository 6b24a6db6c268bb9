import CoachPolicy
import ExerciseCatalog
import Foundation
import Testing
import TestSupport
@testable import SessionLog

/// `history --json`'s direct path (HistoryJSON.swift) against the record path it replaced: the
/// same bytes for every stored value, and the same refusals.
@Suite("history --json straight from SQLite")
struct HistoryJSONTests {
    /// The JSON lines of the record path: the records, then LogExport.
    static func recordJSON(_ store: SessionStore, since: Date? = nil, limit: Int? = nil) throws -> [UInt8] {
        let out = Collected()
        try store.eachInHistory(since: since, limit: limit) { item in LogExport.appendJSONLine(item, to: &out.bytes) }
        return out.bytes
    }

    /// The JSON lines of the direct path, flushed every `flushAt` bytes.
    static func directJSON(_ store: SessionStore, since: Date? = nil, limit: Int? = nil, flushAt: Int = 65_536) throws -> (bytes: [UInt8], count: Int) {
        let out = Collected()
        let count = try store.writeHistoryJSONLines(since: since, limit: limit, flushAt: flushAt) { buffer in
            out.bytes += buffer
            buffer.removeAll()
        }
        return (out.bytes, count)
    }

    /// A log holding every value of every enum column, a session without sets, skips with and
    /// without a reason, check-ins, awkward text (quotes, control characters, non-ASCII, invalid
    /// UTF-8, an embedded NUL) and times in other forms GRDB reads.
    static func everyValueLog() throws -> (TempFolder, SessionStore) {
        let tmp = TempFolder()
        let store = try SessionStore(folder: tmp.url)
        let sides = BodySide.allCases, kinds = WorkKind.allCases, actions = Adjustment.allCases, rules = PainPolicy.Rule.allCases
        let reasons: [SkipReason?] = SkipReason.allCases + [nil]
        let reaches: [PainReach?] = PainReach.allCases + [nil]
        var k = 0
        for (index, status) in SessionStatus.allCases.enumerated() {
            let start = t(Double(index) * 86_400)
            let id = try store.startSession(NewSession(
                routineID: "routine-\(index)", routineName: index == 0 ? "Gentle \"relief\", ça va\n\u{1B}[2J" : "Five minute",
                startedAt: start, painBefore: index % 2 == 0 ? 4 : nil, legPainBefore: 6, backPainBefore: index == 1 ? nil : 3,
                plannedSets: 7))
            for n in 0..<max(sides.count, kinds.count, actions.count, rules.count) {
                let kind = kinds[(k + n) % kinds.count]
                let nextDose: Dose? = n % 3 == 0 ? Dose(sets: 2, work: Work(kind: kinds[(n + 1) % kinds.count], amount: 8), rest: 30) : nil
                var set = loggedSet(
                    sessionID: id, position: n, exerciseID: "exercise-\(n % 4)", exerciseName: n == 1 ? "Bird dog — \u{9B}2J" : "Knee to chest",
                    side: sides[(k + n) % sides.count], setNumber: 1 + n % 2, target: Work(kind: kind, amount: 10 + n),
                    done: Work(kind: kind, amount: 9 + n), pain: (k + n) % 11, spread: n % 2 == 1,
                    adjustment: actions[(k + n) % actions.count], reason: n == 2 ? "+1\tor \r\n\u{7F}\\" : "",
                    completedAt: start.addingTimeInterval(Double(60 * (n + 1)) + 0.123), plannedExerciseID: n == 3 ? "other" : nil,
                    rule: rules[(k + n) % rules.count], nextDose: nextDose)
                set.record.decision.switchedToID = n == 4 ? "easier-one" : nil
                set.record.movedTowardBack = n % 4 == 2
                try store.appendSet(set)
            }
            k += 1
            try store.appendSkip(SkipRow(sessionID: id, position: 9, exerciseID: "curl-up", at: start.addingTimeInterval(900),
                                         reason: reasons[index % reasons.count]))
            try store.appendSkip(SkipRow(sessionID: id, position: 10, exerciseID: "side-plank", at: start.addingTimeInterval(950),
                                         reason: reasons[(index + 1) % reasons.count]))
            try store.executeForTesting("""
                UPDATE session SET status = '\(status.rawValue)', ended_at = \(status == .inProgress ? "NULL" : "'2026-03-0\(1 + index % 9) 08:00:00.500'"),
                    reach_before = \(reaches[index % reaches.count].map { "'\($0.rawValue)'" } ?? "NULL"),
                    reach_after = \(reaches[(index + 2) % reaches.count].map { "'\($0.rawValue)'" } ?? "NULL"),
                    pain_after = \(index % 3 == 0 ? "NULL" : "2"), leg_pain_after = 1, back_pain_after = NULL
                WHERE id = \(id)
                """)
        }
        // A session without sets or skips, never finished.
        _ = try store.startSession(NewSession(routineID: "empty", routineName: "Empty", startedAt: t(-86_400), plannedSets: 3))
        try store.appendCheckIn(CheckInRow(at: t(10), day: "2026-03-01", kind: .redFlag, answersJSON: "{}", outcome: "none"))
        // Text GRDB repairs or cuts (invalid UTF-8, an embedded NUL) and times in forms other than GRDB's own.
        try store.executeForTesting("""
            UPDATE session_set SET exercise_name = CAST(X'4B6E6565FF20C3A9' AS TEXT) WHERE id = 2;
            UPDATE session_set SET reason = CAST(X'61620063' AS TEXT) WHERE id = 3;
            UPDATE session_set SET completed_at = '2026-03-01T07:16:05.250' WHERE id = 4;
            UPDATE session_set SET completed_at = '2026-03-01 07:17' WHERE id = 5;
            UPDATE skip SET at = '2026-03-01 07:30:00' WHERE id = 1;
            UPDATE session SET started_at = '2026-03-02 00:00:00' WHERE id = 2;
            """)
        return (tmp, store)
    }

    @Test("the direct JSON is byte for byte the records' JSON: every enum value, skips, sessions without sets, odd text and times")
    func sameBytesAsTheRecords() throws {
        let (tmp, store) = try Self.everyValueLog()
        defer { _ = tmp }
        let expected = try Self.recordJSON(store)
        let direct = try Self.directJSON(store)
        #expect(direct.count == SessionStatus.allCases.count + 1)
        #expect(String(decoding: direct.bytes, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
        #expect(direct.bytes == expected)
        // Every line parses as JSON and carries all its sets.
        let lines = String(decoding: direct.bytes, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == direct.count)
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect((object["sets"] as? [Any])?.count == object["sets_done"] as? Int)
        }
        // Small flushes, --limit and --since give the same bytes as the records too.
        #expect(try Self.directJSON(store, flushAt: 100).bytes == expected)
        for limit in [1, 3, 100] {
            #expect(try Self.directJSON(store, limit: limit).bytes == (try Self.recordJSON(store, limit: limit)))
        }
        for since in [t(-86_400 * 2), t(86_400 * 2), t(86_400 * 100)] {
            #expect(try Self.directJSON(store, since: since).bytes == (try Self.recordJSON(store, since: since)))
            #expect(try Self.directJSON(store, since: since, limit: 2).bytes == (try Self.recordJSON(store, since: since, limit: 2)))
        }
    }

    @Test("the 5-year generated history gives the same bytes both ways")
    func generatedHistory() throws {
        let tmp = TempFolder()
        let store = try SessionStore(folder: tmp.url)
        try HistoryGenerator.fill(store, days: 60, start: t(0))
        let direct = try Self.directJSON(store)
        #expect(direct.count == (try store.sessionCount()))
        #expect(direct.bytes == (try Self.recordJSON(store)))
    }

    @Test("an unknown stored value in any enum column is an error naming table, row and column, as the records say")
    func unknownValues() throws {
        let cases: [(table: String, column: String)] = [
            ("session", "status"), ("session", "reach_before"), ("session", "reach_after"),
            ("session_set", "side"), ("session_set", "target_kind"), ("session_set", "adjustment"),
            ("session_set", "rule"), ("session_set", "next_kind"), ("skip", "reason"),
        ]
        for (table, column) in cases {
            let (tmp, store) = try Self.everyValueLog()
            defer { _ = tmp }
            // Row 1 of session_set has a next dose (position 0), so its next_kind is read.
            try store.executeForTesting("UPDATE \(table) SET \(column) = 'sideways' WHERE id = 1")
            let expected = LogError.unknownValue(table: table, rowID: 1, column: column, value: "sideways")
            #expect(throws: expected, "\(table).\(column)") { try Self.directJSON(store) }
            #expect(throws: expected, "\(table).\(column) (records)") { try Self.recordJSON(store) }
        }
        // A value that is known in another column (a side as a skip reason, a status as a side) is
        // still unknown here, after many rows whose values were known.
        for (table, column, value) in [("skip", "reason", "left"), ("session_set", "side", "completed"), ("session_set", "rule", "reps")] {
            let (tmp, store) = try Self.everyValueLog()
            defer { _ = tmp }
            // Row 1 belongs to the oldest session with sets, written last (newest first).
            try store.executeForTesting("UPDATE \(table) SET \(column) = '\(value)' WHERE id = 1")
            #expect(throws: LogError.unknownValue(table: table, rowID: 1, column: column, value: value), "\(table).\(column)") {
                try Self.directJSON(store)
            }
        }
    }

    @Test("a time neither path can read is an error naming table, row and column; text in a number column reads as the records read it")
    func unreadableValues() throws {
        let times: [(table: String, column: String)] = [("session_set", "completed_at"), ("session", "started_at"), ("skip", "at")]
        for (table, column) in times {
            let (tmp, store) = try Self.everyValueLog()
            defer { _ = tmp }
            try store.executeForTesting("UPDATE \(table) SET \(column) = 'yesterday' WHERE id = 1")
            #expect(throws: LogError.unknownValue(table: table, rowID: 1, column: column, value: "\"yesterday\""), "\(table).\(column)") {
                try Self.directJSON(store)
            }
            var refused = false
            do { _ = try Self.recordJSON(store) } catch { refused = true }
            #expect(refused, "the records refuse \(table).\(column) too")
        }
        // GRDB reads an integer column through sqlite3_column_int64, text included: both paths agree.
        let (tmp, store) = try Self.everyValueLog()
        defer { _ = tmp }
        try store.executeForTesting("UPDATE session_set SET target_amount = 'a lot', done_amount = '7 reps' WHERE id = 1")
        #expect(try Self.directJSON(store).bytes == (try Self.recordJSON(store)))
    }
}

/// Bytes collected by a @Sendable callback (it runs on the one thread of the read).
private final class Collected: @unchecked Sendable {
    var bytes: [UInt8] = []
}
