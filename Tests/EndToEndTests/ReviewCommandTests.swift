import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `limber review` as a person runs it: the real binary in tmux at 80x24 and 40x12, over a log
/// seeded through the sqlite3 shell with the schema of Sources/SessionLog/Schema.swift.
@Suite("limber review, end to end", .serialized)
struct ReviewCommandTests {
    /// The CREATE statements of every migration, read from Schema.swift so they cannot drift.
    static func schemaSQL() throws -> String {
        let file = LimberBinary.packageRoot.appendingPathComponent("Sources/SessionLog/Schema.swift")
        let text = try String(contentsOf: file, encoding: .utf8)
        var statements: [String] = []
        var rest = text[...]
        while let start = rest.range(of: "try db.execute(sql: \"\"\"") {
            let after = rest[start.upperBound...]
            guard let end = after.range(of: "\"\"\"") else { break }
            statements.append(String(after[..<end.lowerBound]))
            rest = after[end.upperBound...]
        }
        guard !statements.isEmpty else { throw HarnessError("no CREATE statements found in Schema.swift") }
        let versions = text.range(of: "static let versions = [").map { text[$0.upperBound...].prefix { $0 != "]" } } ?? ""
        let identifiers = versions.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        return statements.joined(separator: "\n")
            + "\nCREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);\n"
            + identifiers.map { "INSERT INTO grdb_migrations VALUES ('\($0)');" }.joined(separator: "\n")
    }

    /// A GRDB date `days` days and `hours` hours before now, in SQL.
    static func at(daysAgo days: Int, hoursAgo hours: Int = 0) -> String {
        "strftime('%Y-%m-%d %H:%M:%f', 'now', '-\(days) days', '-\(hours) hours')"
    }

    /// Three sessions: a good one today (pain 5 -> 3), yesterday's ended early after the pain
    /// spread down the leg (with a red-flag check-in), and one three days ago.
    static func seed(_ sandbox: LimberSandbox) throws {
        try FileManager.default.createDirectory(at: sandbox.dataDir, withIntermediateDirectories: true)
        func session(_ id: Int, routine: String, name: String, days: Int, minutes: Int, status: String,
                     pain: (Int, Int), leg: (Int, Int), back: (Int, Int)) -> String {
            """
            INSERT INTO session (id, routine_id, routine_name, started_at, ended_at, status, pain_before, pain_after,
                leg_pain_before, back_pain_before, leg_pain_after, back_pain_after, planned_sets)
            VALUES (\(id), '\(routine)', '\(name)', \(at(daysAgo: days, hoursAgo: 1)),
                strftime('%Y-%m-%d %H:%M:%f', 'now', '-\(days) days', '-1 hours', '+\(minutes) minutes'), '\(status)',
                \(pain.0), \(pain.1), \(leg.0), \(back.0), \(leg.1), \(back.1), 6);
            """
        }
        func set(_ session: Int, _ position: Int, _ exercise: String, _ name: String, side: String, number: Int,
                 kind: String, target: Int, done: Int, pain: Int, spread: Int = 0, adjustment: String = "keep",
                 reason: String = "", days: Int) -> String {
            """
            INSERT INTO session_set (session_id, position, exercise_id, exercise_name, side, set_number, target_kind,
                target_amount, done_amount, pain, spread, adjustment, reason, completed_at, planned_exercise_id, rule)
            VALUES (\(session), \(position), '\(exercise)', '\(name)', '\(side)', \(number), '\(kind)', \(target), \(done),
                \(pain), \(spread), '\(adjustment)', '\(reason)', \(at(daysAgo: days)), '\(exercise)',
                '\(spread == 1 ? "spread_down_leg" : pain >= 8 ? "pain_at_stop_threshold" : pain > 5 ? "pain_above_acceptable" : pain > 3 ? "acceptable" : "safe")');
            """
        }
        var sql = try schemaSQL() + "\n"
        sql += session(1, routine: "gentle-relief", name: "Gentle relief", days: 3, minutes: 11, status: "completed",
                       pain: (6, 5), leg: (6, 5), back: (4, 4))
        sql += session(2, routine: "core-basics", name: "Core basics", days: 1, minutes: 6, status: "ended_early",
                       pain: (4, 6), leg: (4, 6), back: (4, 5))
        sql += session(3, routine: "gentle-relief", name: "Gentle relief", days: 0, minutes: 12, status: "completed",
                       pain: (5, 3), leg: (6, 3), back: (4, 3))
        for (id, days) in [(1, 3), (3, 0)] {
            sql += set(id, 0, "knee-to-chest", "Knee to chest", side: "left", number: 1, kind: "seconds", target: 30, done: 30, pain: 3, days: days)
            sql += set(id, 0, "knee-to-chest", "Knee to chest", side: "right", number: 1, kind: "seconds", target: 30, done: 30, pain: 3, days: days)
            sql += set(id, 1, "glute-bridge", "Glute bridge", side: "both", number: 1, kind: "reps", target: 10, done: 10, pain: 4, days: days)
            sql += set(id, 1, "glute-bridge", "Glute bridge", side: "both", number: 2, kind: "reps", target: 10, done: 10, pain: 3, days: days)
        }
        sql += set(2, 0, "knee-to-chest", "Knee to chest", side: "left", number: 1, kind: "seconds", target: 30, done: 22, pain: 5,
                   spread: 1, adjustment: "stop_exercise", reason: "Symptoms spread further down the leg: stop this exercise.", days: 1)
        sql += set(2, 1, "glute-bridge", "Glute bridge", side: "both", number: 1, kind: "reps", target: 10, done: 10, pain: 6,
                   adjustment: "reduce", reason: "Pain 6 is above 5: the next set is 7 reps instead of 10.", days: 1)
        sql += """
            INSERT INTO check_in (at, day, kind, answers_json, outcome, session_id)
            VALUES (\(at(daysAgo: 1, hoursAgo: 1)), date('now', '-1 days', 'localtime'), 'red_flag', '{}', 'see_clinician', 2);
            """
        let script = sandbox.home.appendingPathComponent("seed.sql")
        try sql.write(to: script, atomically: true, encoding: .utf8)
        let result = try runProcess("/usr/bin/env", ["sqlite3", sandbox.database, ".read \(script.path)"])
        guard result.status == 0 else { throw HarnessError("seeding failed: \(result.stderr)") }
    }

    func review(_ sandbox: LimberSandbox, width: Int, height: Int) throws -> TmuxSession {
        try TmuxSession(width: width, height: height, command: [LimberBinary.path, "review"], environment: sandbox.environment)
    }

    @Test("80x24: list, detail, trend, adherence, progress, help, back and quit")
    func wide() throws {
        let sandbox = try LimberSandbox()
        defer { sandbox.cleanUp() }
        try Self.seed(sandbox)
        let tmux = try review(sandbox, width: 80, height: 24)
        var screen = try tmux.waitFor("1 of 3")
        #expect(screen.contains(" 1 Sessions   2 Detail   3 Trend   4 Adherence   5 Progress   6 Outcomes"))
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[3].hasPrefix("DATE"))
        #expect(lines[4].contains("Gentle relief") && lines[4].contains("4/6 done        5 → 3 ↓"), "\(lines[4])")
        #expect(lines[5].contains("Core basics") && lines[5].contains("2/6 ended early 4 → 6 ↑ flag spread sto…"), "\(lines[5])")
        #expect(lines[6].contains("6 → 5") && !lines[6].contains("↓"), "one point from 6 is not meaningful: \(lines[6])")

        try tmux.send("j")
        try tmux.send("Enter")
        screen = try tmux.waitFor("Core basics ·")
        #expect(screen.contains("red flag: see a clinician soon · spread 1× · stopped 1× · reduced 1×"))
        #expect(screen.contains("Knee to chest          1 left     30 s    22 s    5 stopped · spread"))
        #expect(screen.contains("Symptoms spread further down the leg: stop this exercise."))
        try tmux.send("Escape")
        try tmux.waitFor("2 of 3")

        try tmux.send("3")
        screen = try tmux.waitFor("Weekly average pain")
        #expect(screen.contains("Leg pain") && screen.contains("Back pain"))
        #expect(screen.contains("(meaningful: 2+ points or 30%)"))
        try tmux.send("Tab")
        screen = try tmux.waitFor("Last 14 days")
        #expect(screen.contains("3 days with a session, plan 6"), "the last 14 days against the weekly plan (3 a week by default)")
        #expect(screen.contains("Your plan: 3 days a week"))
        try tmux.send("5")
        try tmux.waitFor("Pick an exercise")
        try tmux.send("Enter")
        screen = try tmux.waitFor("per session (all sets and sides)")
        #expect(screen.contains("3 sessions since"))
        try tmux.send("?")
        try tmux.waitFor("Review keys")
        try tmux.send("x")
        try tmux.send("q")
        try tmux.waitFor("Pick an exercise")
        try tmux.send("q")
        #expect(try tmux.waitForExit() == 0)
    }

    @Test("40x12: the compact layout, views by number and tab, q quits")
    func small() throws {
        let sandbox = try LimberSandbox()
        defer { sandbox.cleanUp() }
        try Self.seed(sandbox)
        let tmux = try review(sandbox, width: 40, height: 12)
        var screen = try tmux.waitFor("Sessions · 1 of 3")
        #expect(screen.contains("DATE        SETS PAIN    MARKS"))
        #expect(screen.contains(" 4/6 5→3 ↓"))
        #expect(screen.contains("↑/↓ move · enter open · q quit · ? help"))
        try tmux.send("Enter")
        screen = try tmux.waitFor("Detail · 1 of 3")
        #expect(screen.contains("EXERCISE                 SET   DONE PAIN"))
        #expect(screen.contains("Knee to chest            1 L 30/30s    3"))
        try tmux.send("Left")
        try tmux.waitFor("Detail · 2 of 3")
        try tmux.send("Tab")
        screen = try tmux.waitFor("Weekly average pain, 0-10")
        #expect(screen.contains("Leg before"))
        try tmux.send("q")
        #expect(try tmux.waitForExit() == 0)
    }

    @Test("a key the terminal's description does not know (End as another terminal sends it, Alt+x) is ignored, not taken as Esc")
    func unknownKeySequences() throws {
        let sandbox = try LimberSandbox()
        defer { sandbox.cleanUp() }
        try Self.seed(sandbox)
        let tmux = try review(sandbox, width: 80, height: 24)
        try tmux.waitFor("1 of 3")
        // tmux runs the pane as tmux-256color, whose End is ESC [ 4 ~: ESC O F is End as xterm
        // sends it (a program started under another TERM), ESC [ 9 9 ~ a key no terminal lists,
        // ESC x is Alt+x. Before, the Esc each of them starts with left the review.
        try tmux.send("-H", "1b", "4f", "46")
        try tmux.send("-H", "1b", "5b", "39", "39", "7e")
        try tmux.send("-H", "1b", "78")
        try tmux.send("j")
        try tmux.waitFor("2 of 3")
        try tmux.send("Escape")
        #expect(try tmux.waitForExit() == 0, "a lone Esc still leaves")
    }

    @Test("no log yet: the review says how to start, then quits")
    func emptyHistory() throws {
        let sandbox = try LimberSandbox()
        defer { sandbox.cleanUp() }
        let tmux = try review(sandbox, width: 40, height: 12)
        try tmux.waitFor("No sessions yet.")
        try tmux.send("4")
        try tmux.waitFor("fills a square")
        try tmux.send("Escape")
        #expect(try tmux.waitForExit() == 0)
        #expect(!FileManager.default.fileExists(atPath: sandbox.database), "reviewing does not create a log")
    }

    @Test("not a terminal: one line pointing to `limber history`, exit 1")
    func notATerminal() throws {
        let sandbox = try LimberSandbox()
        defer { sandbox.cleanUp() }
        // stdin and stdout are files, not terminals.
        let result = try sandbox.run(["review"])
        #expect(result.status == 1)
        #expect(result.stderr == "Error: limber review needs a terminal; for plain text use `limber history` (or `limber history --json`)\n")
    }
}
