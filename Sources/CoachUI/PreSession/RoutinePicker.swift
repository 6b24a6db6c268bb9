import PlainText
import MonotonicTime
import CoachPolicy
import TUIKit
import ExerciseCatalog
import SessionEngine

/// One routine as the picker lists it.
public struct RoutineChoice: Sendable, Hashable {
    public var id: String
    public var name: String
    /// "~8 min".
    public var duration: String
    /// When to use it, one line.
    public var summary: String
    /// How many exercises it has.
    public var exerciseCount: Int

    public init(id: String, name: String, duration: String, summary: String, exerciseCount: Int) {
        self.id = id
        self.name = name
        self.duration = duration
        self.summary = summary
        self.exerciseCount = exerciseCount
    }
}

/// `limber` without a routine: a list of routines, shortest first, arrows or j/k to move, Enter to
/// start, q to leave. The routine done last time is preselected (marked "last time"), so Enter
/// alone starts it again; without one, the first row (the bad-day minimum).
public struct RoutinePickerProgram: InteractiveProgram {
    public let choices: [RoutineChoice]
    /// The routine of the last session in the log, when it is still in the catalog.
    public let lastRoutineID: String?
    /// The highlighted row.
    public private(set) var selected = 0
    /// The routine picked with Enter; nil when the person left with q.
    public private(set) var picked: RoutineChoice?
    private var done = false

    /// "2 of 3 this week": days with a session this week against the weekly plan, in the header.
    public let weekLine: String?

    public init(choices: [RoutineChoice], lastRoutineID: String? = nil, weekLine: String? = nil) {
        self.choices = choices
        self.weekLine = weekLine
        let last = lastRoutineID.flatMap { id in choices.firstIndex { $0.id == id } }
        self.lastRoutineID = last.map { choices[$0].id }
        self.selected = last ?? 0
    }

    public var isFinished: Bool { done }

    public func nextWake(after now: Instant) -> Instant? { nil }

    public mutating func handle(_ message: ProgramMessage) -> [ProgramCommand] {
        guard case .key(let key, _) = message else { return [] }
        switch key {
        case .up, .character("k"): selected = max(0, selected - 1)
        case .down, .character("j"): selected = min(choices.count - 1, selected + 1)
        case .home: selected = 0
        case .end: selected = max(0, choices.count - 1)
        case .enter:
            if choices.indices.contains(selected) { picked = choices[selected] }
            done = true
        case .character("q"), .escape:
            done = true
        case .character(let character):
            // 1-9 picks by number.
            if let number = character.wholeNumberValue, number >= 1, number <= choices.count {
                selected = number - 1
                picked = choices[selected]
                done = true
            }
        default:
            break
        }
        return []
    }

    public func render(size: Size, now: Instant) -> Grid {
        let frame = PreSessionFrame(title: "pick a routine", note: weekLine ?? "", hints: [
            KeyHint("↑/↓", "choose", priority: 2), KeyHint("enter", "start", priority: 3),
            KeyHint("1-9", "start by number", priority: 0), KeyHint("q", "quit", priority: 1),
        ])
        var (grid, body, roomy) = frame.render(size: size)
        guard !choices.isEmpty else {
            WrappedText("No routines found. Check the catalog with `limber catalog check`.").render(in: body, on: &grid)
            return grid
        }
        let rowsPerChoice = roomy ? 3 : 1
        let visible = max(1, body.height / rowsPerChoice)
        let first = min(max(0, selected - visible + 1), max(0, choices.count - visible))
        for (offset, choice) in choices.enumerated().dropFirst(first).prefix(visible) {
            let row = body.y + (offset - first) * rowsPerChoice
            let isSelected = offset == selected
            let marker = isSelected ? "▶ " : "  "
            let title = "\(offset + 1). \(choice.name)" + (choice.id == lastRoutineID ? " (last time)" : "")
            // Narrow terminals keep the name readable and drop the exercise count.
            let right = body.width < 60 ? choice.duration : "\(choice.duration) · \(choice.exerciseCount) exercises"
            let style: Style = isSelected ? Style(foreground: .accent, bold: true, reverse: true) : .bold
            let line = Rect(x: body.x, y: row, width: body.width, height: 1)
            let titleWidth = max(0, body.width - right.displayWidth - 1)
            grid.write((marker + title).truncated(toWidth: titleWidth).padded(toWidth: titleWidth), column: body.x,
                       row: row, style: style, clip: line)
            grid.write(right, column: max(body.x, body.maxX - right.displayWidth), row: row, style: .muted, clip: line)
            if roomy {
                grid.write("   " + choice.summary.truncated(toWidth: max(0, body.width - 3)), column: body.x,
                           row: row + 1, style: .normal, clip: Rect(x: body.x, y: row + 1, width: body.width, height: 1))
            }
        }
        return grid
    }
}

/// A question with a few one-key answers ("Resume it? r resume · n new session · q quit"),
/// for the moments before a session starts.
public struct QuestionProgram: InteractiveProgram {
    /// One answer: the key that gives it and its label.
    public struct Answer: Sendable, Hashable {
        public var key: Character
        public var label: String
        public init(key: Character, label: String) {
            self.key = key
            self.label = label
        }
    }

    public let title: String
    public let paragraphs: [String]
    public let answers: [Answer]
    /// The answer given; nil while waiting (Esc gives the last answer, the way out).
    public private(set) var answer: Answer?

    public init(title: String, paragraphs: [String], answers: [Answer]) {
        self.title = title
        self.paragraphs = paragraphs
        self.answers = answers
    }

    public var isFinished: Bool { answer != nil }

    public func nextWake(after now: Instant) -> Instant? { nil }

    public mutating func handle(_ message: ProgramMessage) -> [ProgramCommand] {
        guard case .key(let key, _) = message else { return [] }
        switch key {
        case .character(let character):
            let lowered = Character(character.lowercased())
            answer = answers.first { $0.key == lowered }
        case .escape:
            answer = answers.last
        default:
            break
        }
        return []
    }

    public func render(size: Size, now: Instant) -> Grid {
        let frame = PreSessionFrame(title: title, hints: answers.map { KeyHint(String($0.key), $0.label, priority: 1) })
        var (grid, body, roomy) = frame.render(size: size)
        WrappedText(paragraphs, paragraphSpacing: roomy ? 1 : 0).render(in: body, on: &grid)
        return grid
    }
}
