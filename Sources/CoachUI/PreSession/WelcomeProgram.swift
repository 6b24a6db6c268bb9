import MonotonicTime
import CoachPolicy
import TUIKit
import SessionEngine

/// The first-run welcome: what limber is, that it is not medical advice, where the data lives,
/// and a choice of first routine (five-minute or gentle relief). ↑/↓ or a number picks, Enter
/// starts, q leaves.
public struct WelcomeProgram: InteractiveProgram {
    /// A routine offered as a first choice.
    public struct Choice: Sendable, Hashable {
        public var routineID: String
        public var name: String
        /// One line: when to use it.
        public var summary: String

        public init(routineID: String, name: String, summary: String) {
            self.routineID = routineID
            self.name = name
            self.summary = summary
        }
    }

    /// How the welcome ended.
    public enum Result: Sendable, Hashable {
        /// The person picked this routine.
        case chose(routineID: String)
        /// The person left with q (start nothing).
        case quit
    }

    /// Where the log lives, as shown (a path).
    public let dataLocation: String
    /// The routines offered, in order.
    public let choices: [Choice]
    /// The highlighted choice.
    public private(set) var selection = 0
    /// Set once the person picked or left.
    public private(set) var result: Result?
    /// "Hurt is not harm", open over the welcome after `a`.
    public private(set) var learning: PainEducationProgram?
    /// Spoken guidance (v toggles it): kept as the `voice` setting.
    public private(set) var voice: Bool

    /// A welcome showing `dataLocation` and offering `choices` (at least one), with spoken
    /// guidance offered (`voice` its current answer).
    public init(dataLocation: String, choices: [Choice], voice: Bool = false) {
        self.dataLocation = dataLocation
        self.choices = choices
        self.voice = voice
    }

    public var isFinished: Bool { result != nil }

    public func nextWake(after now: Instant) -> Instant? { nil }

    public mutating func handle(_ message: ProgramMessage) -> [ProgramCommand] {
        guard case .key(let key, _) = message, result == nil else { return [] }
        if var open = learning {
            _ = open.handle(message)
            learning = open.isFinished ? nil : open
            return []
        }
        switch key {
        case .character("a"): learning = PainEducationProgram()
        case .up, .left: selection = max(0, selection - 1)
        case .down, .right, .character("\t"): selection = max(0, min(choices.count - 1, selection + 1))
        case .enter:
            if choices.indices.contains(selection) { result = .chose(routineID: choices[selection].routineID) }
        case .character("v"), .character("V"):
            voice.toggle()
        default:
            if key.isQuit {
                result = .quit
            } else if let digit = key.digit, choices.indices.contains(digit - 1) {
                selection = digit - 1
            }
        }
        return []
    }

    public func render(size: Size, now: Instant) -> Grid {
        if let learning { return learning.render(size: size, now: now) }
        let frame = PreSessionFrame(title: "welcome", hints: [
            KeyHint("↑/↓", "choose", priority: 2), KeyHint("enter", "start", priority: 3), KeyHint("q", "quit", priority: 1),
            KeyHint("v", voice ? "voice off" : "voice on", priority: 1), KeyHint("a", "about pain", priority: 0),
        ])
        var (grid, body, roomy) = frame.render(size: size)
        var flow = TextFlow(body, gap: roomy ? 1 : 0)
        if roomy {
            flow.paragraph("Welcome to limber.", style: .accent, on: &grid)
            flow.paragraph("limber guides gentle stretches and core exercises for sciatica and low back pain. "
                           + "After every set it asks how much it hurts (0-10) and adapts, today and next time.", on: &grid)
            flow.paragraph("It is a self-management aid, not medical advice. If your symptoms change or worry you, see a clinician.",
                           style: Style(foreground: .caution), on: &grid)
            flow.paragraph("Your log stays on this computer: \(dataLocation)", style: .muted, on: &grid)
            flow.paragraph(choices.count == 1 ? "Your first routine:" : "Pick a first routine:", style: .bold, gap: 0, on: &grid)
        } else {
            flow.paragraph("Welcome to limber: a coach for sciatica and low back pain.", style: .accent, on: &grid)
            flow.paragraph("Not medical advice.", style: Style(foreground: .caution), on: &grid)
            flow.paragraph("Data: \(dataLocation)", style: .muted, on: &grid)
            flow.paragraph(choices.count == 1 ? "Your first routine:" : "Pick a first routine:", style: .bold, on: &grid)
        }
        let details = roomy ? choices.map(\.summary) : nil
        // The voice line sits at the bottom of the body, under the choices.
        let voiceLine = "v  [\(voice ? "x" : " ")] speak each step aloud (voice guidance)"
        var list = flow.area
        if list.height > choices.count + 1 {
            grid.write(voiceLine.truncated(toWidth: list.width), column: list.x, row: list.maxY - 1,
                       style: voice ? Style(foreground: .accent, bold: true) : .normal, clip: list)
            list = list.droppingBottom(roomy ? 2 : 1)
        }
        ChoiceList(items: choices.map(\.name), details: details, selection: selection).render(in: list, on: &grid)
        return grid
    }
}
