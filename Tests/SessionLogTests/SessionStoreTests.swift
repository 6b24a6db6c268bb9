import MonotonicTime
import CoachPolicy
import ExerciseCatalog
import Foundation
import SessionEngine
import Testing
import TestSupport
@testable import SessionLog

@Suite("SessionStore")
struct SessionStoreTests {
    @Test("creates the folder 0700 and the database 0600, and tightens looser permissions on open")
    func permissions() throws {
        let tmp = TempFolder()
        let folder = tmp.sub("a/b/limber")
        let store = try SessionStore(folder: folder)
        #expect(DataLocation.permissions(of: folder.path) == 0o700)
        #expect(DataLocation.permissions(of: store.databaseURL.path) == 0o600)
        _ = try store.startSession(newSession())
        for suffix in ["-wal", "-shm"] {
            if let mode = DataLocation.permissions(of: store.databaseURL.path + suffix) {
                #expect(mode & 0o077 == 0, "\(suffix) is \(String(mode, radix: 8))")
            }
        }
        #expect(chmod(store.databaseURL.path, 0o644) == 0)
        let again = try SessionStore(folder: folder)
        #expect(DataLocation.permissions(of: again.databaseURL.path) == 0o600)
    }

    @Test("an existing folder keeps its permissions")
    func existingFolderUntouched() throws {
        let tmp = TempFolder()
        #expect(chmod(tmp.url.path, 0o755) == 0)
        _ = try SessionStore(folder: tmp.url)
        #expect(DataLocation.permissions(of: tmp.url.path) == 0o755)
    }

    @Test("a folder that cannot be created gives one line naming the path and what to do")
    func cannotCreateFolder() throws {
        let tmp = TempFolder()
        let file = tmp.url.appendingPathComponent("plain-file")
        try "x".write(to: file, atomically: false, encoding: .utf8)
        #expect {
            try SessionStore(folder: file.appendingPathComponent("limber"))
        } throws: { error in
            let text = "\(error)"
            return text.contains(file.appendingPathComponent("limber").path) && text.contains("--data-dir DIR")
                && !text.contains("\n")
        }
        if getuid() != 0 {
            let locked = tmp.sub("locked")
            try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: false)
            #expect(chmod(locked.path, 0o500) == 0)
            defer { _ = chmod(locked.path, 0o700) }
            #expect(throws: LogError.cannotCreateFolder(path: locked.appendingPathComponent("limber").path, reason: "permission denied")) {
                try SessionStore(folder: locked.appendingPathComponent("limber"))
            }
            let message = LogError.cannotCreateFolder(path: "/x/limber", reason: "permission denied").description
            #expect(message == "cannot create /x/limber: permission denied — pass --data-dir DIR or set LIMBER_DATA_DIR")
        }
    }

    @Test("a file that is not a database is refused with its path")
    func notADatabase() throws {
        let tmp = TempFolder()
        let db = DataLocation.databaseURL(in: tmp.url)
        try String(repeating: "not sqlite at all ", count: 100).write(to: db, atomically: false, encoding: .utf8)
        #expect(throws: LogError.notADatabase(path: db.path)) { try SessionStore(folder: tmp.url) }
    }

    @Test("migrations are idempotent: opening twice keeps data and versions")
    func migrationsIdempotent() throws {
        let tmp = TempFolder()
        let first = try SessionStore(folder: tmp.url)
        #expect(try first.schemaVersions() == ["v1", "v2", "v3", "v4", "v5", "v6"])
        let id = try first.startSession(newSession())
        try first.appendSet(set(id))
        let second = try SessionStore(folder: tmp.url)
        #expect(try second.schemaVersions() == ["v1", "v2", "v3", "v4", "v5", "v6"])
        #expect(try second.setsFor(sessionID: id).count == 1)
        let third = try SessionStore(folder: tmp.url)
        #expect(try third.sessions().count == 1)
        #expect(try third.pragmaForTesting("journal_mode") == "wal")
        #expect(try third.pragmaForTesting("synchronous") == "2")  // FULL
        #expect(try third.pragmaForTesting("foreign_keys") == "1")
    }

    @Test("a v1 database is migrated to v2 without losing data")
    func upgradeFromV1() throws {
        let tmp = TempFolder()
        let store = try SessionStore(folder: tmp.url)
        let id = try store.startSession(newSession())
        try store.appendSet(set(id, pain: 4))
        // Forge a database as limber with only v1 would have left it.
        try store.executeForTesting("DROP TABLE check_in; DELETE FROM grdb_migrations WHERE identifier = 'v2'")
        let reopened = try SessionStore(folder: tmp.url)
        #expect(try reopened.schemaVersions() == ["v1", "v2", "v3", "v4", "v5", "v6"])
        #expect(try reopened.setsFor(sessionID: id).map(\.record.pain) == [4])
        try reopened.appendCheckIn(CheckInRow(at: t(), day: "2026-03-01", kind: .redFlag, answersJSON: "{}", outcome: "clear"))
        #expect(try reopened.checkIns(kind: .redFlag).count == 1)
    }

    @Test("v3 keeps what a resume needs: the planned exercise, the rule and the dose left")
    func resumeColumnsRoundTrip() throws {
        let tmp = TempFolder()
        let store = try SessionStore(folder: tmp.url)
        let id = try store.startSession(newSession())
        var row = set(id, pain: 7)
        row.record.exerciseID = "bridge-hold"
        row.record.plannedExerciseID = "glute-bridge"
        row.record.decision = Decision(action: .switchEasier, rule: .painAboveAcceptable, reason: "easier",
                                       nextDose: Dose(sets: 2, work: .seconds(7), rest: 20), switchedToID: "bridge-hold")
        try store.appendSet(row)
        try store.appendSet(set(id, pain: 2))
        let sets = try SessionStore(folder: tmp.url).setsFor(sessionID: id)
        #expect(sets.map(\.record.plannedExerciseID) == ["glute-bridge", "knee-to-chest"])
        #expect(sets.map(\.record.decision.rule) == [.painAboveAcceptable, .safe])
        #expect(sets.map(\.record.decision.nextDose?.sets) == [2, nil])
        #expect(sets.map(\.record.decision.nextDose?.work) == [.seconds(7), nil])
        #expect(sets.first?.record.decision.nextDose?.rest == 20)
        #expect(sets.map(\.record.decision.switchedToID) == ["bridge-hold", nil])
    }

    @Test("a database written by a newer limber is refused, untouched")
    func newerSchemaRefused() throws {
        let tmp = TempFolder()
        do {
            let store = try SessionStore(folder: tmp.url)
            let id = try store.startSession(newSession())
            try store.appendSet(set(id))
            try store.executeForTesting("""
                INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future');
                CREATE TABLE future_thing (x INTEGER);
                PRAGMA wal_checkpoint(TRUNCATE);
                """)
        }
        let db = DataLocation.databaseURL(in: tmp.url)
        let before = try Data(contentsOf: db)
        Thread.sleep(forTimeInterval: 0.5)
        #expect(before == (try Data(contentsOf: db)), "changed without a second open")
        #expect {
            try SessionStore(folder: tmp.url)
        } throws: { error in
            guard let error = error as? LogError, case .newerSchema(let path, let versions) = error else { return false }
            return path == db.path && versions == ["v99-from-the-future"] && error.description.contains("nothing was changed")
        }
        let after = try Data(contentsOf: db)
        #expect(before == after)
    }

    @Test("each set is committed at once: a second connection sees it before the session ends")
    func setsCommittedImmediately() throws {
        let tmp = TempFolder()
        let writer = try SessionStore(folder: tmp.url)
        let reader = try SessionStore(folder: tmp.url)
        let id = try writer.startSession(newSession())
        #expect(try reader.setsFor(sessionID: id).isEmpty)
        let setID = try writer.appendSet(set(id, number: 1, pain: 3, at: t(40)))
        var seen = try reader.setsFor(sessionID: id)
        #expect(seen.count == 1)
        #expect(seen.first?.id == setID)
        #expect(seen.first?.record.pain == 3)
        try writer.appendSet(set(id, number: 2, pain: 7, spread: true, adjustment: .stopExercise, reason: "spread", at: t(90)))
        seen = try reader.setsFor(sessionID: id)
        #expect(seen.map(\.record.setNumber) == [1, 2])
        #expect(seen.last?.record.spreadDownLeg == true)
        #expect(seen.last?.record.decision.action == .stopExercise)
        #expect(try reader.unfinishedSessions().map(\.session.id) == [id])
    }

    @Test("round trip: every field of a session, its sets and skips comes back")
    func roundTrip() throws {
        let tmp = TempFolder()
        let store = try SessionStore(folder: tmp.url)
        let new = NewSession(routineID: "core-foundations", routineName: "Core foundations", startedAt: t(0.25),
                             painBefore: 4, legPainBefore: 5, backPainBefore: 3, plannedSets: 9, planJSON: "{\"a\":1}")
        let id = try store.startSession(new)
        let row = loggedSet(sessionID: id, position: 2, exerciseID: "bird-dog", exerciseName: "Bird dog", side: .right,
                            setNumber: 2, target: .reps(10), done: .reps(7), pain: 6, spread: false,
                            adjustment: .reduce, reason: "Pain 6 is above 5: next sets 7 reps instead of 10", completedAt: t(120.5))
        let setID = try store.appendSet(row)
        try store.appendSkip(SkipRow(sessionID: id, position: 3, exerciseID: "curl-up", at: t(130)))
        try store.finishSession(id: id, status: .endedEarly, painAfter: 2, legPainAfter: 3, backPainAfter: 4, endedAt: t(200))
        let got = try #require(try store.session(id: id))
        #expect(got.session == SessionRecord(id: id, routineID: "core-foundations", routineName: "Core foundations",
                                             startedAt: t(0.25), endedAt: t(200), status: .endedEarly, painBefore: 4,
                                             painAfter: 2, legPainBefore: 5, backPainBefore: 3, legPainAfter: 3,
                                             backPainAfter: 4, plannedSets: 9, planJSON: "{\"a\":1}"))
        var expected = row
        expected.id = setID
        #expect(got.sets == [expected])
        #expect(got.skips.map(\.exerciseID) == ["curl-up"])
        #expect(got.skips.first?.at == t(130))
    }

    @Test("interrupted detection, mark, resume and finish")
    func interruptedAndResume() throws {
        let tmp = TempFolder()
        let id: Int64
        do {
            // A run that dies after two sets (the store simply goes away without finishing).
            let run = try SessionStore(folder: tmp.url)
            id = try run.startSession(newSession())
            try run.appendSet(set(id, position: 0, number: 1, at: t(40)))
            try run.appendSet(set(id, position: 1, number: 1, at: t(80)))
        }
        let next = try SessionStore(folder: tmp.url)
        let unfinished = try next.unfinishedSessions()
        #expect(unfinished.map(\.session.id) == [id])
        #expect(unfinished.first?.session.planJSON != nil)
        #expect(unfinished.first?.sets.count == 2)
        #expect(unfinished.first?.resumePoint.lastPosition == 1)
        #expect(unfinished.first?.resumePoint.setsDoneAtLastPosition == 1)
        #expect(try next.markInterrupted(id: id))
        #expect(try next.markInterrupted(id: id) == false)
        #expect(try next.unfinishedSessions().isEmpty)
        #expect(try next.sessions().first?.session.status == .interrupted)
        #expect(try next.latestInterrupted()?.session.id == id)
        #expect(try next.latestInterrupted(since: t(10)) == nil)
        // An interrupted session takes no sets until it is reopened.
        #expect(throws: LogError.wrongSessionState(id: id, status: "interrupted", action: "add a set to")) {
            try next.appendSet(set(id, position: 1, number: 2))
        }
        try next.reopenSession(id: id)
        try next.appendSet(set(id, position: 1, number: 2, at: t(500)))
        try next.finishSession(id: id, status: .completed, painAfter: 1, endedAt: t(600))
        let done = try #require(try next.session(id: id))
        #expect(done.session.status == .completed)
        #expect(done.sets.count == 3)
        #expect(throws: LogError.wrongSessionState(id: id, status: "completed", action: "resume")) {
            try next.reopenSession(id: id)
        }
        #expect(throws: LogError.wrongSessionState(id: id, status: "completed", action: "finish")) {
            try next.finishSession(id: id, status: .completed, painAfter: 1, endedAt: t(700))
        }
        #expect(throws: LogError.noSuchSession(id: 999)) { try next.markInterrupted(id: 999) }
    }

    @Test("out-of-range values are refused before anything is written")
    func validation() throws {
        let tmp = TempFolder()
        let store = try SessionStore(folder: tmp.url)
        let id = try store.startSession(newSession())
        #expect(throws: LogError.invalidValue(field: "pain", value: "11", expected: "a whole number from 0 to 10")) {
            try store.appendSet(set(id, pain: 11))
        }
        #expect(throws: LogError.self) { try store.startSession(newSession(painBefore: -1)) }
        #expect(throws: LogError.self) { try store.finishSession(id: id, status: .inProgress, painAfter: nil, endedAt: t()) }
        #expect(try store.setsFor(sessionID: id).isEmpty)
        #expect(try store.sessions().count == 1)
    }

    @Test("summaries: counts, max pain, marks, newest first, since and limit")
    func summaries() throws {
        let tmp = TempFolder()
        let store = try SessionStore(folder: tmp.url)
        let a = try store.startSession(newSession(t(0)))
        try store.appendSet(set(a, number: 1, pain: 2, at: t(30)))
        try store.appendSet(set(a, number: 2, pain: 6, adjustment: .reduce, at: t(60)))
        try store.appendSet(set(a, position: 1, pain: 3, spread: true, adjustment: .stopExercise, at: t(90)))
        try store.appendSkip(SkipRow(sessionID: a, position: 2, exerciseID: "cat-cow", at: t(100)))
        try store.finishSession(id: a, status: .completed, painAfter: 2, endedAt: t(120))
        let b = try store.startSession(newSession(t(86_400), routine: "gentle-relief"))
        let c = try store.startSession(newSession(t(2 * 86_400)))
        try store.appendSet(set(c, pain: 9, adjustment: .endSession, at: t(2 * 86_400 + 50)))
        try store.finishSession(id: c, status: .endedByPolicy, painAfter: 5, endedAt: t(2 * 86_400 + 60))

        let all = try store.sessions()
        #expect(all.map(\.session.id) == [c, b, a])
        let sa = try #require(all.last)
        #expect(sa.setsDone == 3)
        #expect(sa.maxPain == 6)
        #expect(sa.spreadCount == 1)
        #expect(sa.stopCount == 1)
        #expect(sa.reducedCount == 1)
        #expect(sa.skipCount == 1)
        #expect(sa.lastActivityAt == t(120))
        #expect(sa.session.planJSON == nil)
        let sb = all[1]
        #expect(sb.setsDone == 0 && sb.maxPain == nil && sb.lastActivityAt == t(86_400))
        #expect(all[0].stopCount == 1)
        // The SQL counts agree with the in-memory ones.
        let full = try store.history()
        #expect(full.map(\.summary) == all)
        #expect(try store.sessions(since: t(86_400)).map(\.session.id) == [c, b])
        #expect(try store.sessions(limit: 1).map(\.session.id) == [c])
        #expect(try store.sessions(since: t(1), limit: 5).map(\.session.id) == [c, b])
        #expect(try store.sessions(limit: 0).isEmpty)
    }

    @Test("history groups sets under their sessions in logged order, with since and limit")
    func historyGrouping() throws {
        let tmp = TempFolder()
        let store = try SessionStore(folder: tmp.url)
        var expected: [Int64: [Int]] = [:]
        var ids: [Int64] = []
        // Interleave two open sessions so that set ids of different sessions alternate.
        for day in 0..<6 {
            let id = try store.startSession(newSession(t(Double(day) * 86_400)))
            ids.append(id)
        }
        for round in 0..<4 {
            for (k, id) in ids.enumerated() where (k + round) % 3 != 0 {
                try store.appendSet(set(id, position: round, number: 1, pain: (k + round) % 11, at: t(Double(k) * 86_400 + Double(round) * 10)))
                expected[id, default: []].append((k + round) % 11)
            }
        }
        let history = try store.history()
        #expect(history.map(\.session.id) == ids.reversed())
        for item in history {
            #expect(item.sets.map(\.record.pain) == (expected[item.session.id] ?? []))
            #expect(item.sets.allSatisfy { $0.sessionID == item.session.id })
            #expect(item.sets == (try store.setsFor(sessionID: item.session.id)))
        }
        let limited = try store.history(since: t(86_400), limit: 3)
        #expect(limited.map(\.session.id) == Array(ids.reversed().prefix(3)))
        for item in limited { #expect(item.sets.map(\.record.pain) == (expected[item.session.id] ?? [])) }
        #expect(try store.history(since: t(100 * 86_400)).isEmpty)
        // Handed over as read (what `history --json` writes), in batches smaller than the log:
        // the same sessions with the same sets, in the same order.
        for (since, limit) in [(nil, nil), (t(86_400), 3), (t(100 * 86_400), nil)] as [(Date?, Int?)] {
            let streamed = Collected()
            try store.eachInHistory(since: since, limit: limit, batchSize: 2) { streamed.append($0) }
            #expect(streamed.items == (try store.history(since: since, limit: limit)))
        }
    }

    @Test("per-exercise sets and check-ins")
    func exerciseSetsAndCheckIns() throws {
        let tmp = TempFolder()
        let store = try SessionStore(folder: tmp.url)
        let id = try store.startSession(newSession())
        try store.appendSet(set(id, number: 1, at: t(10), exercise: "glute-bridge", name: "Glute bridge"))
        try store.appendSet(set(id, number: 1, at: t(20)))
        try store.appendSet(set(id, number: 2, at: t(30), exercise: "glute-bridge", name: "Glute bridge"))
        #expect(try store.sets(exerciseID: "glute-bridge").map(\.record.setNumber) == [1, 2])
        #expect(try store.sets(exerciseID: "glute-bridge", since: t(25)).count == 1)

        try store.appendCheckIn(CheckInRow(at: t(0), day: "2026-03-01", kind: .redFlag, answersJSON: #"{"saddle":false}"#, outcome: "clear", sessionID: id))
        try store.appendCheckIn(CheckInRow(at: t(5), day: "2026-03-01", kind: .sinceLast, answersJSON: #"{"answer":"worse"}"#, outcome: "worse"))
        #expect(try store.checkIns(kind: .redFlag, day: "2026-03-01").map(\.outcome) == ["clear"])
        #expect(try store.checkIns(day: "2026-03-02").isEmpty)
        #expect(try store.checkIns().map(\.kind) == [.redFlag, .sinceLast])
        #expect(throws: LogError.self) {
            try store.appendCheckIn(CheckInRow(at: t(), day: "March 1", kind: .redFlag, answersJSON: "{}", outcome: "clear"))
        }
    }

    @Test("a generated history round-trips through history() like per-session reads")
    func generatedHistory() throws {
        let tmp = TempFolder()
        let store = try SessionStore(folder: tmp.url)
        try HistoryGenerator.fill(store, days: 40, start: t())
        let history = try store.history()
        #expect(history.count == 40)
        let totalSets = history.reduce(0) { $0 + $1.sets.count }
        #expect(totalSets > 40 * 25)
        for item in history.prefix(5) {
            #expect(item.sets == (try store.setsFor(sessionID: item.session.id)))
        }
        #expect(try store.sessions() == history.map(\.summary))
    }
}

@Suite("stored values read back as the engine's own types")
struct StoredValueTests {
    @Test("an unknown stored value is an error naming the table, the row and the column, never a default")
    func unknownValueIsAnError() throws {
        let tmp = TempFolder()
        let store = try SessionStore(folder: tmp.url)
        let id = try store.startSession(newSession())
        let setID = try store.appendSet(set(id))
        try store.executeForTesting("UPDATE session_set SET adjustment = 'keep_going' WHERE id = \(setID)")
        #expect(throws: LogError.unknownValue(table: "session_set", rowID: setID, column: "adjustment", value: "keep_going")) {
            try store.setsFor(sessionID: id)
        }
        try store.executeForTesting("UPDATE session_set SET adjustment = 'keep', side = 'middle' WHERE id = \(setID)")
        #expect(throws: LogError.unknownValue(table: "session_set", rowID: setID, column: "side", value: "middle")) {
            try store.session(id: id)
        }
        try store.executeForTesting("UPDATE session_set SET side = 'left'; UPDATE session SET status = 'paused' WHERE id = \(id)")
        #expect(throws: LogError.unknownValue(table: "session", rowID: id, column: "status", value: "paused")) {
            try store.sessions()
        }
        let message = LogError.unknownValue(table: "session", rowID: 7, column: "status", value: "paused").description
        #expect(message == "the log's session row 7 has status \"paused\", which this limber does not know — update limber; nothing was changed")
    }

    @Test("v4 completes rows written before it from what they hold: rule, planned exercise, the dose left")
    func v4CompletesOlderRows() throws {
        let tmp = TempFolder()
        let store = try SessionStore(folder: tmp.url)
        let plan = #"{"items":[{"dose":{"rest":45,"sets":3,"work":{"reps":{"_0":10}}},"exercise":"glute-bridge","easier":"bridge-hold"}],"routineID":"r","routineName":"R"}"#
        let id = try store.startSession(NewSession(routineID: "r", routineName: "R", startedAt: t(), painBefore: 2, plannedSets: 3, planJSON: plan))
        try store.appendSet(set(id, pain: 6, exercise: "glute-bridge", name: "Glute bridge", side: .both))
        try store.appendSet(set(id, number: 2, pain: 6, exercise: "glute-bridge", name: "Glute bridge", side: .both))
        try store.appendSet(set(id, number: 3, pain: 2, exercise: "bridge-hold", name: "Bridge hold", side: .both))
        // Forge rows as limber with schema v3 (or v1) wrote them: no rule, no planned exercise,
        // a dose left without its kind or rest, and undo v4.
        try store.executeForTesting("""
            UPDATE session_set SET rule = NULL, planned_exercise_id = NULL, next_kind = NULL, next_rest = NULL, switched_to = NULL;
            UPDATE session_set SET adjustment = 'reduce', next_sets = 2, next_amount = 7 WHERE set_number = 1;
            UPDATE session_set SET adjustment = 'switch_easier', next_sets = 2, next_amount = 15 WHERE set_number = 2;
            UPDATE session_set SET target_kind = 'reps' WHERE set_number < 3;
            DELETE FROM grdb_migrations WHERE identifier = 'v4';
            ALTER TABLE session_set DROP COLUMN next_kind; ALTER TABLE session_set DROP COLUMN next_rest;
            ALTER TABLE session_set DROP COLUMN switched_to;
            """)
        let sets = try SessionStore(folder: tmp.url).setsFor(sessionID: id).map(\.record)
        #expect(sets.map(\.decision.rule) == [.painAboveAcceptable, .painAboveAcceptable, .safe])
        #expect(sets.map(\.plannedExerciseID) == ["glute-bridge", "glute-bridge", "glute-bridge"])
        #expect(sets[0].decision.nextDose == Dose(sets: 2, work: .reps(7), rest: 45))
        #expect(sets[1].decision.nextDose == Dose(sets: 2, work: .seconds(15), rest: 45), "a switch takes the kind of the set done after it")
        #expect(sets[1].decision.switchedToID == "bridge-hold")
        #expect(sets[2].decision.nextDose == nil)
    }
}

/// What `eachInHistory` handed over (its callback is @Sendable; one thread calls it).
private final class Collected: @unchecked Sendable {
    private(set) var items: [SessionWithSets] = []
    func append(_ item: SessionWithSets) { items.append(item) }
}
