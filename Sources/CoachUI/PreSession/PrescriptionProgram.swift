import PlainText
import MonotonicTime
import CoachPolicy
import TUIKit
import ExerciseCatalog
import SessionEngine

/// The start screen: today's prescription, each exercise with its dose and, for every change from
/// the routine's default, the reason in plain words. Enter begins, q leaves, ↑/↓ scroll a long list.
/// With `autoStart` it begins by itself after a read, as an exercise intro does (the person may
/// already be on the mat): Enter begins at once, any other key (a scroll, too) keeps it on screen
/// until Enter, q still leaves.
public struct PrescriptionProgram: InteractiveProgram {
    /// How the screen ended.
    public enum Result: Sendable, Hashable {
        case begin
        case quit
    }

    /// What is shown.
    public let prescription: Prescription
    /// Lines scrolled off the top.
    public private(set) var offset = 0
    /// Set once the person began or left.
    public private(set) var result: Result?
    /// Another stage's routine that may suit better (issue 12), shown under the list; limber
    /// never switches by itself.
    public var suggestion: String?
    /// The widest the list is drawn.
    static let widestList = 76
    /// The automatic start, while it runs (nil: only Enter begins).
    public private(set) var autoStart: Countdown?

    /// The start screen for `prescription`; with `autoStart`, it begins by itself that long after
    /// `start`.
    public init(prescription: Prescription, autoStart: Duration? = nil, startingAt start: Instant = Instant(nanoseconds: 0)) {
        self.prescription = prescription
        self.autoStart = autoStart.map { Countdown(total: $0, startingAt: start) }
    }

    public var isFinished: Bool { result != nil }

    public func nextWake(after now: Instant) -> Instant? { autoStart?.nextWholeSecondBoundary(after: now) }

    public mutating func handle(_ message: ProgramMessage) -> [ProgramCommand] {
        guard result == nil else { return [] }
        if let deadline = autoStart?.deadline, message.now >= deadline {
            result = .begin
            return []
        }
        guard case .key(let key, _) = message else { return [] }
        if key != .enter { autoStart = nil }
        switch key {
        case .enter: result = .begin
        case .down, .character("j"): scroll(by: 1)
        case .up, .character("k"): scroll(by: -1)
        case .pageDown, .space: scroll(by: 8)
        case .pageUp: scroll(by: -8)
        case .home: offset = 0
        default:
            if key.isQuit { result = .quit }
        }
        return []
    }

    /// Moves the list, no further than the smallest supported terminal (40x12: 38 columns, 9 rows
    /// of list) needs; a larger screen clamps further when it draws. Unbounded, ↓ pressed on a
    /// list that fits left ↑ dead for as many presses.
    private mutating func scroll(by rows: Int) {
        // The compact frame insets the body by one column on each side.
        let limit = max(0, lines(width: Size.smallestSupported.width - 2).count - 9)
        offset = min(max(0, offset + rows), limit)
    }

    /// The body's lines at `width`, before scrolling: the flare notice, then each exercise with its
    /// dose, and under each changed one its reason.
    public func lines(width: Int) -> [(text: String, style: Style)] {
        var lines: [(String, Style)] = []
        if let flare = prescription.flare {
            for line in WrappedText.wrap("A flare today: \(flare.reason). Nothing steps up today.", width: width) {
                lines.append((line, Style(foreground: .caution, bold: true)))
            }
            lines.append(("", .normal))
        }
        for (index, entry) in prescription.exercises.enumerated() {
            let planned = entry.planned
            let number = "\(index + 1). "
            let dose = planned.exercise.doseText(planned.dose)
            let marker: String
            switch entry.change {
            case .progressed: marker = " ↑"
            case .steppedBack: marker = " ↓"
            default: marker = ""
            }
            let left = number + planned.exercise.name + marker
            let gap = max(1, width - left.displayWidth - dose.displayWidth)
            let text = left.displayWidth + 1 + dose.displayWidth <= width
                ? left + String(repeating: " ", count: gap) + dose
                : (left + " " + dose).truncated(toWidth: width)
            lines.append((text, .normal))
            if let note = planned.prescriptionNote ?? heldNote(entry) {
                let indent = String(repeating: " ", count: number.count)
                for line in WrappedText.wrap(note, width: max(1, width - indent.count)) {
                    let style = entry.change == .steppedBack ? Style(foreground: .caution) : entry.change == .progressed ? Style(foreground: .good) : Style.muted
                    lines.append((indent + line, style))
                }
            }
        }
        if let suggestion {
            lines.append(("", .normal))
            for line in WrappedText.wrap(suggestion, width: width) { lines.append((line, Style(foreground: .accent, bold: true))) }
        }
        return lines
    }

    /// The reason an exercise stays at its dose although its last sets were rated 0-3 (an
    /// unfinished set, sessions too close together, a spread elsewhere, ...): the person would
    /// otherwise expect a step up and not see why. Holds for a rating of 4 or more, and a first
    /// easy session, need no line: the rating itself says it.
    func heldNote(_ entry: ExercisePrescription) -> String? {
        let unexpected: Set<ProgressionPolicy.Rule> = [.unfinished, .skippedPartway, .spreadElsewhere, .notEasyElsewhere, .afterFlare, .tooClose]
        guard entry.change == .held, let rule = entry.rule, unexpected.contains(rule) else { return nil }
        return entry.reason
    }

    public func render(size: Size, now: Instant) -> Grid {
        let frame = PreSessionFrame(title: prescription.plan.routineName.lowercased(), note: "today", hints: [
            KeyHint("enter", "begin", priority: 3), KeyHint("↑/↓", "scroll", priority: 1), KeyHint("q", "quit", priority: 2),
        ])
        var (grid, body, roomy) = frame.render(size: size)
        if let autoStart, body.height > 4 {
            // The automatic start, on the body's last row (as on an exercise intro).
            let start = "Starts in \(autoStart.displaySeconds(at: now)) s · enter now"
            let line = start + " · any other key waits"
            grid.write(line.displayWidth <= body.width ? line : start.truncated(toWidth: body.width), column: body.x, row: body.maxY - 1,
                       style: Style(foreground: .accent, bold: true), clip: body)
            body = body.droppingBottom(roomy ? 2 : 1)
        }
        var flow = TextFlow(body, gap: roomy ? 1 : 0)
        flow.line(roomy ? "Today's prescription" : "Today", style: .bold, on: &grid)
        if roomy { flow.skip(1) }
        // At most 76 columns (as at 80x24): on a wide terminal a dose 100 columns from its
        // exercise's name is hard to pair up from the mat.
        let all = lines(width: min(flow.area.width, PrescriptionProgram.widestList))
        let visible = flow.area.height
        let start = min(offset, max(0, all.count - visible))
        for (row, line) in all.dropFirst(start).prefix(visible).enumerated() {
            var text = line.text
            if row == visible - 1, start + visible < all.count { text = text.truncated(toWidth: max(0, flow.area.width - 2), ellipsis: "") + " …" }
            Label(text, style: line.style).render(in: flow.area.row(row), on: &grid)
        }
        return grid
    }
}
