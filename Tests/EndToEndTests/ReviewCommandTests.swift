import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program to completion with posix_spawn and waitpid, its output in a temporary file.
///
/// Not Foundation's Process: on Linux its waitUntilExit can miss the exit of a child that ends
/// at once (a tmux client that has just started its server stays a zombie and the wait never
/// returns), which hung these tests.
func spawnAndWait(_ arguments: [String]) throws -> (status: Int32, output: String) {
    let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("limber-spawn-\(UUID().uuidString)").path
    defer { unlink(outputPath) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    // Children start with no blocked signals and default handlers: the test process may block
    // some, and a tmux server that inherited that could not be stopped.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var noSignals = sigset_t(), allSignals = sigset_t()
    sigemptyset(&noSignals)
    sigfillset(&allSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    posix_spawnattr_setsigdefault(&attributes, &allSignals)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var pid: pid_t = 0
    let spawned = posix_spawnp(&pid, arguments[0], &actions, &attributes, &argv, environ)
    guard spawned == 0 else { throw HarnessError("cannot run \(arguments[0]): \(String(cString: strerror(spawned)))") }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    let exited = status & 0x7f == 0
    return (exited ? (status >> 8) & 0xff : 128 + (status & 0x7f), output)
}

/// `limber` in a detached tmux session on a private server, driven through ``spawnAndWait(_:)``.
/// The pane's shell stays after the program ends and prints its exit status.
final class ReviewTmux {
    let socket = "limber-review-e2e-\(UUID().uuidString.prefix(8))"

    init(width: Int, height: Int, command: [String], environment: [String: String]) throws {
        let program = command.map(TmuxSession.shellQuote).joined(separator: " ")
        var args = ["tmux", "-u", "-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", "limber",
                    "-x", "\(width)", "-y", "\(height)"]
        for (key, value) in environment.sorted(by: { $0.key < $1.key }) { args += ["-e", "\(key)=\(value)"] }
        args += ["-e", "TERM=xterm-256color", "\(program); echo \"[limber exited with status $?]\"; sleep 3600"]
        let result = try spawnAndWait(args)
        guard result.status == 0 else { throw HarnessError("tmux new-session failed with status \(result.status)") }
        serverPID = pid_t(try tmux(["display-message", "-p", "-t", "limber", "#{pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    /// The tmux server of this session (killed directly if `kill-server` cannot reach it).
    private var serverPID: pid_t = 0

    @discardableResult
    private func tmux(_ args: [String]) throws -> String {
        try spawnAndWait(["tmux", "-u", "-L", socket, "-f", "/dev/null"] + args).output
    }

    /// Sends tmux key names (`Enter`, `Escape`, `Tab`, `j`).
    func send(_ keys: String...) throws {
        try tmux(["send-keys", "-t", "limber"] + keys)
    }

    /// The visible pane.
    func screen() throws -> String {
        try tmux(["capture-pane", "-p", "-t", "limber"])
    }

    /// Polls the screen until `text` appears; fails with the last screen when it does not.
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 15, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let end = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < end {
            last = try screen()
            if last.contains(text) { return last }
            usleep(30_000)
        }
        Issue.record("timed out waiting for \"\(text)\"; screen was:\n\(last)", sourceLocation: sourceLocation)
        throw HarnessError("timed out waiting for \(text)")
    }

    /// Polls until the program has exited; returns its exit status.
    @discardableResult
    func waitForExit(timeout: Double = 15, sourceLocation: SourceLocation = #_sourceLocation) throws -> Int {
        let screen = try waitFor("[limber exited with status ", timeout: timeout, sourceLocation: sourceLocation)
        let tail = screen.components(separatedBy: "[limber exited with status ").last ?? ""
        return Int(tail.prefix { $0.isNumber }) ?? -1
    }

    deinit {
        let result = try? spawnAndWait(["tmux", "-u", "-L", socket, "-f", "/dev/null", "kill-server"])
        if result?.status != 0, serverPID > 0 { kill(serverPID, SIGTERM) }
    }
}

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
                target_amount, done_amount, pain, spread, adjustment, reason, completed_at)
            VALUES (\(session), \(position), '\(exercise)', '\(name)', '\(side)', \(number), '\(kind)', \(target), \(done),
                \(pain), \(spread), '\(adjustment)', '\(reason)', \(at(daysAgo: days)));
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
        let result = try spawnAndWait(["sqlite3", sandbox.database, ".read \(script.path)"])
        guard result.status == 0 else { throw HarnessError("seeding failed with status \(result.status)") }
    }

    func review(_ sandbox: LimberSandbox, width: Int, height: Int) throws -> ReviewTmux {
        try ReviewTmux(width: width, height: height, command: [LimberBinary.path, "review"], environment: sandbox.environment)
    }

    @Test("80x24: list, detail, trend, adherence, progress, help, back and quit")
    func wide() throws {
        let sandbox = try LimberSandbox()
        defer { sandbox.cleanUp() }
        try Self.seed(sandbox)
        let tmux = try review(sandbox, width: 80, height: 24)
        var screen = try tmux.waitFor("1 of 3")
        #expect(screen.contains(" 1 Sessions   2 Detail   3 Trend   4 Adherence   5 Progress"))
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
        #expect(screen.contains("3 of 14 days with a session"))
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
        // stdin and stdout are not terminals; the output file holds stderr only.
        let environment = sandbox.environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let result = try spawnAndWait(["env"] + environment + ["sh", "-c", "exec \"$0\" review 2>&1 >/dev/null", LimberBinary.path])
        #expect(result.status == 1)
        #expect(result.output == "error: limber review needs a terminal; for plain text use `limber history` (or `limber history --json`)\n")
    }
}
