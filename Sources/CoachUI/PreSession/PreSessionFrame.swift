import PlainText
import MonotonicTime
import CoachPolicy
import TUIKit
/// The frame shared by the screens before and after a session (welcome, safety check, since-last
/// question, leg/back pain, today's prescription): "limber · title" with a note on the right, a
/// rule, the body, a rule and the key footer. Under 18 rows the rules and blank rows go, the
/// same way `SessionScreen` shrinks.
public struct PreSessionFrame: Sendable {
    /// Left of the header, after "limber · ".
    public var title: String
    /// Right of the header ("question 2 of 11").
    public var note: String
    /// The keys for the footer.
    public var hints: [KeyHint]

    /// A frame.
    public init(title: String, note: String = "", hints: [KeyHint]) {
        self.title = title
        self.note = note
        self.hints = hints
    }

    /// Terminals shorter than this get the compact layout (no rules, fewer blank rows).
    public static let roomyHeight = 18

    /// Draws the frame on a grid of `size` and returns it with the body area (inset by two
    /// columns when roomy, one when compact) and whether the layout is roomy.
    public func render(size: Size) -> (grid: Grid, body: Rect, roomy: Bool) {
        var grid = Grid(size: size)
        let roomy = size.height >= PreSessionFrame.roomyHeight
        var rows = PreSessionFrame.drawChrome(title: title, note: note, hints: hints, roomy: roomy, on: &grid)
        if roomy { rows = rows.droppingTop(1) }
        return (grid, rows.inset(horizontal: roomy ? 2 : 1), roomy)
    }

    /// The chrome shared with `SessionScreen`: the header ("limber · title", `note` on the right),
    /// the key footer on the last row, and (roomy) a rule under the header and over the footer.
    /// Returns the rows between them.
    static func drawChrome(
        title: String, note: String, noteStyle: Style = .muted, hints: [KeyHint], roomy: Bool, on grid: inout Grid
    ) -> Rect {
        var rows = grid.bounds
        let header = rows.top(1)
        let shownNote = note.truncated(toWidth: header.width)
        let noteWidth = shownNote.displayWidth
        grid.write(("limber · " + title).truncated(toWidth: max(0, header.width - noteWidth - 1)),
                   column: header.x, row: header.y, style: .bold, clip: header)
        grid.write(shownNote, column: max(header.x, header.maxX - noteWidth), row: header.y, style: noteStyle, clip: header)
        rows = rows.droppingTop(1)
        if roomy {
            Rule().render(in: rows.top(1), on: &grid)
            rows = rows.droppingTop(1)
        }
        KeyFooter(hints).render(in: rows.bottom(1), on: &grid)
        rows = rows.droppingBottom(1)
        if roomy {
            Rule().render(in: rows.bottom(1), on: &grid)
            rows = rows.droppingBottom(1)
        }
        return rows
    }
}

/// A short menu: "› 1  Gentle relief" with the selected one reversed, and optionally a muted
/// detail line under each item.
struct ChoiceList: Widget {
    var items: [String]
    var details: [String]? = nil
    var selection: Int

    func render(in area: Rect, on grid: inout Grid) {
        var row = 0
        for (index, item) in items.enumerated() where row < area.height {
            let selected = index == selection
            let text = (selected ? "› " : "  ") + "\(index + 1)  " + item
            let style = selected ? Style.accent.reversed() : Style.normal
            Label(text.truncated(toWidth: area.width), style: style).render(in: area.row(row), on: &grid)
            row += 1
            if let details, details.indices.contains(index), row < area.height {
                Label("     " + details[index], style: .muted).render(in: area.row(row), on: &grid)
                row += 1
            }
        }
    }
}

extension Key {
    /// The digit typed, if this is one of 0-9.
    var digit: Int? {
        if case .character(let character) = self, let value = character.wholeNumberValue, (0...9).contains(value) {
            return value
        }
        return nil
    }

    /// The step a pain value moves by: +1 for → ↑ + =, -1 for ← ↓ - (the session's pain prompt
    /// and the leg/back pain questions read the same keys).
    var painStep: Int? {
        switch self {
        case .right, .up, .character("+"), .character("="): return 1
        case .left, .down, .character("-"): return -1
        default: return nil
        }
    }

    /// True for q, Q and Escape: leave this screen.
    var isQuit: Bool { self == .character("q") || self == .character("Q") || self == .escape }

    /// True for y or Y.
    var isYes: Bool { self == .character("y") || self == .character("Y") }

    /// True for n or N.
    var isNo: Bool { self == .character("n") || self == .character("N") }
}
