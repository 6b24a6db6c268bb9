import CoachPolicy
import CoachUI
import Foundation
import MonotonicTime
import SessionLog
import Terminal
import TUIKit

/// `limber check history`: the red-flag history check now (it is also asked at setup and every
/// four weeks), logged; after a yes, whether a clinician has assessed it (logged with its date).
public struct HistoryCheckFlow {
    public var dataDir: String?
    public var noColor: Bool

    public init(dataDir: String?, noColor: Bool) {
        self.dataDir = dataDir
        self.noColor = noColor
    }

    public func run() throws {
        guard NCursesTerminal.isInteractive() else {
            throw CommandError("limber check history needs an interactive terminal: run it in a terminal window")
        }
        try TerminalSupport.checkTerminalType()
        let environment = ProcessInfo.processInfo.environment
        let folder = DataLocation.resolve(option: dataDir, environment: environment)
        try DataLocation.ensureFolder(folder)
        let store = try SessionStore(folder: folder)
        let terminal = try TerminalSupport.open(noColor: noColor, environment: environment)
        var outcome = "No answers logged."
        defer {
            terminal.restore()
            print(outcome)
        }
        outcome = try Self.ask(terminal: terminal, clock: SystemMonotonicClock(), store: store)
    }

    /// The questions, then (after a yes) "assessed?"; returns the line to print.
    static func ask(terminal: any TerminalBackend, clock: any MonotonicClock, store: SessionStore,
                    now: Date = Date(), zone: LocalZone = .system) throws -> String {
        let loop = TUIKit.RunLoop(terminal: terminal, clock: clock)
        let today = LogDates.day(of: now, in: zone)
        var program = HistoryCheckProgram()
        loop.run(&program)
        guard let result = program.result, result != .cancelled else { return "No answers logged." }
        let id = try store.appendCheckIn(CheckInRow(
            at: now, day: today, kind: .historyCheck, answersJSON: PreSession.answersJSON(program.answers),
            outcome: program.outcome.rawValue))
        guard result == .seeClinician else { return "Health history logged: nothing to follow up. Next check in \(RedFlags.historyIntervalDays) days." }
        var question = PreSession.assessedQuestion(yes: program.yes, on: today)
        loop.run(&question)
        if question.answer?.key == "a" {
            _ = try store.appendCheckIn(CheckInRow(
                at: now.addingTimeInterval(0.001), day: today, kind: .clinicianAssessed,
                answersJSON: #"{"about":"history","check_in":\#(id)}"#, outcome: today))
            return "Health history logged, with your confirmation that a clinician has assessed it (\(today))."
        }
        return "Health history logged. Please see a clinician soon; until then limber offers only the gentle routine."
    }
}
