import CoachUI
import Foundation
import MonotonicTime
import SessionEngine
import Terminal
import TUIKit

/// `limber timer SECONDS`: a one-off big countdown (a stretch outside a routine), through the
/// session's terminal, clock, hold view and cues. Nothing is logged.
public struct TimerFlow {
    public var seconds: Int
    public var label: String?
    public var voice: Bool?
    public var quiet: Bool
    public var noColor: Bool

    public init(seconds: Int, label: String?, voice: Bool?, quiet: Bool, noColor: Bool) {
        self.seconds = seconds
        self.label = label
        self.voice = voice
        self.quiet = quiet
        self.noColor = noColor
    }

    /// Longest timer: 24 hours.
    public static let maximumSeconds = 86_400

    /// Runs to zero (true) or until q (false).
    public func run() throws -> Bool {
        guard NCursesTerminal.isInteractive() else {
            throw CommandError("limber timer needs an interactive terminal: run it in a terminal window")
        }
        try TerminalSupport.checkTerminalType()
        let environment = ProcessInfo.processInfo.environment
        let settings = try CommandError.wrapping { try SettingsFile.location(environment: environment).load() }
        let timeScale = try StartFlow.timeScale(environment["LIMBER_TIME_SCALE"])
        let (cues, notice) = CoachCues.make(settings: settings, quiet: quiet, voice: voice, environment: environment)
        if let notice { printToStderr(notice) }
        let clock = ScaledClock(base: SystemMonotonicClock(), factor: timeScale)
        let terminal = try TerminalSupport.open(noColor: noColor, environment: environment)
        defer {
            cues?.finish()
            terminal.restore()
        }
        var program = TimerProgram(seconds: seconds, label: label, cuePlayer: cues, startingAt: clock.now())
        TUIKit.RunLoop(terminal: terminal, clock: clock).run(&program)
        return program.reachedZero
    }
}
