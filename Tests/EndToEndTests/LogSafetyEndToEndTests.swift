import Foundation
import Testing

/// The log while other programs use it: readers during a session, a second `limber start`, a
/// kill or a closed window. Whatever happens, every rated set stays and the file stays whole.
@Suite("the log while a session runs, end to end", .serialized)
struct LogSafetyEndToEndTests {
    static let fast = ["LIMBER_TIME_SCALE": "20"]

    /// Plays five-minute in one terminal, reads the log from other programs between sets, starts
    /// a second limber (which must only offer the review), then ends the session with `signal`.
    func readersDuringASession(endingWith signal: Int32, secondStart: Bool) throws {
        let sandbox = try LimberSandbox()
        defer { sandbox.cleanUp() }
        let environment = sandbox.environment.merging(Self.fast) { $1 }
        let tmux = try TmuxSession(command: [LimberBinary.path, "start", "five-minute", "--quiet"], environment: environment)
        let player = RoutinePlayer(tmux: tmux)
        try player.passChecks(leg: 3, back: 2)
        try player.play(ratings: 1)

        // Readers in other processes: each opens and closes the log while the session has it open.
        let history = try sandbox.run(["history"])
        #expect(history.status == 0, "\(history.stderr)")
        #expect(history.stdout.contains("five-minute") || history.stdout.contains("Five-minute"))
        #expect(try sandbox.query("SELECT count(*) FROM session_set") == [["1"]])
        _ = try runProcess("/usr/bin/env", ["sqlite3", sandbox.database, "SELECT count(*) FROM session"])

        // A second start on the same log: it says a session is running and offers only the review.
        if secondStart {
            let second = try TmuxSession(command: [LimberBinary.path, "start", "five-minute", "--quiet"], environment: environment)
            let screen = try second.waitFor("r review · q quit")
            #expect(screen.contains("A limber session is already running with this log"))
            #expect(screen.contains("process \(try tmux.programPID())"))
            try second.send("r")
            try second.waitFor("1 of 1")
            try second.send("q")
            #expect(try second.waitForExit() == 0)
        }
        #expect(try sandbox.query("SELECT status FROM session") == [["in_progress"]], "the second start left the running session alone")

        try player.play(ratings: 2)
        _ = try sandbox.run(["history", "--json"])
        _ = try sandbox.run(["export", "--format", "csv"])
        #expect(try sandbox.query("SELECT count(*) FROM session_set") == [["3"]])
        kill(try tmux.programPID(), signal)
        try tmux.waitForExit()

        #expect(try sandbox.query("SELECT count(*) FROM session_set") == [["3"]], "a rated set was lost")
        #expect(try sandbox.query("PRAGMA integrity_check") == [["ok"]])
        #expect(try sandbox.query("SELECT group_concat(pain) FROM session_set") == [["2,2,2"]])
        let next = try sandbox.run(["history"])
        #expect(next.status == 0)
    }

    @Test("history, export and sqlite3 during a session, then kill -9: every rated set stays, the file is whole")
    func readersThenKill() throws {
        try readersDuringASession(endingWith: SIGKILL, secondStart: false)
    }

    @Test("readers and a second limber start during a session, then the window closes (SIGHUP): only the review is offered, every rated set stays")
    func secondStartThenHangup() throws {
        try readersDuringASession(endingWith: SIGHUP, secondStart: true)
    }
}
