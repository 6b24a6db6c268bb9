import PlainText
/// One key and what it does, for footers and the help overlay.
public struct KeyHint: Sendable, Hashable {
    /// The key as shown ("p", "enter", "←/→").
    public var key: String
    /// What it does ("pause").
    public var action: String
    /// Higher stays longer when the footer is short of room.
    public var priority: Int

    /// A hint.
    public init(_ key: String, _ action: String, priority: Int = 0) {
        self.key = key
        self.action = action
        self.priority = priority
    }
}

/// The key line at the bottom: "p pause · enter next · s skip · q end · ? help". When the
/// row is too narrow, the lowest-priority hints are dropped (the later one first among equals)
/// until the rest fits; the order of those left is kept.
public struct KeyFooter: Widget, Sendable {
    /// The hints, in display order.
    public var hints: [KeyHint]
    /// The separator between hints.
    public var separator: String
    /// The key names' style.
    public var keyStyle: Style
    /// The actions' style.
    public var actionStyle: Style

    /// A footer.
    public init(
        _ hints: [KeyHint], separator: String = " · ", keyStyle: Style = .accent, actionStyle: Style = .normal
    ) {
        self.hints = hints
        self.separator = separator
        self.keyStyle = keyStyle
        self.actionStyle = actionStyle
    }

    private func width(of shown: [KeyHint]) -> Int {
        guard !shown.isEmpty else { return 0 }
        return shown.reduce(0) { $0 + $1.key.displayWidth + 1 + $1.action.displayWidth }
            + separator.displayWidth * (shown.count - 1)
    }

    /// The hints that fit in `width` columns.
    public func visibleHints(width: Int) -> [KeyHint] {
        var shown = Array(hints.enumerated())
        while !shown.isEmpty, self.width(of: shown.map(\.element)) > width {
            let drop = shown.indices.min { a, b in
                let (left, right) = (shown[a], shown[b])
                if left.element.priority != right.element.priority { return left.element.priority < right.element.priority }
                return left.offset > right.offset
            }!
            shown.remove(at: drop)
        }
        return shown.map(\.element)
    }

    /// Draws the hints that fit on the area's first row.
    public func render(in area: Rect, on grid: inout Grid) {
        guard !area.isEmpty else { return }
        var column = area.x
        for (index, hint) in visibleHints(width: area.width).enumerated() {
            if index > 0 { column = grid.write(separator, column: column, row: area.y, style: .muted, clip: area) }
            column = grid.write(hint.key, column: column, row: area.y, style: keyStyle, clip: area)
            column = grid.write(" " + hint.action, column: column, row: area.y, style: actionStyle, clip: area)
        }
    }
}
