import PlainText
import MonotonicTime
import CoachPolicy
import TUIKit
import SessionEngine

// The weekly outcome measures (CLINICAL.md, "Review and outcomes"), one screen each: the PEG's
// three questions, then the person's own activities (PSFS). Each answer is one key, as for the
// pain prompt (0-9, t = 10; ←/→ then Enter also work), `s` skips the whole screen for this week
// (a skip is logged by the caller and counts as this week's offer), `b` goes back one question,
// q leaves limber as on every other screen before a session.

/// How an outcome screen ended.
public enum OutcomeAnswer<Value: Sendable & Equatable>: Sendable, Equatable {
    /// Every question answered.
    case answered(Value)
    /// Skipped for this week with `s`.
    case skipped
    /// Left with q (nothing to log).
    case quit
}

/// One answer of 0-10 typed the way the pain prompt takes it: a digit answers at once, t is 10,
/// ←/→ (+/-) move a highlighted value that Enter confirms.
struct OutcomeEntry: Sendable, Equatable {
    var selection: Int?

    /// The value answered by `key`, if it answers; moves the highlight for arrow keys.
    mutating func answer(for key: Key) -> Int? {
        if let step = key.painStep {
            selection = min(10, max(0, (selection ?? (step > 0 ? -1 : 11)) + step))
            return nil
        }
        if let digit = key.digit { return digit }
        if key == .character(PainPrompt.tenKey) || key == .character(Character(PainPrompt.tenKey.uppercased())) { return PainPrompt.maximum }
        if key == .enter { return selection }
        return nil
    }
}

/// 0 … 10 on one row with the chosen value bracketed, and what the two ends mean under it.
/// Neutral colours: these are not pain zones of the session's pain scale.
struct OutcomeScale: Widget, Sendable {
    var selection: Int?
    var low: String
    var high: String

    /// The numbers, and one or two rows saying what 0 and 10 mean.
    static func height(width: Int, low: String, high: String) -> Int {
        "0 = \(low) · 10 = \(high)".displayWidth <= width ? 2 : 3
    }

    func render(in area: Rect, on grid: inout Grid) {
        guard !area.isEmpty else { return }
        let cell = area.width >= 44 ? 4 : 3
        let left = area.x + max(0, (area.width - 11 * cell) / 2)
        for value in 0...10 {
            let chosen = value == selection
            let text = chosen ? "[\(value)]" : (value == 10 ? "10" : " \(value)")
            grid.write(text, column: left + value * cell, row: area.y, style: chosen ? Style.accent.reversed() : .normal, clip: area)
        }
        let legend = "0 = \(low) · 10 = \(high)"
        if legend.displayWidth <= area.width {
            grid.write(legend, column: area.x + (area.width - legend.displayWidth) / 2, row: area.y + 1, style: .muted, clip: area)
        } else {
            grid.write("0 = \(low)".truncated(toWidth: area.width), column: area.x, row: area.y + 1, style: .muted, clip: area)
            grid.write("10 = \(high)".truncated(toWidth: area.width), column: area.x, row: area.y + 2, style: .muted, clip: area)
        }
    }
}

/// The PEG: three 0-10 questions about the past week, on one screen, one after the other.
public struct PEGProgram: InteractiveProgram {
    /// The question on screen (0-2).
    public private(set) var index = 0
    private var answers: [Int] = []
    private var entry = OutcomeEntry()
    /// Set once the screen is done.
    public private(set) var result: OutcomeAnswer<PEGAnswers>?
    /// The header's title ("weekly: PEG").
    public let title: String

    /// The three questions, the first on screen.
    public init(title: String = "weekly: PEG") {
        self.title = title
    }

    public var isFinished: Bool { result != nil }
    public func nextWake(after now: Instant) -> Instant? { nil }

    public mutating func handle(_ message: ProgramMessage) -> [ProgramCommand] {
        guard case .key(let key, _) = message, !isFinished else { return [] }
        if let value = entry.answer(for: key) {
            answers.append(value)
            entry = OutcomeEntry()
            if answers.count == PEGAnswers.questions.count {
                result = .answered(PEGAnswers(pain: answers[0], enjoyment: answers[1], activity: answers[2]))
            } else {
                index += 1
            }
            return []
        }
        switch key {
        case .character("s"), .character("S"): result = .skipped
        case .character("b"), .backspace:
            if let last = answers.popLast() {
                index -= 1
                entry = OutcomeEntry(selection: last)
            }
        default:
            if key.isQuit { result = .quit }
        }
        return []
    }

    public func render(size: Size, now: Instant) -> Grid {
        let frame = PreSessionFrame(title: title, note: "\(index + 1) of \(PEGAnswers.questions.count)", hints: [
            KeyHint("0-9/\(PainPrompt.tenKey)", "answer", priority: 3), KeyHint("s", "skip this week", priority: 3),
            KeyHint("b", "back", priority: 0), KeyHint("←/→", "move", priority: 0), KeyHint("q", "quit", priority: 1),
        ])
        var (grid, body, roomy) = frame.render(size: size)
        var flow = TextFlow(body, gap: roomy ? 1 : 0)
        if roomy {
            flow.paragraph("Once a week, three questions about the past 7 days (the PEG scale).", style: .muted, on: &grid)
        }
        let question = PEGAnswers.questions[index]
        flow.paragraph(question.text, style: .accent, gap: 1, on: &grid)
        let height = OutcomeScale.height(width: flow.area.width, low: question.low, high: question.high)
        OutcomeScale(selection: entry.selection, low: question.low, high: question.high).render(in: flow.area.top(height), on: &grid)
        flow.skip(height + (roomy ? 1 : 0))
        if roomy, !answers.isEmpty {
            flow.line("So far: " + answers.map(String.init).joined(separator: ", "), style: .muted, on: &grid)
        }
        return grid
    }
}

/// The Patient-Specific Functional Scale: the person's 3-5 activities, each rated 0 (unable) to
/// 10 (as before the problem). With no activities named yet, the screen first asks for them:
/// `n` or Enter starts naming, and so does starting to type a name (the examples on the screen begin
/// with "sit" and "put": a letter must never skip the week or fall through to the pain questions);
/// Enter adds a name; Enter on an empty line finishes once there are 3; Esc skips this week.
public struct PSFSProgram: InteractiveProgram {
    /// What is on screen.
    public enum Stage: Sendable, Equatable {
        /// No activities yet: "n name them · esc skip".
        case offerNaming
        /// Typing activity names.
        case naming
        /// Rating activity `index`.
        case rating(index: Int)
    }

    public private(set) var stage: Stage
    /// The activities rated (named before, or just now).
    public private(set) var activities: [String]
    /// True when the activities were named on this screen (the caller stores them).
    public private(set) var namedHere = false
    /// The name being typed.
    public private(set) var typing = ""
    /// Why the last name was not taken, shown under the field.
    public private(set) var problem: String?
    private var ratings: [Int] = []
    private var entry = OutcomeEntry()
    public private(set) var result: OutcomeAnswer<[PSFSRating]>?
    public let title: String

    /// The scale for `activities` (empty: ask for them first).
    public init(activities: [String], title: String = "weekly: activities") {
        self.activities = activities
        self.title = title
        stage = activities.isEmpty ? .offerNaming : .rating(index: 0)
    }

    public var isFinished: Bool { result != nil }
    public func nextWake(after now: Instant) -> Instant? { nil }

    public mutating func handle(_ message: ProgramMessage) -> [ProgramCommand] {
        guard case .key(let key, _) = message, !isFinished else { return [] }
        switch stage {
        case .offerNaming:
            switch key {
            case .character("n"), .character("N"), .enter: stage = .naming
            case .escape: result = .skipped
            case .character("q"), .character("Q"): result = .quit
            case .character:
                stage = .naming
                handleNaming(key)
            default: if key.isQuit { result = .quit }
            }
        case .naming:
            handleNaming(key)
        case .rating(let index):
            if let value = entry.answer(for: key) {
                ratings.append(value)
                entry = OutcomeEntry()
                if ratings.count == activities.count {
                    result = .answered(zip(activities, ratings).map { PSFSRating(activity: $0, rating: $1) })
                } else {
                    stage = .rating(index: index + 1)
                }
                return []
            }
            switch key {
            case .character("s"), .character("S"): result = .skipped
            case .character("b"), .backspace:
                if let last = ratings.popLast() {
                    stage = .rating(index: index - 1)
                    entry = OutcomeEntry(selection: last)
                }
            default: if key.isQuit { result = .quit }
            }
        }
        return []
    }

    private mutating func handleNaming(_ key: Key) {
        switch key {
        case .escape:
            result = .skipped
        case .backspace:
            if !typing.isEmpty { typing.removeLast() } else if let last = activities.popLast() { typing = last }
            problem = nil
        case .enter:
            let name = typing.trimmingCharacters(in: .whitespaces)
            if name.isEmpty {
                if activities.count >= OutcomeChange.psfsActivities.lowerBound {
                    namedHere = true
                    stage = .rating(index: 0)
                } else {
                    problem = "Name at least \(OutcomeChange.psfsActivities.lowerBound) activities."
                }
                return
            }
            if let why = OutcomeChange.problem(withActivityName: name) {
                problem = why
            } else if activities.contains(where: { $0.lowercased() == name.lowercased() }) {
                problem = "\"\(name)\" is on the list already."
            } else {
                activities.append(name)
                typing = ""
                problem = nil
                if activities.count == OutcomeChange.psfsActivities.upperBound {
                    namedHere = true
                    stage = .rating(index: 0)
                }
            }
        case .space:
            if typing.count < OutcomeChange.psfsNameLength { typing.append(" ") }
        case .character(let c):
            if typing.count < OutcomeChange.psfsNameLength, !c.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                typing.append(c)
            }
        default:
            break
        }
    }

    public func render(size: Size, now: Instant) -> Grid {
        switch stage {
        case .offerNaming: return renderOffer(size: size)
        case .naming: return renderNaming(size: size)
        case .rating(let index): return renderRating(index: index, size: size)
        }
    }

    private func renderOffer(size: Size) -> Grid {
        let frame = PreSessionFrame(title: title, hints: [
            KeyHint("n", "name them", priority: 3), KeyHint("esc", "skip this week", priority: 3), KeyHint("q", "quit", priority: 1),
        ])
        var (grid, body, roomy) = frame.render(size: size)
        var flow = TextFlow(body, gap: roomy ? 1 : 0)
        flow.paragraph("Which everyday activities are hard because of your back or leg?", style: .accent, gap: 1, on: &grid)
        flow.paragraph("Name \(OutcomeChange.psfsActivities.lowerBound) to \(OutcomeChange.psfsActivities.upperBound), for example \"sit for an hour\" or \"put on socks\". Each week you rate them 0 (unable) to 10 (as before).", on: &grid)
        if roomy {
            flow.paragraph("You name them once; `limber check outcomes --activity ...` changes them later.", style: .muted, on: &grid)
        }
        return grid
    }

    private func renderNaming(size: Size) -> Grid {
        let frame = PreSessionFrame(title: title, note: "\(activities.count) named", hints: [
            KeyHint("enter", activities.count >= OutcomeChange.psfsActivities.lowerBound ? "add · empty: done" : "add", priority: 3),
            KeyHint("esc", "skip this week", priority: 2),
        ])
        var (grid, body, roomy) = frame.render(size: size)
        var flow = TextFlow(body, gap: 0)
        flow.paragraph("Type an activity, then Enter (\(OutcomeChange.psfsActivities.lowerBound)-\(OutcomeChange.psfsActivities.upperBound)):", style: .accent, gap: roomy ? 1 : 0, on: &grid)
        for (number, name) in activities.enumerated() {
            flow.line("  \(number + 1)  \(name)", on: &grid)
        }
        flow.line("› " + typing + "▏", style: .bold, on: &grid)
        if let problem {
            flow.paragraph(problem, style: .accent, on: &grid)
        } else if activities.count >= OutcomeChange.psfsActivities.lowerBound {
            flow.paragraph("Enter on an empty line when the list is complete.", style: .muted, on: &grid)
        }
        return grid
    }

    private func renderRating(index: Int, size: Size) -> Grid {
        let frame = PreSessionFrame(title: title, note: "\(index + 1) of \(activities.count)", hints: [
            KeyHint("0-9/\(PainPrompt.tenKey)", "answer", priority: 3), KeyHint("s", "skip this week", priority: 3),
            KeyHint("b", "back", priority: 0), KeyHint("←/→", "move", priority: 0), KeyHint("q", "quit", priority: 1),
        ])
        var (grid, body, roomy) = frame.render(size: size)
        var flow = TextFlow(body, gap: roomy ? 1 : 0)
        if roomy {
            flow.paragraph("How well can you do this today, because of your back or leg?", style: .muted, on: &grid)
        }
        flow.paragraph(activities[index], style: .accent, gap: 1, on: &grid)
        let low = "unable", high = "as before"
        let height = OutcomeScale.height(width: flow.area.width, low: low, high: high)
        OutcomeScale(selection: entry.selection, low: low, high: high).render(in: flow.area.top(height), on: &grid)
        flow.skip(height + (roomy ? 1 : 0))
        if roomy, !ratings.isEmpty {
            flow.line("So far: " + ratings.map(String.init).joined(separator: ", "), style: .muted, on: &grid)
        }
        return grid
    }
}
