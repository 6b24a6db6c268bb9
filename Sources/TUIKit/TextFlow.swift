import PlainText
/// Writes blocks of wrapped text, and single lines, down an area one after another: the body of
/// a pre-session screen, the facts of a review view.
public struct TextFlow {
    /// What is left to write into.
    public var area: Rect
    /// Blank rows after each block.
    public var gap: Int

    public init(_ area: Rect, gap: Int) {
        self.area = area
        self.gap = gap
    }

    /// Writes `text` wrapped (cut with "…" when the area runs out), then leaves `gap` blank rows.
    public mutating func paragraph(_ text: String, style: Style = .normal, gap extraGap: Int? = nil, on grid: inout Grid) {
        guard area.height > 0 else { return }
        let widget = WrappedText(text, style: style)
        let height = min(widget.height(forWidth: area.width), area.height)
        widget.render(in: area.top(height), on: &grid)
        area = area.droppingTop(height + (extraGap ?? gap))
    }

    /// Writes a list with a marker, then the gap.
    public mutating func list(_ items: [String], marker: WrappedText.Marker, style: Style = .normal, on grid: inout Grid) {
        guard area.height > 0, !items.isEmpty else { return }
        let widget = WrappedText(items, marker: marker, style: style)
        let height = min(widget.height(forWidth: area.width), area.height)
        widget.render(in: area.top(height), on: &grid)
        area = area.droppingTop(height + gap)
    }

    /// Writes one line as it is (cut to the width).
    public mutating func line(_ text: String, style: Style = .normal, on grid: inout Grid) {
        guard area.height > 0 else { return }
        Label(text, style: style).render(in: area.top(1), on: &grid)
        area = area.droppingTop(1)
    }

    /// The row the next block goes to.
    public var row: Int { area.y }

    /// Skips `rows` rows.
    public mutating func skip(_ rows: Int = 1) {
        area = area.droppingTop(rows)
    }
}

