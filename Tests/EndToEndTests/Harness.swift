import Foundation
import Testing

/// Finds and runs the real `limber` binary for end-to-end tests.
///
/// The binary is the one `swift build` put beside the test bundle (the README's test command
/// builds it first); `LIMBER_BIN` overrides that for a binary elsewhere.
enum LimberBinary {
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var path: String {
        if let explicit = ProcessInfo.processInfo.environment["LIMBER_BIN"] { return explicit }
        let testBundleDir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [
            testBundleDir.appendingPathComponent("limber").path,
            testBundleDir.deletingLastPathComponent().appendingPathComponent("limber").path,
            packageRoot.appendingPathComponent(".build/debug/limber").path,
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates.last!
    }
}

/// What a finished command printed and how it exited.
struct CommandResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs a program to completion and captures its output.
///
/// posix_spawn and waitpid rather than Foundation's Process: output goes to temporary files, so a
/// daemon the program starts (the tmux server) can inherit them without keeping a pipe open
/// forever, and nothing depends on a run loop reaping the child.
@discardableResult
func runProcess(_ executable: String, _ arguments: [String], environment: [String: String] = [:], input: String? = nil) throws -> CommandResult {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("limber-e2e-io-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let inPath = folder.appendingPathComponent("in").path
    let outPath = folder.appendingPathComponent("out").path
    let errPath = folder.appendingPathComponent("err").path
    try (input ?? "").write(toFile: inPath, atomically: true, encoding: .utf8)

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, inPath, O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

    var env = ProcessInfo.processInfo.environment
    for (key, value) in environment { env[key] = value }
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
        argv.forEach { free($0) }
        envp.forEach { free($0) }
    }
    // The test runs on a thread-pool thread whose signal mask blocks most signals; a child would
    // inherit that mask (and so would the tmux server and every program in it). Start clean.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var emptyMask = sigset_t()
    sigemptyset(&emptyMask)
    var allSignals = sigset_t()
    sigfillset(&allSignals)
    posix_spawnattr_setsigmask(&attributes, &emptyMask)
    posix_spawnattr_setsigdefault(&attributes, &allSignals)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
    guard spawned == 0 else { throw HarnessError("cannot start \(executable): error \(spawned)") }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    let exitStatus: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    return CommandResult(
        status: exitStatus,
        stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
        stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
}

/// Runs `limber` with a private data folder so tests never touch a real user's log.
struct LimberSandbox {
    let home: URL
    var dataDir: URL { home.appendingPathComponent("data") }
    var database: String { dataDir.appendingPathComponent("limber.sqlite").path }

    init() throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("limber-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    }

    /// Environment that isolates limber: its own HOME, XDG folders and data dir, no colour.
    var environment: [String: String] {
        [
            "HOME": home.path,
            "XDG_DATA_HOME": home.appendingPathComponent("xdg-data").path,
            "XDG_CONFIG_HOME": home.appendingPathComponent("xdg-config").path,
            // The parsed-catalog cache too: no test reads or writes the real one.
            "XDG_CACHE_HOME": home.appendingPathComponent("xdg-cache").path,
            "LIMBER_DATA_DIR": dataDir.path,
            "LANG": "C.UTF-8",
        ]
    }

    func run(_ arguments: [String], extraEnvironment: [String: String] = [:]) throws -> CommandResult {
        try runProcess(LimberBinary.path, arguments, environment: environment.merging(extraEnvironment) { $1 })
    }

    /// Rows of an SQL query against the sandbox's database, through the sqlite3 command-line
    /// shell, so the test reads the file the way any other program would.
    func query(_ sql: String) throws -> [[String]] {
        let result = try runProcess("/usr/bin/env", ["sqlite3", "-readonly", "-separator", "\t", database, sql])
        guard result.status == 0 else { throw HarnessError("sqlite3 failed: \(result.stderr)") }
        return result.stdout.split(separator: "\n", omittingEmptySubsequences: true).map {
            $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        }
    }

    /// Moves everything logged `hours` back in time (sessions, sets, skips, check-ins, with the
    /// check-ins' local day recomputed), so the next launch is that much later: how the tests
    /// reach "a later day" or "12+ hours after a session" without waiting or faking the clock.
    func shiftLogBack(hours: Int) throws {
        let shift = "'-\(hours) hours'"
        let sql = """
            UPDATE session SET started_at = strftime('%Y-%m-%d %H:%M:%f', started_at, \(shift)),
                ended_at = strftime('%Y-%m-%d %H:%M:%f', ended_at, \(shift));
            UPDATE session_set SET completed_at = strftime('%Y-%m-%d %H:%M:%f', completed_at, \(shift));
            UPDATE skip SET at = strftime('%Y-%m-%d %H:%M:%f', at, \(shift));
            UPDATE check_in SET at = strftime('%Y-%m-%d %H:%M:%f', at, \(shift)),
                day = date(strftime('%Y-%m-%d %H:%M:%f', at, \(shift)), 'localtime');
            """
        let result = try runProcess("/usr/bin/env", ["sqlite3", database, sql])
        guard result.status == 0 else { throw HarnessError("sqlite3 failed: \(result.stderr)") }
    }

    func cleanUp() {
        try? FileManager.default.removeItem(at: home)
    }
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A real terminal for the real binary: a detached tmux session on a private server socket.
///
/// Tests type with `send` and read the screen with `screen()`; `waitFor` polls the pane
/// instead of sleeping fixed times, so the tests are as fast as the program allows.
final class TmuxSession {
    let socket: String
    let name = "limber"

    /// - Parameter afterExit: shell commands the pane runs once the program has ended, before the
    ///   exit line (e.g. `stty -a > FILE`, to see the terminal state the program left behind).
    init(width: Int = 80, height: Int = 24, command: [String], environment: [String: String],
         afterExit: String? = nil) throws {
        socket = "limber-e2e-\(UUID().uuidString.prefix(8))"
        var program = ""
        for arg in command { program += (program.isEmpty ? "" : " ") + Self.shellQuote(arg) }
        // The shell stays after the program ends, so its last screen and exit status can be read
        // (remain-on-exit set after the start would race a program that exits at once).
        // The shell catches Ctrl-C and Ctrl-\ the way an interactive one ignores them, so a key
        // that sends SIGINT or SIGQUIT to the terminal's foreground processes ends only the
        // program (a caught signal is back to its default in the program: exec resets it).
        let after = afterExit.map { "\($0); " } ?? ""
        // A killed program leaves the terminal raw (LF without CR) and the cursor anywhere: the
        // exit line starts with CR LF so it is never wrapped and is found whole.
        let shellCommand = "trap : INT QUIT; \(program); status=$?; \(after)printf '\\r\\n[limber exited with status %s]\\r\\n' \"$status\"; sleep 3600"
        var args = ["new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)"]
        for (key, value) in environment.sorted(by: { $0.key < $1.key }) { args += ["-e", "\(key)=\(value)"] }
        args += ["-e", "TERM=xterm-256color", shellCommand]
        let result = try tmux(args)
        guard result.status == 0 else { throw HarnessError("tmux new-session failed: \(result.stderr)") }
    }

    static func shellQuote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    @discardableResult
    private func tmux(_ args: [String]) throws -> CommandResult {
        try runProcess("/usr/bin/env", ["tmux", "-u", "-L", socket, "-f", "/dev/null"] + args)
    }

    /// Keys sent with `send` so far (a literal text counts one per character): what a person
    /// would have pressed.
    private(set) var keysSent = 0

    /// Sends tmux key names (`Enter`, `Space`, `q`, `C-c`) or literal text with `literal: true`.
    func send(_ keys: String..., literal: Bool = false) throws {
        keysSent += literal ? keys.reduce(0) { $0 + $1.count } : keys.count
        try tmux(["send-keys", "-t", name] + (literal ? ["-l"] : []) + keys)
    }

    /// The visible pane as lines of text.
    func screen() throws -> String {
        try tmux(["capture-pane", "-p", "-t", name]).stdout
    }

    /// Pastes `text` the way a terminal does when the person pastes: `paste-buffer -p` wraps it
    /// in the bracketed-paste markers (ESC [200~ … ESC [201~) when the program has turned that
    /// mode on, and sends it as plain typing otherwise.
    func paste(_ text: String) throws {
        try tmux(["set-buffer", "-b", "limber-paste", "--", text])
        try tmux(["paste-buffer", "-p", "-d", "-b", "limber-paste", "-t", name])
    }

    /// True when the pane's cursor is visible (tmux's cursor_flag).
    func cursorIsVisible() throws -> Bool {
        try tmux(["display-message", "-p", "-t", name, "#{cursor_flag}"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines) == "1"
    }

    /// Appends every byte the program writes to the pane from now on to `path` (tmux pipe-pane).
    func recordOutput(to path: String) throws {
        try tmux(["pipe-pane", "-t", name, "cat >> \(Self.shellQuote(path))"])
    }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", name, "-x", "\(width)", "-y", "\(height)"])
    }

    /// The program's process id (the child of the pane's shell), for sending signals.
    func programPID() throws -> Int32 {
        let shell = try tmux(["display-message", "-p", "-t", name, "#{pane_pid}"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let children = try runProcess("/usr/bin/env", ["pgrep", "-P", shell]).stdout
        guard let pid = children.split(separator: "\n").first.flatMap({ Int32($0) }) else {
            throw HarnessError("no program running under the pane's shell \(shell)")
        }
        return pid
    }

    /// Polls the screen until `text` appears and the screen has settled (the same on two
    /// captures in a row: a frame caught half drawn is not returned); fails with the last screen
    /// when it does not.
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 15, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let end = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < end {
            let current = try screen()
            if current.contains(text) && current == last { return current }
            last = current
            usleep(current.contains(text) ? 25_000 : 40_000)
        }
        Issue.record("timed out waiting for \"\(text)\"; screen was:\n\(last)", sourceLocation: sourceLocation)
        throw HarnessError("timed out waiting for \(text)")
    }

    /// The first run's welcome (Enter takes its first routine), the weekly plan (Enter keeps 3),
    /// then "hurt is not harm" (Enter) and the direction-of-relief question (`direction`: b, f or
    /// n), as a first `limber start` shows them.
    func passFirstRun(direction: String = "n", sourceLocation: SourceLocation = #_sourceLocation) throws {
        try waitFor("welcome", sourceLocation: sourceLocation)
        try send("Enter")
        try waitFor("your weekly plan", sourceLocation: sourceLocation)
        try send("Enter")
        try waitFor("hurt is not harm", sourceLocation: sourceLocation)
        try send("Enter")
        try waitFor("what eases your leg", sourceLocation: sourceLocation)
        try send(direction)
    }

    /// Polls until the program has exited; returns its exit status.
    ///
    /// A program killed with SIGKILL leaves the tty as it had it (no newline translation), so the
    /// shell's line may wrap anywhere: the pane is read with its line breaks taken out.
    @discardableResult
    func waitForExit(timeout: Double = 15, sourceLocation: SourceLocation = #_sourceLocation) throws -> Int {
        let end = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < end {
            last = try screen()
            let joined = last.replacingOccurrences(of: "\n", with: "")
            if let range = joined.range(of: #"\[limber exited with status *(\d+)\]"#, options: .regularExpression) {
                let digits = joined[range].filter(\.isNumber)
                return Int(String(digits)) ?? -1
            }
            usleep(40_000)
        }
        Issue.record("timed out waiting for the program to exit; screen was:\n\(last)", sourceLocation: sourceLocation)
        throw HarnessError("timed out waiting for the exit")
    }

    deinit {
        _ = try? tmux(["kill-server"])
    }
}
