import MonotonicTime
import CoachPolicy
import TUIKit
import SessionEngine

/// The safety check before the first session of a day: the red flags of CLINICAL.md, one y/n
/// question at a time (emergency items first).
///
/// A "yes" to an emergency item ends the questions at once and shows a clear screen: seek
/// emergency care now (911 / 999 / 112 or an emergency department) and what to tell them; the
/// session must not start. "See a clinician soon" items lead, after the last question, to a
/// notice; the person may go on with the gentle routine after confirming with y.
public struct RedFlagProgram: InteractiveProgram {
    /// What is on screen.
    public enum Stage: Sendable, Hashable {
        /// Asking question `index` of `flags`.
        case asking(index: Int)
        /// The emergency screen (Enter or q closes it).
        case emergency
        /// The see-a-clinician notice (y continues gently, n stops).
        case seeClinician
        /// Done; read `result`.
        case done
    }

    /// How the check ended, for the caller.
    public enum Result: Sendable, Hashable {
        /// Every answer was no.
        case clear
        /// An emergency item was yes: the session must not start.
        case emergency
        /// A see-a-clinician item was yes; `continueGently` is the person's choice.
        case seeClinician(continueGently: Bool)
        /// The person left with q before answering everything (nothing to log as an outcome).
        case cancelled
    }

    /// The questions, in order.
    public let flags: [RedFlag]
    /// The answers so far, by flag id (true = yes).
    public private(set) var answers: [String: Bool] = [:]
    public private(set) var stage: Stage
    /// Set once the check is over.
    public private(set) var result: Result?

    /// A check over `flags` (the CLINICAL.md list by default).
    public init(flags: [RedFlag] = RedFlags.all) {
        self.flags = flags
        self.stage = flags.isEmpty ? .done : .asking(index: 0)
        if flags.isEmpty { result = .clear }
    }

    /// The ids answered yes.
    public var yes: Set<String> { Set(answers.filter(\.value).map(\.key)) }

    /// What the answers add up to (over the questions answered so far).
    public var outcome: RedFlags.Outcome { RedFlags.outcome(yes: yes, flags: flags) }

    public var isFinished: Bool { stage == .done }

    public func nextWake(after now: Instant) -> Instant? { nil }

    public mutating func handle(_ message: ProgramMessage) -> [ProgramCommand] {
        guard case .key(let key, _) = message else { return [] }
        switch stage {
        case .asking(let index):
            if key.isYes || key.isNo {
                let flag = flags[index]
                answers[flag.id] = key.isYes
                if key.isYes && flag.severity == .emergency {
                    stage = .emergency
                } else if index + 1 < flags.count {
                    stage = .asking(index: index + 1)
                } else if outcome == .seeClinician {
                    stage = .seeClinician
                } else {
                    finish(.clear)
                }
            } else if key == .backspace || key == .character("b") || key == .left {
                if index > 0 { stage = .asking(index: index - 1) }
            } else if key.isQuit {
                finish(.cancelled)
            }
        case .emergency:
            if key == .enter || key.isQuit { finish(.emergency) }
        case .seeClinician:
            if key.isYes || key == .enter {
                finish(.seeClinician(continueGently: true))
            } else if key.isNo || key.isQuit {
                finish(.seeClinician(continueGently: false))
            }
        case .done:
            break
        }
        return []
    }

    private mutating func finish(_ result: Result) {
        self.result = result
        stage = .done
    }

    public func render(size: Size, now: Instant) -> Grid {
        switch stage {
        case .asking(let index): return renderQuestion(index, size: size)
        case .emergency: return renderEmergency(size: size)
        case .seeClinician: return renderSeeClinician(size: size)
        case .done: return result == .emergency ? renderEmergency(size: size) : renderSeeClinician(size: size)
        }
    }

    private func renderQuestion(_ index: Int, size: Size) -> Grid {
        let frame = PreSessionFrame(title: "safety check", note: "question \(index + 1) of \(flags.count)", hints: [
            KeyHint("y", "yes", priority: 3), KeyHint("n", "no", priority: 3), KeyHint("b", "back", priority: 1),
            KeyHint("q", "quit", priority: 2),
        ])
        var (grid, body, roomy) = frame.render(size: size)
        var flow = TextFlow(body, gap: roomy ? 1 : 0)
        flow.paragraph(roomy ? "Before today's first session, a quick safety check. Is this new?" : "Safety check. Is this new?",
                       style: .bold, gap: 1, on: &grid)
        flow.paragraph(flags[index].question, style: .accent, gap: 1, on: &grid)
        flow.line("y yes · n no", style: .muted, on: &grid)
        return grid
    }

    private func renderEmergency(size: Size) -> Grid {
        let frame = PreSessionFrame(title: "safety check", hints: [KeyHint("enter", "close", priority: 3)])
        var (grid, body, roomy) = frame.render(size: size)
        let danger = Style(foreground: .danger, bold: true)
        var flow = TextFlow(body, gap: roomy ? 1 : 0)
        flow.paragraph("SEEK EMERGENCY CARE NOW", style: danger, on: &grid)
        if roomy {
            for line in RedFlags.emergencyAdvice { flow.paragraph(line, style: line == RedFlags.emergencyAdvice.first ? .bold : .normal, on: &grid) }
            let tell = RedFlags.whatToTell(yes: yes, flags: flags)
            flow.paragraph(tell[0], gap: 0, on: &grid)
            flow.list(Array(tell.dropFirst().dropLast()), marker: .bullet("•"), style: .bold, on: &grid)
            flow.paragraph(tell.last ?? "", style: .muted, on: &grid)
        } else {
            flow.paragraph("Call 911 / 999 / 112 or go to an emergency department.", style: .bold, on: &grid)
            let told = RedFlags.whatToTell(yes: yes, flags: flags).dropFirst().dropLast()
            flow.paragraph("Tell them it is new: " + told.joined(separator: "; ") + ".", on: &grid)
            flow.paragraph("No session today.", style: .muted, on: &grid)
        }
        return grid
    }

    private func renderSeeClinician(size: Size) -> Grid {
        let frame = PreSessionFrame(title: "safety check", hints: [
            KeyHint("y", "gentle routine", priority: 3), KeyHint("n", "not today", priority: 3),
        ])
        var (grid, body, roomy) = frame.render(size: size)
        var flow = TextFlow(body, gap: roomy ? 1 : 0)
        flow.paragraph("Please see a clinician soon", style: Style(foreground: .caution, bold: true), on: &grid)
        if roomy {
            flow.paragraph(RedFlags.seeClinicianAdvice[0], on: &grid)
            let items = flags.filter { yes.contains($0.id) }.map(\.question)
            flow.list(items, marker: .bullet("•"), style: .muted, on: &grid)
            flow.paragraph(RedFlags.seeClinicianAdvice[1], on: &grid)
        } else {
            flow.paragraph("See a doctor or physiotherapist in the next few days.", on: &grid)
            flow.paragraph("You may do the gentle routine today.", on: &grid)
        }
        flow.line(roomy ? "Do the gentle routine today? y yes · n no" : "Gentle routine today? y yes · n no", style: .accent, on: &grid)
        return grid
    }
}
