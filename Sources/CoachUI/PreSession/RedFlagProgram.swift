import MonotonicTime
import CoachPolicy
import TUIKit
import SessionEngine

/// The daily safety check before the first session of a day: one screen lists the emergency and
/// same-day signs of CLINICAL.md and asks "is any of these new since yesterday?". n (none) ends it
/// with one key; y asks each item in turn (y/n), so the answer says which.
///
/// A "yes" to an emergency item ends the questions at once and shows a clear screen: seek
/// emergency care now (911 / 999 / 112 or an emergency department) and what to tell them. A
/// same-day item shows: no exercise today, call your doctor or urgent care today. Either way the
/// session must not start.
public struct RedFlagProgram: InteractiveProgram {
    /// What is on screen.
    public enum Stage: Sendable, Hashable {
        /// The list: "is any of these new since yesterday?" (n none, y yes).
        case list
        /// Asking item `index` of `flags` (after a y on the list).
        case asking(index: Int)
        /// The emergency screen (Enter or q closes it).
        case emergency
        /// The same-day screen (Enter or q closes it).
        case sameDay
        /// Done; read `result`.
        case done
    }

    /// How the check ended, for the caller.
    public enum Result: Sendable, Hashable {
        /// Nothing is new.
        case clear
        /// An emergency item was yes: the session must not start.
        case emergency
        /// A same-day item was yes: no exercise today.
        case sameDay
        /// The person left with q before answering (nothing to log).
        case cancelled
    }

    /// The items, in order.
    public let flags: [RedFlag]
    /// The answers so far, by flag id (true = yes). After n on the list, every item is no.
    public private(set) var answers: [String: Bool] = [:]
    public private(set) var stage: Stage
    /// Set once the check is over.
    public private(set) var result: Result?

    /// A check over `flags` (the daily list of CLINICAL.md by default).
    public init(flags: [RedFlag] = RedFlags.daily) {
        self.flags = flags
        self.stage = flags.isEmpty ? .done : .list
        if flags.isEmpty { result = .clear }
    }

    /// The ids answered yes.
    public var yes: Set<String> { Set(answers.filter(\.value).map(\.key)) }

    /// What the answers add up to (over the items answered so far).
    public var outcome: RedFlags.Outcome { RedFlags.outcome(yes: yes, flags: flags) }

    public var isFinished: Bool { stage == .done }

    public func nextWake(after now: Instant) -> Instant? { nil }

    public mutating func handle(_ message: ProgramMessage) -> [ProgramCommand] {
        guard case .key(let key, _) = message else { return [] }
        switch stage {
        case .list:
            if key.isNo {
                for flag in flags { answers[flag.id] = false }
                finish(.clear)
            } else if key.isYes {
                stage = .asking(index: 0)
            } else if key.isQuit {
                finish(.cancelled)
            }
        case .asking(let index):
            if key.isYes || key.isNo {
                let flag = flags[index]
                answers[flag.id] = key.isYes
                if key.isYes && flag.severity == .emergency {
                    stage = .emergency
                } else if index + 1 < flags.count {
                    stage = .asking(index: index + 1)
                } else if outcome == .sameDay {
                    stage = .sameDay
                } else {
                    finish(.clear)
                }
            } else if key == .backspace || key == .character("b") || key == .left {
                stage = index > 0 ? .asking(index: index - 1) : .list
            } else if key.isQuit {
                finish(.cancelled)
            }
        case .emergency:
            if key == .enter || key.isQuit { finish(.emergency) }
        case .sameDay:
            if key == .enter || key.isQuit { finish(.sameDay) }
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
        case .list: return renderList(size: size)
        case .asking(let index): return renderQuestion(index, size: size)
        case .emergency: return RedFlagScreens.emergency(yes: yes, flags: flags, size: size)
        case .sameDay: return RedFlagScreens.sameDay(yes: yes, flags: flags, size: size)
        case .done:
            switch result {
            case .emergency?: return RedFlagScreens.emergency(yes: yes, flags: flags, size: size)
            case .sameDay?: return RedFlagScreens.sameDay(yes: yes, flags: flags, size: size)
            default: return renderList(size: size)
            }
        }
    }

    private func renderList(size: Size) -> Grid {
        let frame = PreSessionFrame(title: "safety check", note: "daily", hints: [
            KeyHint("n", "none is new", priority: 3), KeyHint("y", "yes, one is", priority: 3), KeyHint("q", "quit", priority: 2),
        ])
        var (grid, body, roomy) = frame.render(size: size)
        var flow = TextFlow(body, gap: roomy ? 1 : 0)
        if roomy {
            flow.paragraph("Is any of these new since yesterday?", style: .bold, gap: 1, on: &grid)
            flow.list(flags.map(\.listText), marker: .bullet("•"), style: .accent, on: &grid)
            flow.line("n none is new · y yes, one is", style: .muted, on: &grid)
        } else {
            flow.paragraph("New since yesterday?", style: .bold, on: &grid)
            flow.paragraph(flags.map(\.shortText).joined(separator: "; ") + ".", style: .accent, on: &grid)
            flow.line("n none · y yes", style: .muted, on: &grid)
        }
        return grid
    }

    private func renderQuestion(_ index: Int, size: Size) -> Grid {
        let frame = PreSessionFrame(title: "safety check", note: "item \(index + 1) of \(flags.count)", hints: [
            KeyHint("y", "yes", priority: 3), KeyHint("n", "no", priority: 3), KeyHint("b", "back", priority: 1),
            KeyHint("q", "quit", priority: 2),
        ])
        var (grid, body, roomy) = frame.render(size: size)
        var flow = TextFlow(body, gap: roomy ? 1 : 0)
        flow.paragraph(roomy ? "Which is new since yesterday?" : "New since yesterday?", style: .bold, gap: 1, on: &grid)
        flow.paragraph(flags[index].question, style: .accent, gap: 1, on: &grid)
        flow.line("y yes · n no", style: .muted, on: &grid)
        return grid
    }
}

/// The screens that stop a day: emergency care now, or same-day assessment. Shared by the daily
/// check and by a later launch that finds such an answer on record.
public enum RedFlagScreens {
    /// Seek emergency care now, and what to tell them.
    public static func emergency(yes: Set<String>, flags: [RedFlag] = RedFlags.all, size: Size,
                                 hints: [KeyHint] = [KeyHint("enter", "close", priority: 3)], extra: [String] = []) -> Grid {
        let frame = PreSessionFrame(title: "safety check", hints: hints)
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
        for line in extra { flow.paragraph(line, style: .accent, on: &grid) }
        return grid
    }

    /// Same-day assessment: no exercise today; call a doctor or urgent care today.
    public static func sameDay(yes: Set<String>, flags: [RedFlag] = RedFlags.all, size: Size,
                               hints: [KeyHint] = [KeyHint("enter", "close", priority: 3)], extra: [String] = []) -> Grid {
        let frame = PreSessionFrame(title: "safety check", hints: hints)
        var (grid, body, roomy) = frame.render(size: size)
        var flow = TextFlow(body, gap: roomy ? 1 : 0)
        flow.paragraph("GET SEEN TODAY · NO EXERCISE TODAY", style: Style(foreground: .caution, bold: true), on: &grid)
        let items = flags.filter { yes.contains($0.id) && $0.severity == .sameDay }
        if roomy {
            flow.paragraph(RedFlags.sameDayAdvice[0], style: .bold, on: &grid)
            flow.paragraph("You said this is new:", gap: 0, on: &grid)
            flow.list(items.map(\.listText), marker: .bullet("•"), style: .bold, on: &grid)
            flow.paragraph(RedFlags.sameDayAdvice[1], style: .muted, on: &grid)
        } else {
            flow.paragraph("Call your doctor or urgent care today.", style: .bold, on: &grid)
            flow.paragraph("New: " + items.map(\.shortText).joined(separator: "; ") + ".", on: &grid)
        }
        for line in extra { flow.paragraph(line, style: .accent, on: &grid) }
        return grid
    }
}

/// The red-flag history check (at setup, every four weeks, or `limber check history`): one y/n
/// question at a time; a yes leads to a notice (see a clinician soon; gentle routines only until a
/// clinician has assessed it), Enter closes it.
public struct HistoryCheckProgram: InteractiveProgram {
    public enum Stage: Sendable, Hashable {
        case asking(index: Int)
        /// The see-a-clinician notice.
        case notice
        case done
    }

    public enum Result: Sendable, Hashable {
        case clear
        case seeClinician
        case cancelled
    }

    public let flags: [RedFlag]
    public private(set) var answers: [String: Bool] = [:]
    public private(set) var stage: Stage
    public private(set) var result: Result?

    public init(flags: [RedFlag] = RedFlags.history) {
        self.flags = flags
        self.stage = flags.isEmpty ? .done : .asking(index: 0)
        if flags.isEmpty { result = .clear }
    }

    public var yes: Set<String> { Set(answers.filter(\.value).map(\.key)) }
    public var outcome: RedFlags.Outcome { RedFlags.outcome(yes: yes, flags: flags) }
    public var isFinished: Bool { stage == .done }
    public func nextWake(after now: Instant) -> Instant? { nil }

    public mutating func handle(_ message: ProgramMessage) -> [ProgramCommand] {
        guard case .key(let key, _) = message else { return [] }
        switch stage {
        case .asking(let index):
            if key.isYes || key.isNo {
                answers[flags[index].id] = key.isYes
                if index + 1 < flags.count {
                    stage = .asking(index: index + 1)
                } else if yes.isEmpty {
                    finish(.clear)
                } else {
                    stage = .notice
                }
            } else if key == .backspace || key == .character("b") || key == .left {
                if index > 0 { stage = .asking(index: index - 1) }
            } else if key.isQuit {
                finish(.cancelled)
            }
        case .notice:
            if key == .enter || key.isQuit || key.isYes { finish(.seeClinician) }
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
        case .asking(let index):
            let frame = PreSessionFrame(title: "health history", note: "question \(index + 1) of \(flags.count)", hints: [
                KeyHint("y", "yes", priority: 3), KeyHint("n", "no", priority: 3), KeyHint("b", "back", priority: 1),
                KeyHint("q", "quit", priority: 2),
            ])
            var (grid, body, roomy) = frame.render(size: size)
            var flow = TextFlow(body, gap: roomy ? 1 : 0)
            if roomy {
                flow.paragraph("A few questions about your health history (asked every \(RedFlags.historyIntervalDays) days).", style: .bold, gap: 1, on: &grid)
            }
            flow.paragraph(flags[index].question, style: .accent, gap: 1, on: &grid)
            flow.line("y yes · n no", style: .muted, on: &grid)
            return grid
        case .notice, .done:
            let frame = PreSessionFrame(title: "health history", hints: [KeyHint("enter", "continue", priority: 3)])
            var (grid, body, roomy) = frame.render(size: size)
            var flow = TextFlow(body, gap: roomy ? 1 : 0)
            flow.paragraph("Please see a clinician soon", style: Style(foreground: .caution, bold: true), on: &grid)
            if roomy {
                flow.paragraph(RedFlags.seeClinicianAdvice[0], on: &grid)
                flow.list(flags.filter { yes.contains($0.id) }.map(\.listText), marker: .bullet("•"), style: .muted, on: &grid)
                flow.paragraph(RedFlags.seeClinicianAdvice[1], on: &grid)
            } else {
                flow.paragraph("See a doctor or physiotherapist in the next few days. Gentle routines only until then.", on: &grid)
            }
            return grid
        }
    }
}

/// An emergency or same-day answer given earlier today, shown again at a later launch: the same
/// advice, and "have you been assessed by a clinician since?" (a yes, assessed; n or q no: the
/// day stays without exercise).
public struct OnRecordProgram: InteractiveProgram {
    public enum Answer: Sendable, Hashable { case assessed, notAssessed }

    public let outcome: RedFlags.Outcome
    public let yes: Set<String>
    /// When it was answered ("1 Mar 07:15").
    public let at: String
    public private(set) var answer: Answer?

    public init(outcome: RedFlags.Outcome, yes: Set<String>, at: String) {
        self.outcome = outcome
        self.yes = yes
        self.at = at
    }

    public var isFinished: Bool { answer != nil }
    public func nextWake(after now: Instant) -> Instant? { nil }

    public mutating func handle(_ message: ProgramMessage) -> [ProgramCommand] {
        guard case .key(let key, _) = message, answer == nil else { return [] }
        if key == .character("a") || key == .character("A") {
            answer = .assessed
        } else if key.isNo || key.isQuit || key == .enter {
            answer = .notAssessed
        }
        return []
    }

    public func render(size: Size, now: Instant) -> Grid {
        let hints = [KeyHint("a", "assessed since", priority: 3), KeyHint("n", "not yet", priority: 3)]
        let extra = size.height >= PreSessionFrame.roomyHeight
            ? ["Earlier today (\(at)) you answered yes. Have you been assessed by a clinician since? a yes · n not yet"]
            : ["Earlier today (\(at)). Assessed since? a yes · n no"]
        if outcome == .emergency {
            return RedFlagScreens.emergency(yes: yes, size: size, hints: hints, extra: extra)
        }
        return RedFlagScreens.sameDay(yes: yes, size: size, hints: hints, extra: extra)
    }
}
