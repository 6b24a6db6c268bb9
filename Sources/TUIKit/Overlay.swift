import PlainText
/// A bordered box ┌─┐ │ │ └─┘ with an optional title in its top edge; its inside is cleared.
public struct Box: Widget, Sendable {
    /// The title set into the top border.
    public var title: String?
    /// The border's style.
    public var style: Style

    /// A box.
    public init(title: String? = nil, style: Style = .normal) {
        self.title = title
        self.style = style
    }

    /// The inside of a box drawn in `area` (one cell of border and one of padding each side).
    public static func content(of area: Rect) -> Rect { area.inset(horizontal: 2, vertical: 1) }

    /// Draws the border and clears the inside.
    public func render(in area: Rect, on grid: inout Grid) {
        guard area.width >= 2, area.height >= 2 else { return }
        grid.fill(area)
        let inner = String(repeating: "─", count: area.width - 2)
        grid.write("┌" + inner + "┐", column: area.x, row: area.y, style: style, clip: area)
        grid.write("└" + inner + "┘", column: area.x, row: area.maxY - 1, style: style, clip: area)
        for row in (area.y + 1)..<(area.maxY - 1) {
            grid.write("│", column: area.x, row: row, style: style, clip: area)
            grid.write("│", column: area.maxX - 1, row: row, style: style, clip: area)
        }
        if let title, !title.isEmpty, area.width > 6 {
            grid.write(" " + title.truncated(toWidth: area.width - 6) + " ", column: area.x + 2, row: area.y,
                       style: .bold, clip: area)
        }
    }
}

/// The `?` overlay: a centred box listing keys and what they do, over whatever is drawn.
public struct HelpOverlay: Widget, Sendable {
    /// The box title.
    public var title: String
    /// The keys.
    public var hints: [KeyHint]
    /// A closing line ("any key closes this help").
    public var closingLine: String?

    /// A help overlay.
    public init(title: String = "Keys", hints: [KeyHint], closingLine: String? = "any key closes this help") {
        self.title = title
        self.hints = hints
        self.closingLine = closingLine
    }

    /// Draws the box centred in `area`.
    public func render(in area: Rect, on grid: inout Grid) {
        let keyWidth = hints.map(\.key.displayWidth).max() ?? 0
        let lineWidths = hints.map { keyWidth + 2 + $0.action.displayWidth } + [closingLine?.displayWidth ?? 0]
        let contentWidth = max(lineWidths.max() ?? 0, title.displayWidth + 2)
        let contentHeight = hints.count + (closingLine == nil ? 0 : 2)
        let box = area.centered(width: contentWidth + 4, height: contentHeight + 2)
        Box(title: title, style: Style(foreground: .accent)).render(in: box, on: &grid)
        let inside = Box.content(of: box)
        for (index, hint) in hints.prefix(inside.height).enumerated() {
            let column = grid.write(hint.key.padded(toWidth: keyWidth), column: inside.x, row: inside.y + index,
                                    style: .accent, clip: inside)
            grid.write("  " + hint.action.truncated(toWidth: max(0, inside.width - keyWidth - 2)), column: column,
                       row: inside.y + index, clip: inside)
        }
        if let closingLine, inside.height >= hints.count + 2 {
            grid.write(closingLine.truncated(toWidth: inside.width), column: inside.x,
                       row: inside.y + hints.count + 1, style: .muted, clip: inside)
        }
    }
}

/// A yes/no question in a centred box: "End the session now? Every set done is kept." and
/// "y yes · n no".
public struct ConfirmDialog: Widget, Sendable {
    /// The box title.
    public var title: String?
    /// The question (wrapped).
    public var message: String
    /// The answers.
    public var choices: [KeyHint]

    /// A dialog.
    public init(title: String? = nil, message: String, choices: [KeyHint] = [KeyHint("y", "yes"), KeyHint("n", "no")]) {
        self.title = title
        self.message = message
        self.choices = choices
    }

    /// Draws the box centred in `area`, at most 50 columns wide.
    public func render(in area: Rect, on grid: inout Grid) {
        let footer = KeyFooter(choices)
        let footerWidth = choices.reduce(0) { $0 + $1.key.displayWidth + 1 + $1.action.displayWidth }
            + footer.separator.displayWidth * max(0, choices.count - 1)
        let maxContent = max(1, min(46, area.width - 6))
        let contentWidth = min(maxContent, max(message.displayWidth, footerWidth, (title?.displayWidth ?? 0) + 2))
        let lines = WrappedText.wrap(message, width: contentWidth)
        let box = area.centered(width: contentWidth + 4, height: lines.count + 4)
        Box(title: title, style: Style(foreground: .accent)).render(in: box, on: &grid)
        let inside = Box.content(of: box)
        WrappedText(message).render(in: inside.droppingBottom(2), on: &grid)
        footer.render(in: inside.bottom(1), on: &grid)
    }
}
