import MonotonicTime
import CoachPolicy
import TUIKit
import SessionEngine

/// The next-day response (the pain-monitoring model's 24-hour check), asked at the first launch
/// 12+ hours after a session: "Since your last session, your pain has settled: back to usual /
/// worse than before the last session". 1/2 (or u/w) answer at once; ↑/↓ and Enter work too;
/// q leaves without an answer.
public struct SinceLastProgram: InteractiveProgram {
    /// The answers, in the order shown.
    public static let answers: [SinceLastAnswer] = [.same, .worse]

    /// The highlighted answer.
    public private(set) var selection = 0
    /// The answer, once given.
    public private(set) var answer: SinceLastAnswer?
    /// True when the person left with q.
    public private(set) var cancelled = false

    /// The question, with "about the same" highlighted.
    public init() {}

    public var isFinished: Bool { answer != nil || cancelled }

    public func nextWake(after now: Instant) -> Instant? { nil }

    public mutating func handle(_ message: ProgramMessage) -> [ProgramCommand] {
        guard case .key(let key, _) = message, !isFinished else { return [] }
        switch key {
        case .up, .left: selection = max(0, selection - 1)
        case .down, .right: selection = min(Self.answers.count - 1, selection + 1)
        case .enter: answer = Self.answers[selection]
        case .character("u"), .character("U"): answer = .same
        case .character("w"), .character("W"): answer = .worse
        default:
            if key.isQuit {
                cancelled = true
            } else if let digit = key.digit, (1...Self.answers.count).contains(digit) {
                selection = digit - 1
                answer = Self.answers[selection]
            }
        }
        return []
    }

    public func render(size: Size, now: Instant) -> Grid {
        let frame = PreSessionFrame(title: "since last time", hints: [
            KeyHint("1-2", "answer", priority: 3), KeyHint("↑/↓", "choose", priority: 1),
            KeyHint("enter", "confirm", priority: 2), KeyHint("q", "quit", priority: 1),
        ])
        var (grid, body, roomy) = frame.render(size: size)
        var flow = TextFlow(body, gap: roomy ? 1 : 0)
        flow.paragraph("Since your last session, how has your pain settled?", style: .accent, gap: 1, on: &grid)
        ChoiceList(items: Self.answers.map(\.plainText), selection: selection).render(in: flow.area.top(Self.answers.count), on: &grid)
        flow.skip(Self.answers.count + 1)
        if roomy {
            flow.paragraph("Worse means a flare: today's exercises step back one step, and nothing steps up.", style: .muted, on: &grid)
        }
        return grid
    }
}

/// Leg pain and back pain, 0-10 each, one after the other: before a session and after it.
/// (Centralisation shows as leg pain falling even when back pain rises.) The value is typed the
/// way the session's pain prompt takes it (`PainPrompt`: digits, "1" then "0" makes 10, ←/→
/// move it), Enter confirms, b goes back, q leaves.
public struct BodyPainProgram: InteractiveProgram {
    /// Which question is on screen.
    public enum Part: Int, Sendable, Hashable, CaseIterable {
        case leg
        case back

        /// "How much does your leg hurt right now?"
        public var question: String {
            switch self {
            case .leg: return "Leg pain right now (sciatica: buttock, thigh, calf, foot), 0-10?"
            case .back: return "Back pain right now, 0-10?"
            }
        }
    }

    /// "before the session" or "after the session": shown in the header.
    public let moment: String
    public private(set) var part: Part = .leg
    /// The value being chosen for the current part, with the session's key rules.
    private var entry = PainPrompt()
    /// The value being chosen for the current part.
    public var selection: Int? { entry.selection }
    /// Confirmed leg pain.
    public private(set) var legPain: Int?
    /// Confirmed back pain.
    public private(set) var backPain: Int?
    /// True when the person left with q.
    public private(set) var cancelled = false

    /// The two questions, headed with `moment` ("before the session").
    public init(moment: String) {
        self.moment = moment
    }

    /// Both values, once both are confirmed.
    public var result: (leg: Int, back: Int)? {
        guard let legPain, let backPain else { return nil }
        return (legPain, backPain)
    }

    public var isFinished: Bool { result != nil || cancelled }

    public func nextWake(after now: Instant) -> Instant? { nil }

    public mutating func handle(_ message: ProgramMessage) -> [ProgramCommand] {
        guard case .key(let key, _) = message, !isFinished else { return [] }
        if let step = key.painStep {
            entry.adjust(by: step, startingValue: 0)
            return []
        }
        // One key answers (0-9, t for 10), as after a set; arrows then Enter still work.
        var answer: Int?
        if let digit = key.digit { answer = digit }
        if key == .character(PainPrompt.tenKey) { answer = PainPrompt.maximum }
        if key == .enter { answer = selection }
        switch key {
        case _ where answer != nil:
            guard let value = answer else { break }
            switch part {
            case .leg:
                legPain = value
                part = .back
                entry = PainPrompt()
            case .back:
                backPain = value
            }
        case .backspace, .character("b"):
            if part == .back {
                part = .leg
                entry = PainPrompt()
                entry.set(legPain)
                legPain = nil
            }
        default:
            if key.isQuit { cancelled = true }
        }
        return []
    }

    public func render(size: Size, now: Instant) -> Grid {
        let frame = PreSessionFrame(title: "pain " + moment, note: part == .leg ? "1 of 2" : "2 of 2", hints: [
            KeyHint("0-9/\(PainPrompt.tenKey)", "pain", priority: 3),
            KeyHint("←/→", "move", priority: 1), KeyHint("enter", "confirm", priority: 2), KeyHint("b", "back", priority: 0),
            KeyHint("q", "quit", priority: 2),
        ])
        var (grid, body, roomy) = frame.render(size: size)
        var flow = TextFlow(body, gap: roomy ? 1 : 0)
        if roomy, part == .back, let legPain {
            flow.paragraph("Leg pain: \(legPain)", style: .muted, on: &grid)
        }
        flow.paragraph(part.question, style: .accent, gap: 1, on: &grid)
        PainScale(selection: selection).render(in: flow.area.top(PainScale.height), on: &grid)
        flow.skip(PainScale.height + 1)
        flow.line(PainScale.hint(selection: selection), style: .muted, on: &grid)
        return grid
    }
}

/// "How far down your leg does the pain reach right now?": back only / buttock / thigh / below the
/// knee / foot, one key (1-5), before and after a session. Moving up is centralisation (good);
/// moving down is peripheralisation. q leaves without an answer.
public struct PainReachProgram: InteractiveProgram {
    /// "before the session" or "after the session".
    public let moment: String
    /// The answer before the session, shown after it for comparison.
    public let before: PainReach?
    public private(set) var answer: PainReach?
    public private(set) var cancelled = false

    public init(moment: String, before: PainReach? = nil) {
        self.moment = moment
        self.before = before
    }

    public var isFinished: Bool { answer != nil || cancelled }
    public func nextWake(after now: Instant) -> Instant? { nil }

    public mutating func handle(_ message: ProgramMessage) -> [ProgramCommand] {
        guard case .key(let key, _) = message, !isFinished else { return [] }
        if let digit = key.digit, (1...PainReach.allCases.count).contains(digit) {
            answer = PainReach.allCases[digit - 1]
        } else if key.isQuit {
            cancelled = true
        }
        return []
    }

    public func render(size: Size, now: Instant) -> Grid {
        let frame = PreSessionFrame(title: "where the pain reaches", note: moment, hints: [
            KeyHint("1-5", "answer", priority: 3), KeyHint("q", "quit", priority: 1),
        ])
        var (grid, body, roomy) = frame.render(size: size)
        var flow = TextFlow(body, gap: roomy ? 1 : 0)
        flow.paragraph("How far down your leg does the pain reach right now?", style: .accent, gap: 1, on: &grid)
        for reach in PainReach.allCases {
            flow.line("  \(reach.key)  \(reach.plainText)", style: reach == before ? .bold : .normal, on: &grid)
        }
        if roomy {
            flow.skip(1)
            let note = before.map { "Before the session: \($0.plainText). " } ?? ""
            flow.paragraph(note + "Pain moving up toward the back is a good sign (centralisation).", style: .muted, on: &grid)
        }
        return grid
    }
}
