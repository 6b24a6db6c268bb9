import CoachUI
import Foundation
import MonotonicTime
import SessionLog
import Terminal
import TUIKit

/// `limber review`: the review screens over the log, read-only.
public struct ReviewFlow {
    public var dataDir: String?
    public var noColor: Bool

    public init(dataDir: String?, noColor: Bool) {
        self.dataDir = dataDir
        self.noColor = noColor
    }

    /// Checks the terminal, opens the log for reading (none yet is fine) and runs the screens.
    public func run() throws {
        guard NCursesTerminal.isInteractive() else {
            throw CommandError("limber review needs a terminal; for plain text use `limber history` (or `limber history --json`)")
        }
        try TerminalSupport.checkTerminalType()
        let folder = DataLocation.resolve(option: dataDir, environment: ProcessInfo.processInfo.environment)
        let store = try SessionStore.open(forReadingIn: folder)
        let environment = ProcessInfo.processInfo.environment
        let settings = try CommandError.wrapping { try SettingsFile.location(environment: environment).load() }
        let terminal = try TerminalSupport.open(noColor: noColor)
        defer { terminal.restore() }
        ReviewFlow.browse(store, in: terminal, weeklyTarget: settings.weeklyTarget)
    }

    /// Runs the review screens over `store` (nil: no log yet) until the person quits.
    /// - Parameter weeklyTarget: the plan the adherence view measures against (`weekly_target`).
    static func browse(_ store: SessionStore?, in terminal: any TerminalBackend, weeklyTarget: Int = Settings().weeklyTarget) {
        let source = LogReviewSource(store: store)
        var program = ReviewProgram(source: source, today: source.day(of: Date()), size: terminal.size, weeklyTarget: weeklyTarget)
        RunLoop(terminal: terminal, clock: SystemMonotonicClock()).run(&program)
    }
}
