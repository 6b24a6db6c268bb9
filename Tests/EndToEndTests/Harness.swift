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
@discardableResult
func runProcess(_ executable: String, _ arguments: [String], environment: [String: String] = [:], input: String? = nil) throws -> CommandResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    let inputPipe = Pipe()
    process.standardInput = inputPipe
    try process.run()
    if let input { inputPipe.fileHandleForWriting.write(Data(input.utf8)) }
    try? inputPipe.fileHandleForWriting.close()
    // Read both pipes before waiting so a large output cannot fill a pipe and block the child.
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CommandResult(
        status: process.terminationStatus,
        stdout: String(decoding: outData, as: UTF8.self),
        stderr: String(decoding: errData, as: UTF8.self))
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

    init(width: Int = 80, height: Int = 24, command: [String], environment: [String: String]) throws {
        socket = "limber-e2e-\(UUID().uuidString.prefix(8))"
        var shellCommand = "exec"
        for arg in command { shellCommand += " " + Self.shellQuote(arg) }
        var args = ["new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)"]
        for (key, value) in environment.sorted(by: { $0.key < $1.key }) { args += ["-e", "\(key)=\(value)"] }
        args += ["-e", "TERM=xterm-256color", shellCommand]
        let result = try tmux(args)
        guard result.status == 0 else { throw HarnessError("tmux new-session failed: \(result.stderr)") }
        // Keep the pane after the program exits so the last screen can still be read.
        try tmux(["set-option", "-t", name, "remain-on-exit", "on"])
    }

    static func shellQuote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    @discardableResult
    private func tmux(_ args: [String]) throws -> CommandResult {
        try runProcess("/usr/bin/env", ["tmux", "-u", "-L", socket, "-f", "/dev/null"] + args)
    }

    /// Sends tmux key names (`Enter`, `Space`, `q`, `C-c`) or literal text with `literal: true`.
    func send(_ keys: String..., literal: Bool = false) throws {
        try tmux(["send-keys", "-t", name] + (literal ? ["-l"] : []) + keys)
    }

    /// The visible pane as lines of text.
    func screen() throws -> String {
        try tmux(["capture-pane", "-p", "-t", name]).stdout
    }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", name, "-x", "\(width)", "-y", "\(height)"])
    }

    /// Whether the program in the pane has exited.
    func paneIsDead() throws -> Bool {
        try tmux(["display-message", "-p", "-t", name, "#{pane_dead}"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "1"
    }

    /// The pane's process id (for sending signals).
    func panePID() throws -> Int32 {
        Int32(try tmux(["display-message", "-p", "-t", name, "#{pane_pid}"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    /// Polls the screen until `text` appears; fails with the last screen when it does not.
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 15, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let end = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < end {
            last = try screen()
            if last.contains(text) { return last }
            usleep(40_000)
        }
        Issue.record("timed out waiting for \"\(text)\"; screen was:\n\(last)", sourceLocation: sourceLocation)
        throw HarnessError("timed out waiting for \(text)")
    }

    /// Polls until the program has exited.
    func waitForExit(timeout: Double = 15) throws {
        let end = Date().addingTimeInterval(timeout)
        while Date() < end {
            if try paneIsDead() { return }
            usleep(40_000)
        }
        throw HarnessError("program did not exit; screen:\n\(try screen())")
    }

    deinit {
        _ = try? tmux(["kill-server"])
    }
}
