import PlainText
import MonotonicTime
import CoachPolicy
import TUIKit
/// The 0-10 pain question, drawn the way DESIGN.md sketches it:
///
///         0   1   2   3  [4]  5   6   7   8   9  10
///         └── fine ───┘  └ ok ┘  └──── too much ────┘
///
/// Each number carries its band's colour (0-3 good, 4-5 caution, 6-10 danger), the chosen one
/// is bracketed and reversed. On narrow areas the numbers close up ("0 1 2 … 10") and the band
/// labels shrink to a single legend line.
public struct PainScale: Widget, Sendable {
    /// The value chosen so far, if any.
    public var selection: Int?

    /// A scale showing `selection`.
    public init(selection: Int?) {
        self.selection = selection
    }

    /// Columns per number in the wide layout ("[4] " is four).
    static let wideCell = 4

    /// Rows the scale takes: the numbers and the band legend.
    public static let height = 2

    /// Draws the numbers on the first row of `area` and the band legend on the second.
    public func render(in area: Rect, on grid: inout Grid) {
        guard !area.isEmpty else { return }
        let wide = area.width >= 11 * PainScale.wideCell
        let cell = wide ? PainScale.wideCell : 3
        let scaleWidth = 11 * cell
        let left = area.x + max(0, (area.width - scaleWidth) / 2)
        for value in 0...10 {
            let text: String
            if value == selection {
                text = "[\(value)]"
            } else {
                text = value == 10 ? "10" : " \(value)"
            }
            var style = Style.pain(value)
            if value == selection { style = style.reversed().bolded() }
            grid.write(text, column: left + value * cell, row: area.y, style: style, clip: area)
        }
        guard area.height >= 2 else { return }
        if wide {
            // Bands under their numbers: 0-3, 4-5, 6-10.
            let bands: [(ClosedRange<Int>, String, Int)] = [(0...3, "fine", 0), (4...5, "ok", 4), (6...10, "too much", 6)]
            for (range, label, colourOf) in bands {
                let start = left + range.lowerBound * cell + 1
                let end = left + range.upperBound * cell + 2
                let width = end - start + 1
                grid.write(PainScale.bracket(label, width: width), column: start, row: area.y + 1,
                           style: Style.pain(colourOf), clip: area)
            }
        } else {
            let legend = "0-3 fine · 4-5 ok · 6-10 too much"
            let column = area.x + max(0, (area.width - legend.displayWidth) / 2)
            grid.write(legend, column: column, row: area.y + 1, style: .muted, clip: area)
        }
    }

    /// The line under the scale: what to type, or the value chosen and how to confirm it.
    public static func hint(selection: Int?, preselected: Bool = false) -> String {
        if preselected, let selection { return "\(selection) was your last answer · enter keeps it · or press 0-9, t = 10" }
        return selection.map { "\($0) chosen · enter to confirm" } ?? "press 0-9, t = 10 · or ←/→ then enter"
    }

    /// "└── fine ──┘" centred in `width` columns.
    static func bracket(_ label: String, width: Int) -> String {
        let inner = max(0, width - 2)
        let text = " \(label) "
        guard text.displayWidth <= inner else { return "└" + String(repeating: "─", count: inner) + "┘" }
        let dashes = inner - text.displayWidth
        let leftDashes = dashes / 2
        return "└" + String(repeating: "─", count: leftDashes) + text
            + String(repeating: "─", count: dashes - leftDashes) + "┘"
    }
}
