import Foundation
import Testing

/// The terminal itself, end to end: what pasting, fatal signals, a tiny window and a terminal
/// that cannot run a full-screen program do to the real binary in tmux. In the session suite's
/// extension so these run one at a time with the rest of it.
extension SessionEndToEndTests {
    /// A file in a fresh temporary folder (the pane's shell writes `stty -a` or raw output there).
    static func scratchFile(_ name: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("limber-e2e-tty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.appendingPathComponent(name).path
    }

    /// The pane's `stty -a` shows a terminal a shell can be used in again: echo and canonical
    /// (line) input on, as the shell had them before limber took the terminal over.
    static func expectShellUsable(_ stty: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let flags = Set(stty.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init))
        #expect(flags.contains("echo") && !flags.contains("-echo"), "echo is back on:\n\(stty)", sourceLocation: sourceLocation)
        #expect(flags.contains("icanon") && !flags.contains("-icanon"), "line input is back:\n\(stty)", sourceLocation: sourceLocation)
        #expect(flags.contains("icrnl") && !flags.contains("-icrnl"), "Enter works in the shell:\n\(stty)", sourceLocation: sourceLocation)
    }

    /// The last bracketed-paste switch in `output` turned it off (ESC [?2004l after the last
    /// ESC [?2004h), so a shell afterwards does not get paste markers around its input.
    static func endsWithBracketedPasteOff(_ output: String) -> Bool {
        let on = output.range(of: "\u{1B}[?2004h", options: .backwards)
        guard let off = output.range(of: "\u{1B}[?2004l", options: .backwards) else { return false }
        return on.map { $0.lowerBound < off.lowerBound } ?? true
    }

    static let crashWords = ["Program crashed", "Backtrace", "Crashed thread", "💣", "Fatal error", "Press space"]

    @Test("pasted text is ignored: 'see notes' in a hold skips nothing, 'left' at a pain prompt marks no spread")
    func pastedTextIsIgnored() throws {
        let sandbox = try LimberSandbox()
        defer { sandbox.cleanUp() }
        // Slow enough that the 30 s hold lasts 6 s, so the paste surely lands inside it.
        let tmux = try TmuxSession(command: [LimberBinary.path, "start", "five-minute", "--quiet", "--skip-screen"],
                                   environment: sandbox.environment.merging(["LIMBER_TIME_SCALE": "5"]) { $1 })
        try RoutinePlayer(tmux: tmux).passChecks(leg: 3, back: 2)
        try tmux.waitFor("enter begin")
        try tmux.send("Enter")
        try tmux.waitFor("HOLD", timeout: 20)
        let title = { (screen: String) in screen.split(separator: "\n").dropFirst(2).first.map(String.init) ?? "" }
        let before = try tmux.screen()
        try tmux.paste("see notes")
        usleep(700_000)
        let afterPaste = try tmux.screen()
        #expect(afterPaste.contains("HOLD"), "still holding, nothing skipped:\n\(afterPaste)")
        #expect(title(afterPaste) == title(before), "same exercise and set:\n\(afterPaste)")
        // Typing still works once the paste is over.
        try tmux.send("p")
        try tmux.waitFor("┌─ Paused")
        try tmux.send("p")

        let prompt = try tmux.waitFor("Leg pain right now?", timeout: 30)
        #expect(prompt.contains("[ ] it spread"), "\(prompt)")
        try tmux.paste("left")
        usleep(700_000)
        let body = { (screen: String) in Array(screen.split(separator: "\n", omittingEmptySubsequences: false).dropFirst()) }
        let afterLeft = try tmux.screen()
        #expect(body(afterLeft) == body(prompt), "the pain prompt did not change (the header clock may):\n\(afterLeft)")
        #expect(!afterLeft.contains("[x]"), "no spread mark")
        try tmux.send("2")
        try tmux.waitFor("NOW THE RIGHT SIDE", timeout: 20)
        try tmux.send("q")
        try tmux.waitFor("End the session now?")
        try tmux.send("y")
        try tmux.waitFor("Session ended early")
        try RoutinePlayer(tmux: tmux).finish(leg: 3, back: 2)

        #expect(try sandbox.query("SELECT count(*) FROM skip") == [["0"]], "no skip row")
        let sets = try sandbox.query("SELECT exercise_id, side, pain, spread, adjustment FROM session_set ORDER BY id")
        #expect(sets == [["knee-to-chest", "left", "2", "0", "keep"]])
        #expect(try sandbox.query("SELECT status FROM session") == [["ended_early"]])
    }

    @Test("Ctrl-\\ (SIGQUIT) mid-hold gives the shell back at once: terminal restored, no backtrace, died of SIGQUIT")
    func quitSignalMidHold() throws {
        let sandbox = try LimberSandbox()
        defer { sandbox.cleanUp() }
        let sttyFile = try Self.scratchFile("stty")
        let outputFile = try Self.scratchFile("output")
        let tmux = try TmuxSession(
            command: ["sh", "-c", "ulimit -c 0; exec \"$0\" \"$@\"", LimberBinary.path, "start", "five-minute", "--quiet", "--skip-screen"],
            environment: sandbox.environment.merging(["LIMBER_TIME_SCALE": "2"]) { $1 },
            afterExit: "stty -a > \(TmuxSession.shellQuote(sttyFile))")
        try tmux.recordOutput(to: outputFile)
        try RoutinePlayer(tmux: tmux).passChecks(leg: 3, back: 3)
        try tmux.waitFor("enter begin")
        try tmux.send("Enter")
        try tmux.waitFor("HOLD")
        let sent = Date()
        try tmux.send("C-\\")
        let status = try tmux.waitForExit(timeout: 10)
        #expect(Date().timeIntervalSince(sent) < 4, "exits promptly")
        #expect(status == 128 + Int(SIGQUIT), "died of SIGQUIT")
        let screen = try tmux.screen()
        #expect(!screen.contains("HOLD"), "the full-screen session is gone:\n\(screen)")
        for word in Self.crashWords { #expect(!screen.contains(word), "no crash report over the screen:\n\(screen)") }
        #expect(try tmux.cursorIsVisible(), "the cursor is visible again")
        Self.expectShellUsable(try String(contentsOfFile: sttyFile, encoding: .utf8))
        let output = try String(contentsOfFile: outputFile, encoding: .isoLatin1)
        #expect(Self.endsWithBracketedPasteOff(output), "bracketed paste is off again")
        #expect(try sandbox.query("SELECT status FROM session") == [["in_progress"]], "left for the next start to mark interrupted")
    }

    @Test("every fatal signal restores the terminal before the process dies of it", arguments: [
        SIGQUIT, SIGABRT, SIGBUS, SIGFPE, SIGILL, SIGSEGV, SIGTRAP, SIGSYS, SIGINT, SIGTERM, SIGHUP,
    ])
    func fatalSignalRestoresTheTerminal(_ signal: Int32) throws {
        let sandbox = try LimberSandbox()
        defer { sandbox.cleanUp() }
        let sttyFile = try Self.scratchFile("stty")
        let outputFile = try Self.scratchFile("output")
        let tmux = try TmuxSession(
            command: ["sh", "-c", "ulimit -c 0; exec \"$0\" \"$@\"", LimberBinary.path, "start", "five-minute", "--skip-screen"],
            environment: sandbox.environment, afterExit: "stty -a > \(TmuxSession.shellQuote(sttyFile))")
        try tmux.recordOutput(to: outputFile)
        try tmux.waitFor("welcome")
        let sent = Date()
        kill(try tmux.programPID(), signal)
        let status = try tmux.waitForExit(timeout: 10)
        #expect(Date().timeIntervalSince(sent) < 4, "exits promptly")
        #expect(status == 128 + Int(signal), "died of the same signal")
        let screen = try tmux.screen()
        #expect(!screen.contains("welcome"), "the full-screen program is gone:\n\(screen)")
        for word in Self.crashWords { #expect(!screen.contains(word), "nothing printed over the screen:\n\(screen)") }
        #expect(try tmux.cursorIsVisible(), "the cursor is visible again")
        Self.expectShellUsable(try String(contentsOfFile: sttyFile, encoding: .utf8))
        #expect(Self.endsWithBracketedPasteOff(try String(contentsOfFile: outputFile, encoding: .isoLatin1)))
    }

    @Test("a normal exit turns bracketed paste off and leaves a usable shell")
    func normalExitRestoresTheTerminal() throws {
        let sandbox = try LimberSandbox()
        defer { sandbox.cleanUp() }
        let sttyFile = try Self.scratchFile("stty")
        let outputFile = try Self.scratchFile("output")
        let tmux = try TmuxSession(command: [LimberBinary.path, "start", "five-minute", "--skip-screen"],
                                   environment: sandbox.environment,
                                   afterExit: "stty -a > \(TmuxSession.shellQuote(sttyFile))")
        try tmux.recordOutput(to: outputFile)
        try tmux.waitFor("welcome")
        try tmux.send("q")
        #expect(try tmux.waitForExit() == 0)
        #expect(try tmux.cursorIsVisible())
        Self.expectShellUsable(try String(contentsOfFile: sttyFile, encoding: .utf8))
        let output = try String(contentsOfFile: outputFile, encoding: .isoLatin1)
        #expect(output.contains("\u{1B}[?2004h"), "bracketed paste was turned on")
        #expect(Self.endsWithBracketedPasteOff(output))
    }

    @Test("Ctrl-Z in a job-control shell: paste mode off while stopped, back on with the screen after fg")
    func suspendAndResume() throws {
        let sandbox = try LimberSandbox()
        defer { sandbox.cleanUp() }
        let outputFile = try Self.scratchFile("output")
        // An interactive shell with job control, as a person has: Ctrl-Z stops limber's job and
        // gives the shell the terminal.
        let tmux = try TmuxSession(command: ["env", "PS1=sh-ready> ", "sh", "-i"], environment: sandbox.environment)
        try tmux.recordOutput(to: outputFile)
        try tmux.waitFor("sh-ready>")
        try tmux.send("\(TmuxSession.shellQuote(LimberBinary.path)) start five-minute --skip-screen", literal: true)
        try tmux.send("Enter")
        try tmux.waitFor("welcome")
        try tmux.send("C-z")
        try tmux.waitFor("Stopped")
        let stopped = try String(contentsOfFile: outputFile, encoding: .isoLatin1)
        #expect(stopped.contains("\u{1B}[?2004h"))
        #expect(Self.endsWithBracketedPasteOff(stopped), "the shell does not get paste markers while limber is stopped")
        #expect(try tmux.cursorIsVisible())
        try tmux.send("fg", literal: true)
        try tmux.send("Enter")
        try tmux.waitFor("welcome")
        let resumed = try String(contentsOfFile: outputFile, encoding: .isoLatin1)
        #expect(!Self.endsWithBracketedPasteOff(resumed), "paste mode is back on with the screen")
        try tmux.send("q")
        try tmux.waitFor("sh-ready>")
        #expect(Self.endsWithBracketedPasteOff(try String(contentsOfFile: outputFile, encoding: .isoLatin1)))
    }

    @Test("at 30x8, q quits from the too-small notice before a session")
    func quitFromATinyWindow() throws {
        let sandbox = try LimberSandbox()
        defer { sandbox.cleanUp() }
        let tmux = try TmuxSession(width: 30, height: 8, command: [LimberBinary.path, "start", "five-minute", "--skip-screen"],
                                   environment: sandbox.environment)
        let notice = try tmux.waitFor("make the terminal larger")
        #expect(notice.contains("q quit"), "the notice says how to leave:\n\(notice)")
        try tmux.send("q")
        #expect(try tmux.waitForExit(timeout: 5) == 0)
    }

    @Test("shrunk to 30x8 mid-hold, q asks on the notice, y ends the session early; the set done is kept")
    func endTheSessionFromATinyWindow() throws {
        let sandbox = try LimberSandbox()
        defer { sandbox.cleanUp() }
        let tmux = try TmuxSession(command: [LimberBinary.path, "start", "five-minute", "--quiet", "--skip-screen"],
                                   environment: sandbox.environment.merging(Self.fast) { $1 })
        try RoutinePlayer(tmux: tmux).passChecks(leg: 3, back: 2)
        try tmux.waitFor("enter begin")
        try tmux.send("Enter")
        try tmux.waitFor("Leg pain right now?")
        try tmux.send("2")
        try tmux.waitFor("NOW THE RIGHT SIDE")
        try tmux.resize(width: 30, height: 8)
        try tmux.waitFor("make the terminal larger")
        try tmux.send("s")  // other keys stay ignored while the session cannot be seen
        try tmux.send("q")
        let question = try tmux.waitFor("End the session now?")
        #expect(question.contains("y yes"), "\(question)")
        try tmux.send("Escape")  // Esc answers no, as on the full screen
        try tmux.waitFor("q quit")
        #expect(try !tmux.screen().contains("End the session now?"))
        try tmux.send("q")
        try tmux.waitFor("End the session now?")
        try tmux.send("y")
        try tmux.waitFor("q quit")
        try tmux.send("q")  // closes the summary behind the notice
        try tmux.send("Escape")  // leaves the after-session pain question, also behind it, unanswered
        #expect(try tmux.waitForExit(timeout: 5) == 0)
        #expect(try sandbox.query("SELECT status FROM session") == [["ended_early"]])
        #expect(try sandbox.query("SELECT exercise_id, side, pain FROM session_set") == [["knee-to-chest", "left", "2"]])
        #expect(try sandbox.query("SELECT count(*) FROM skip") == [["0"]], "s was not delivered while too small")
    }

    @Test("a terminal that cannot run a full-screen program gets one line naming TERM, and exit 1", arguments: [
        (["env", "TERM=dumb"], "TERM is \"dumb\""),
        (["env", "-u", "TERM"], "TERM is not set"),
        (["env", "TERM=no-such-term"], "TERM is \"no-such-term\""),
    ])
    func unusableTerminalType(_ prefix: [String], _ named: String) throws {
        let sandbox = try LimberSandbox()
        defer { sandbox.cleanUp() }
        // Wide enough that the line is not wrapped.
        let tmux = try TmuxSession(width: 160, height: 24, command: prefix + [LimberBinary.path, "start", "five-minute"],
                                   environment: sandbox.environment)
        #expect(try tmux.waitForExit(timeout: 10) == 1)
        let lines = try tmux.screen().split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        #expect(lines.count == 2, "one line, then the exit line:\n\(lines.joined(separator: "\n"))")
        let message = lines.first ?? ""
        #expect(message.hasPrefix("Error: limber needs a full-screen terminal, but \(named)"), "\(message)")
        #expect(message.contains("set TERM=xterm-256color"), "\(message)")
        if FileManager.default.fileExists(atPath: sandbox.database) {
            #expect(try sandbox.query("SELECT count(*) FROM session") == [["0"]])
        }
    }
}
