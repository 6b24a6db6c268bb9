import CoachPolicy
import CoachUI
import ExerciseCatalog
import Foundation
import MonotonicTime
import SessionLog
import Terminal
import TUIKit

/// The direction-of-relief question (issue 12): which movements ease the leg symptoms. Asked once
/// by `limber start` (until answered) and again whenever the person runs `limber check direction`;
/// the answer is a `direction` check-in, and flare days and the picker then offer the matching
/// relief routine.
public enum ReliefDirectionFlow {
    /// The question as a one-key screen: b, f, n answer; q leaves without an answer.
    static func question() -> QuestionProgram {
        QuestionProgram(
            title: "what eases your leg",
            paragraphs: [
                "Think of the last few days. Which movements ease the pain in your leg, or move it up toward your back?",
                "b: bending back (lying face down, leaning back while standing). f: bending forward (knees to chest, sitting bent over). n: neither, or not sure.",
                "Not sure is a fine answer: limber then keeps to the neutral routines. You can answer again with `limber check direction`.",
            ],
            answers: [
                // Short labels, so all four fit the 40-column footer; the paragraphs say the rest.
                .init(key: "b", label: "back"), .init(key: "f", label: "forward"),
                .init(key: "n", label: "unsure"), .init(key: "q", label: "later"),
            ])
    }

    /// The answer a key gives; nil for "later".
    static func direction(forKey key: Character?) -> ReliefDirection? {
        switch key {
        case "b": return .extension
        case "f": return .flexion
        case "n": return .neutral
        default: return nil
        }
    }

    /// Asks on `terminal` and logs the answer; nil when the person chose "later".
    static func ask(terminal: any TerminalBackend, clock: any MonotonicClock, store: SessionStore, now: Date = Date()) throws -> ReliefDirection? {
        var program = question()
        TUIKit.RunLoop(terminal: terminal, clock: clock).run(&program)
        guard let direction = direction(forKey: program.answer?.key) else { return nil }
        try store.recordReliefDirection(direction, at: now)
        return direction
    }

    /// What `limber check direction` prints after the answer.
    static func summary(_ direction: ReliefDirection?, catalog: Catalog) -> String {
        guard let direction else { return "Not answered; nothing was logged." }
        let routine = StagePolicy.reliefRoutine(for: direction, catalog: catalog)?.name ?? "the gentle routine"
        switch direction {
        case .extension, .flexion:
            return "Saved: \(direction.plainText) eases your leg. On flare days limber suggests \(routine)."
        case .neutral:
            return "Saved: not sure. limber keeps to the neutral routines (\(routine) on flare days)."
        }
    }

    /// `limber check direction`: the question in the terminal, then one line.
    public static func runCommand(dataDir: String?, catalogOption: String?, noColor: Bool) throws {
        guard NCursesTerminal.isInteractive() else {
            throw CommandError("limber check direction needs an interactive terminal: run it in a terminal window")
        }
        let environment = ProcessInfo.processInfo.environment
        try TerminalSupport.checkTerminalType()
        let catalog = CatalogSupport.load(catalogOption: catalogOption)
        let folder = DataLocation.resolve(option: dataDir, environment: environment)
        try DataLocation.ensureFolder(folder)
        let store = try SessionStore(folder: folder)
        let terminal = try TerminalSupport.open(noColor: noColor, environment: environment)
        let answer: ReliefDirection?
        do {
            answer = try ask(terminal: terminal, clock: SystemMonotonicClock(), store: store)
        } catch {
            terminal.restore()
            throw error
        }
        terminal.restore()
        print(summary(answer, catalog: catalog))
    }
}
