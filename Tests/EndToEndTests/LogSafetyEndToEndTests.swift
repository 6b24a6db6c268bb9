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

/// A real full disk: the data folder on a small tmpfs (mounting needs root, as CI runs; skipped
/// otherwise), filled up mid-session and then freed.
@Suite("a full disk mid-session, end to end", .serialized, .enabled(if: getuid() == 0, "mounting a small tmpfs needs root"))
struct FullDiskEndToEndTests {
    /// A 4 MiB tmpfs as the data folder: big enough for the log, small enough to fill with dd.
    static func mountSmallDisk(at folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let mount = try runProcess("/usr/bin/env", ["mount", "-t", "tmpfs", "-o", "size=4m,mode=0700", "tmpfs", folder.path])
        guard mount.status == 0 else { throw HarnessError("mount failed: \(mount.stderr)") }
    }

    @Test("a set rated on a full disk is shown as not saved, retried, and saved once space returns")
    func fullDiskThenSpace() throws {
        let sandbox = try LimberSandbox()
        defer { sandbox.cleanUp() }
        try Self.mountSmallDisk(at: sandbox.dataDir)
        defer { _ = try? runProcess("/usr/bin/env", ["umount", "-l", sandbox.dataDir.path]) }
        let filler = sandbox.dataDir.appendingPathComponent("filler").path

        let tmux = try TmuxSession(command: [LimberBinary.path, "start", "five-minute", "--quiet"],
                                   environment: sandbox.environment.merging(["LIMBER_TIME_SCALE": "20"]) { $1 })
        let player = RoutinePlayer(tmux: tmux)
        try player.passChecks(leg: 3, back: 2)
        try player.play(ratings: 1)
        #expect(try sandbox.query("SELECT count(*) FROM session_set") == [["1"]])

        // Fill the disk to the last byte, then rate the next set.
        _ = try runProcess("/usr/bin/env", ["dd", "if=/dev/zero", "of=\(filler)", "bs=64k"])
        try player.play(ratings: 1)
        let warned = try tmux.waitFor("not saved (disk full), retrying")
        #expect(warned.split(separator: "\n").first?.contains("1 not saved (disk full), retrying") == true)

        // Space returns: the next retry writes the set without a keypress.
        try FileManager.default.removeItem(atPath: filler)
        let end = Date().addingTimeInterval(10)
        while Date() < end, try tmux.screen().contains("not saved") { usleep(100_000) }
        #expect(try !tmux.screen().contains("not saved"))
        #expect(try sandbox.query("SELECT count(*) FROM session_set") == [["2"]])

        let summary = try player.play()
        #expect(summary.contains("sets 7 of 7"))
        try player.finish(leg: 2, back: 2)
        #expect(try sandbox.query("SELECT count(*) FROM session_set") == [["7"]])
        #expect(try sandbox.query("SELECT status FROM session") == [["completed"]])
        #expect(try sandbox.query("PRAGMA integrity_check") == [["ok"]])
    }

    @Test("leaving with sets still unsaved prints what was not saved, never 'Saved'")
    func leaveUnsaved() throws {
        let sandbox = try LimberSandbox()
        defer { sandbox.cleanUp() }
        try Self.mountSmallDisk(at: sandbox.dataDir)
        defer { _ = try? runProcess("/usr/bin/env", ["umount", "-l", sandbox.dataDir.path]) }

        let tmux = try TmuxSession(command: [LimberBinary.path, "start", "five-minute", "--quiet"],
                                   environment: sandbox.environment.merging(["LIMBER_TIME_SCALE": "20"]) { $1 })
        let player = RoutinePlayer(tmux: tmux)
        try player.passChecks(leg: 3, back: 2)
        try player.play(ratings: 1)
        _ = try runProcess("/usr/bin/env", ["dd", "if=/dev/zero", "of=\(sandbox.dataDir.appendingPathComponent("filler").path)", "bs=64k"])
        try player.play(ratings: 1)
        try tmux.waitFor("not saved (disk full), retrying")
        try tmux.send("q")
        let question = try tmux.waitFor("End the session?")
        #expect(question.contains("not saved yet") && !question.contains("already saved"))
        try tmux.send("y")
        let summary = try tmux.waitFor("NOT SAVED")
        #expect(!summary.contains("Everything you did is saved"))
        #expect(summary.contains("enter try again · q leave unsaved"))
        try tmux.send("q")
        let final = try tmux.waitFor("[limber exited with status")
        #expect(final.contains("NOT SAVED: 1 of your rated sets could not be written"))
        #expect(final.contains("Knee to chest set 1 right"))
        #expect(!final.contains("Saved:"))
    }
}

@Suite("log messages, end to end")
struct LogMessagesEndToEndTests {
    @Test("a data path that is a file: every reading command says so in one line, exit 1")
    func dataPathIsAFile() throws {
        let sandbox = try LimberSandbox()
        defer { sandbox.cleanUp() }
        try "not a folder".write(to: sandbox.dataDir, atomically: false, encoding: .utf8)
        for command in [["history"], ["export", "--format", "json"]] {
            let result = try sandbox.run(command)
            #expect(result.status == 1, "\(command)")
            #expect(result.stderr == "Error: \(sandbox.dataDir.path) is a file, not a folder — pass --data-dir DIR or set LIMBER_DATA_DIR to limber's data folder\n")
            #expect(!result.stdout.contains("No sessions yet"))
        }
    }

    @Test("a shell file size limit too small for the log (ulimit -f) is named with what to do, in one line, exit 1")
    func fileSizeLimitNamed() throws {
        let sandbox = try LimberSandbox()
        defer { sandbox.cleanUp() }
        // 16 blocks of 512 bytes in dash: the new log's -shm file alone is 32 KB.
        let tmux = try TmuxSession(command: ["/bin/sh", "-c", "ulimit -f 16; exec \"$0\" start five-minute", LimberBinary.path],
                                   environment: sandbox.environment)
        let screen = try tmux.waitFor("ulimit -f unlimited")
        #expect(try tmux.waitForExit() == 1)
        let message = screen.replacingOccurrences(of: "\n", with: "")
        #expect(message.contains("Error: cannot write \(sandbox.database): the file size limit of this shell (ulimit -f, "), "\(screen)")
        #expect(message.contains(" KB) is too small for the log — run `ulimit -f unlimited` and start again"))
    }

    @Test("a refused database gets no -wal or -shm beside it, and its bytes stay the same")
    func refusedFileUntouched() throws {
        let sandbox = try LimberSandbox()
        defer { sandbox.cleanUp() }
        try FileManager.default.createDirectory(at: sandbox.dataDir, withIntermediateDirectories: true)
        let garbage = Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
        try garbage.write(to: URL(fileURLWithPath: sandbox.database))
        let result = try sandbox.run(["history"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("is not a limber database"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: sandbox.database)) == garbage)
        for suffix in ["-wal", "-shm"] {
            #expect(!FileManager.default.fileExists(atPath: sandbox.database + suffix), "\(suffix) was created")
        }
    }
}
