import MonotonicTime
import CoachPolicy
import ExerciseCatalog
import Foundation
import SessionEngine
import Testing
import TestSupport
@testable import SessionLog

@Suite("Export and history table")
struct ExportTests {
    /// A small history with awkward text: commas, quotes, newlines, CR, unicode.
    func fixture() throws -> (TempFolder, SessionStore, [SessionWithSets]) {
        let tmp = TempFolder()
        let store = try SessionStore(folder: tmp.url)
        let a = try store.startSession(NewSession(routineID: "gentle-relief", routineName: "Gentle relief, \"morning\"",
                                                  startedAt: t(0), painBefore: 4, legPainBefore: 6, backPainBefore: 3, plannedSets: 4))
        try store.appendSet(loggedSet(sessionID: a, position: 0, exerciseID: "knee-to-chest", exerciseName: "Knee to chest",
                                   side: .left, setNumber: 1, target: .seconds(30), done: .seconds(30), pain: 3,
                                   spread: false, adjustment: .keep, reason: "", completedAt: t(45)))
        try store.appendSet(loggedSet(sessionID: a, position: 1, exerciseID: "bird-dog", exerciseName: "Bird dog",
                                   side: .right, setNumber: 1, target: .reps(10), done: .reps(7), pain: 7,
                                   spread: true, adjustment: .stopExercise,
                                   reason: "Spread down the leg,\nstop \"bird dog\"\r\nfor today — ça va", completedAt: t(120)))
        try store.appendSkip(SkipRow(sessionID: a, position: 2, exerciseID: "curl-up", at: t(130)))
        try store.finishSession(id: a, status: .endedEarly, painAfter: 2, legPainAfter: 4, backPainAfter: 3, endedAt: t(200))
        _ = try store.startSession(NewSession(routineID: "five-minute", routineName: "Five minute", startedAt: t(86_400), plannedSets: 3))
        return (tmp, store, try store.history().reversed())
    }

    @Test("CSV is RFC 4180: header, CRLF, quoting; every field reads back")
    func csvRoundTrip() throws {
        let (_, _, history) = try fixture()
        let text = LogExport.csv(history)
        #expect(text.hasSuffix("\r\n"))
        let records = try parseCSV(text)
        let header = LogExport.sessionFieldNames + LogExport.setFieldNames
        #expect(records.first == header)
        #expect(records.count == 1 + 2 + 1)  // two sets, one session without sets
        for record in records { #expect(record.count == header.count) }
        var expected: [[String]] = []
        for item in history {
            let session = LogExport.sessionValues(item).map(\.csvText)
            if item.sets.isEmpty { expected.append(session + Array(repeating: "", count: LogExport.setFieldNames.count)) }
            for set in item.sets { expected.append(session + LogExport.setValues(set).map(\.csvText)) }
        }
        #expect(Array(records.dropFirst()) == expected)
        // Spot-check values against the source records, by column name.
        let row = Dictionary(uniqueKeysWithValues: zip(header, records[2]))
        #expect(row["routine_name"] == "Gentle relief, \"morning\"")
        #expect(row["reason"] == "Spread down the leg,\nstop \"bird dog\"\r\nfor today — ça va")
        #expect(row["spread"] == "true")
        #expect(row["pain"] == "7")
        #expect(row["started_at"] == "2026-03-01T07:00:00Z")
        #expect(row["completed_at"] == "2026-03-01T07:02:00Z")
        #expect(row["leg_pain_before"] == "6")
        #expect(row["status"] == "ended_early")
        let empty = Dictionary(uniqueKeysWithValues: zip(header, records[3]))
        #expect(empty["ended_at"] == "" && empty["pain_after"] == "" && empty["set_id"] == "" && empty["status"] == "in_progress")
        #expect(LogExport.csvField("plain") == "plain")
        #expect(LogExport.csvField("a,b") == "\"a,b\"")
        #expect(LogExport.csvField("say \"hi\"") == "\"say \"\"hi\"\"\"")
    }

    @Test("JSON has the same field names, nested sets and skips, and parses")
    func json() throws {
        let (_, _, history) = try fixture()
        let text = LogExport.jsonArray(history)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        #expect(parsed.count == 2)
        let first = parsed[0]
        #expect(Set(first.keys) == Set(LogExport.sessionFieldNames + ["sets", "skips"]))
        #expect(first["routine_name"] as? String == "Gentle relief, \"morning\"")
        #expect(first["pain_after"] as? Int == 2)
        let sets = try #require(first["sets"] as? [[String: Any]])
        #expect(sets.count == 2)
        #expect(Set(sets[0].keys) == Set(LogExport.setFieldNames))
        #expect(sets[1]["reason"] as? String == "Spread down the leg,\nstop \"bird dog\"\r\nfor today — ça va")
        #expect(sets[1]["spread"] as? Bool == true)
        #expect((first["skips"] as? [[String: Any]])?.first?["exercise_id"] as? String == "curl-up")
        #expect(parsed[1]["ended_at"] is NSNull)
        // One object per line, each valid on its own (the `history --json` form).
        for item in history {
            let line = LogExport.jsonObject(item)
            #expect(!line.contains("\n"))
            #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil)
        }
        #expect(LogExport.jsonArray([]) == "[]\n")
        #expect(LogExport.jsonString("a\u{1}b") == "\"a\\u0001b\"")
    }

    /// A session whose texts were written to attack a spreadsheet or a terminal: formulas at the
    /// start of the routine name, exercise names and reasons, and escape sequences inside.
    func hostileFixture() throws -> (TempFolder, [SessionWithSets]) {
        let tmp = TempFolder()
        let store = try SessionStore(folder: tmp.url)
        let id = try store.startSession(NewSession(routineID: "five-minute", routineName: "=cmd|' /C calc'!A0",
                                                   startedAt: t(0), painBefore: 4, plannedSets: 2))
        try store.appendSet(loggedSet(sessionID: id, position: 0, exerciseID: "knee-to-chest", exerciseName: "@SUM(1+1)",
                                   side: .left, setNumber: 1, target: .seconds(30), done: .seconds(30), pain: 3,
                                   spread: false, adjustment: .keep, reason: "=cmd|' /C calc'!A0", completedAt: t(45)))
        try store.appendSet(loggedSet(sessionID: id, position: 1, exerciseID: "bird-dog", exerciseName: "=HYPERLINK(\"http://x\",\"hi\")",
                                   side: .right, setNumber: 1, target: .reps(10), done: .reps(8), pain: 5,
                                   spread: true, adjustment: .reduce, reason: "\u{1B}[2JPain\u{7} spread; -2 reps", completedAt: t(120)))
        try store.appendSet(loggedSet(sessionID: id, position: 2, exerciseID: "bird-dog", exerciseName: "Bird dog",
                                   side: .left, setNumber: 1, target: .reps(8), done: .reps(8), pain: 5,
                                   spread: false, adjustment: .keep, reason: "+1\tor \u{9B}2J", completedAt: t(180)))
        try store.appendSet(loggedSet(sessionID: id, position: 3, exerciseID: "bird-dog", exerciseName: "Bird dog",
                                   side: .left, setNumber: 2, target: .reps(8), done: .reps(8), pain: 5,
                                   spread: false, adjustment: .keep, reason: "\tleading tab, \rand CR", completedAt: t(240)))
        return (tmp, try store.history())
    }

    @Test("CSV text cells that start like a formula get a leading ' and control characters written out; numbers and dates stay as they are")
    func csvFormulaInjection() throws {
        let (_, history) = try hostileFixture()
        let lines = LogExport.csv(history).components(separatedBy: "\r\n")
        let session = "1,five-minute,'=cmd|' /C calc'!A0,2026-03-01T07:00:00Z,,in_progress,2,4,4,,,,,,,"  // reach before/after empty
        #expect(lines[1] == session + ",1,0,knee-to-chest,'@SUM(1+1),left,1,seconds,30,30,3,false,keep,'=cmd|' /C calc'!A0,2026-03-01T07:00:45Z,false")
        #expect(lines[2] == session + #",2,1,bird-dog,"'=HYPERLINK(""http://x"",""hi"")",right,1,reps,10,8,5,true,reduce,\u{1B}[2JPain\u{07} spread; -2 reps,2026-03-01T07:02:00Z,false"#)
        #expect(lines[3] == session + ",3,2,bird-dog,Bird dog,left,1,reps,8,8,5,false,keep,'+1\tor \\u{9B}2J,2026-03-01T07:03:00Z,false")
        // A cell that starts with a tab or CR gets the quote too; the CR then needs RFC 4180 quoting.
        #expect(lines[4] == session + ",4,3,bird-dog,Bird dog,left,2,reps,8,8,5,false,keep,\"'\tleading tab, \rand CR\",2026-03-01T07:04:00Z,false")
        #expect(lines.count == 6 && lines[5] == "")
        #expect(LogExport.csvField("-5") == "'-5")
        #expect(LogExport.csvField("a-b=c") == "a-b=c", "only the first character counts")
    }

    @Test("JSON export escapes every control character, DEL and C1 included, and reads back unchanged")
    func jsonEscapesControlCharacters() throws {
        let (_, history) = try hostileFixture()
        let text = LogExport.jsonArray(history)
        let controls = text.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) }
        #expect(controls.isEmpty, "raw control characters: \(controls.map(\.value))")
        #expect(text.contains(#""reason":"\u001b[2JPain\u0007 spread; -2 reps""#))
        #expect(text.contains(#""reason":"+1\tor \u009b2J""#))
        #expect(LogExport.jsonString("del\u{7F} nbsp\u{A0} é") == "\"del\\u007f nbsp\u{A0} é\"")
        // JSON is data, not a spreadsheet: no quote is added, and the text reads back as stored.
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        #expect(parsed.first?["routine_name"] as? String == "=cmd|' /C calc'!A0")
        let sets = try #require(parsed.first?["sets"] as? [[String: Any]])
        #expect(sets.map { $0["reason"] as? String } == ["=cmd|' /C calc'!A0", "\u{1B}[2JPain\u{7} spread; -2 reps", "+1\tor \u{9B}2J", "\tleading tab, \rand CR"])
    }

    @Test("history table shows a routine name's control characters written out")
    func historyTableEscapes() throws {
        let tmp = TempFolder()
        let store = try SessionStore(folder: tmp.url)
        _ = try store.startSession(NewSession(routineID: "five-minute", routineName: "Five\u{1B}[31m minute", startedAt: t(0), plannedSets: 3))
        let utc = try #require(TimeZone(identifier: "UTC"))
        let text = HistoryTable.render(try store.sessions(), zone: .fixed(utc))
        #expect(text.contains(#"2026-03-01 07:00  Five\u{1B}[31m minute"#))
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }

    @Test("export refuses to overwrite without force, replaces with force, leaves no temp files")
    func writeFile() throws {
        let tmp = TempFolder()
        let target = tmp.url.appendingPathComponent("out.csv")
        try LogExport.write("one\r\n", to: target, force: false)
        #expect(try String(contentsOf: target, encoding: .utf8) == "one\r\n")
        #expect(DataLocation.permissions(of: target.path) == 0o600)
        #expect(throws: LogError.fileExists(path: target.path)) {
            try LogExport.write("two\r\n", to: target, force: false)
        }
        #expect(try String(contentsOf: target, encoding: .utf8) == "one\r\n")
        #expect(LogError.fileExists(path: target.path).description.contains("--force"))
        try LogExport.write("three\r\n", to: target, force: true)
        #expect(try String(contentsOf: target, encoding: .utf8) == "three\r\n")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: tmp.url.path).filter { $0.hasPrefix(".limber-export") }
        #expect(leftovers.isEmpty)
        #expect(throws: LogError.self) {
            try LogExport.write("x", to: tmp.url.appendingPathComponent("missing/out.csv"), force: false)
        }
        #expect(throws: LogError.cannotWrite(path: tmp.url.path, reason: "it is a folder")) {
            try LogExport.write("x", to: tmp.url, force: true)
        }
    }

    @Test("history table: columns, marks, empty message")
    func table() throws {
        let (_, store, _) = try fixture()
        let utc = try #require(TimeZone(identifier: "UTC"))
        let text = HistoryTable.render(try store.sessions(), zone: .fixed(utc))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == 4 && lines[3].isEmpty)
        #expect(lines[0].hasPrefix("DATE"))
        #expect(lines[1].hasPrefix("2026-03-02 07:00  Five minute"))
        #expect(lines[1].contains("0/3") && lines[1].contains("in progress") && lines[1].contains("- -> -"))
        #expect(lines[2].contains("Gentle relief, \"morning\"") && lines[2].contains("3:20") && lines[2].contains("2/4"))
        #expect(lines[2].contains("ended early") && lines[2].contains("4 -> 2"))
        #expect(lines[2].hasSuffix("spread 1, stop 1, skipped 1"))
        #expect(lines.allSatisfy { !$0.hasSuffix(" ") })
        #expect(HistoryTable.render([]) == "No sessions yet — start one with `limber start five-minute`.\n")
    }
}
