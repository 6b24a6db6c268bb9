import CoachPolicy
import CoachUI
import Foundation
import MonotonicTime
import SessionLog
import Terminal
import TUIKit

/// The weekly outcome measures: the PEG screen, then the PSFS screen (naming the activities the
/// first time), logged as one check-in. Offered before the first session of each calendar week
/// (``PreSession``) and by `limber check outcomes` (``OutcomeFlow/run()``).
public struct OutcomeFlow {
    public var dataDir: String?
    public var noColor: Bool
    /// `--activity` given: name (or rename) the PSFS activities to these without asking anything.
    public var activities: [String]

    public init(dataDir: String?, noColor: Bool, activities: [String] = []) {
        self.dataDir = dataDir
        self.noColor = noColor
        self.activities = activities
    }

    /// `limber check outcomes`: both screens now (any day, also twice a week), or with
    /// `--activity` the new activity list alone; prints one line at the end.
    public func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let folder = DataLocation.resolve(option: dataDir, environment: environment)
        if !activities.isEmpty {
            try DataLocation.ensureFolder(folder)
            let store = try SessionStore(folder: folder)
            try CommandError.wrapping { try store.setPSFSActivities(activities) }
            print("Your activities for the weekly check: \(try store.psfsActivities().joined(separator: "; ")). Earlier ratings keep their words.")
            return
        }
        guard NCursesTerminal.isInteractive() else {
            throw CommandError("limber check outcomes needs an interactive terminal: run it in a terminal window (`--activity NAME` names your activities without one)")
        }
        try TerminalSupport.checkTerminalType()
        try DataLocation.ensureFolder(folder)
        let store = try SessionStore(folder: folder)
        let terminal = try TerminalSupport.open(noColor: noColor, environment: environment)
        var line = "No answers logged."
        defer {
            terminal.restore()
            print(line)
        }
        line = try Self.ask(terminal: terminal, clock: SystemMonotonicClock(), store: store) ?? line
    }

    /// PEG then PSFS; logs one check-in (a skip of both is logged too: it is this week's offer)
    /// and activities named on the PSFS screen. Returns the line to print, or nil when the person
    /// quit with q (nothing logged).
    static func ask(terminal: any TerminalBackend, clock: any MonotonicClock, store: SessionStore, now: Date = Date(),
                    titles: (peg: String, psfs: String) = ("weekly: PEG", "weekly: activities")) throws -> String? {
        let loop = TUIKit.RunLoop(terminal: terminal, clock: clock)
        var peg = PEGProgram(title: titles.peg)
        loop.run(&peg)
        var answers: PEGAnswers?
        switch peg.result {
        case .answered(let value)?: answers = value
        case .skipped?: break
        case .quit?, nil: return nil
        }
        // Stored the moment it is answered: a window closed on the next screen keeps it.
        let pegCheckIn = try answers.map { try store.logOutcomeCheckIn(OutcomeCheckIn(takenAt: now, peg: $0, psfs: [])) }
        var psfs = PSFSProgram(activities: try store.psfsActivities(), title: titles.psfs)
        loop.run(&psfs)
        var ratings: [PSFSRating] = []
        switch psfs.result {
        case .answered(let value)?: ratings = value
        case .skipped?: break
        case .quit?, nil:
            // The PEG was answered: kept (the activities screen counts as skipped).
            guard answers != nil else { return nil }
        }
        if psfs.namedHere { try store.setPSFSActivities(psfs.activities, at: now) }
        let checkIn = OutcomeCheckIn(takenAt: now, peg: answers, psfs: ratings)
        if let pegCheckIn {
            if !ratings.isEmpty { try store.addPSFSRatings(ratings, toCheckIn: pegCheckIn) }
        } else {
            try store.logOutcomeCheckIn(checkIn)
        }
        return Self.summary(checkIn)
    }

    /// "Weekly check logged: PEG 5.3, activities 4.7." (or "skipped for this week").
    static func summary(_ checkIn: OutcomeCheckIn) -> String {
        var parts: [String] = []
        if let peg = checkIn.peg { parts.append("PEG \(OutcomeFormat.score(peg.score))") }
        if let psfs = checkIn.psfsScore { parts.append("activities \(OutcomeFormat.score(psfs))") }
        if parts.isEmpty { return "Weekly check skipped for this week (limber asks again next week; `limber check outcomes` any time)." }
        return "Weekly check logged: " + parts.joined(separator: ", ") + "."
    }
}
