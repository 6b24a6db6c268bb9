import PlainText
/// Something that draws itself into a region of a grid (ratatui's Widget). Widgets are plain
/// values: build one per frame from the state, render it, drop it.
public protocol Widget {
    /// Draws into `area` of `grid`, never outside it.
    func render(in area: Rect, on grid: inout Grid)
}

extension Grid {
    /// Draws `widget` into `area` (the whole grid by default).
    public mutating func render(_ widget: some Widget, in area: Rect? = nil) {
        widget.render(in: (area ?? bounds).intersection(bounds), on: &self)
    }
}

/// A single line of text, aligned and cut with "…" to its area's width.
public struct Label: Widget, Sendable {
    /// The text.
    public var text: String
    /// Its style.
    public var style: Style
    /// Where it sits in the row.
    public var alignment: TextAlignment

    /// A label.
    public init(_ text: String, style: Style = .normal, alignment: TextAlignment = .leading) {
        self.text = text
        self.style = style
        self.alignment = alignment
    }

    /// Draws the text on the area's first row.
    public func render(in area: Rect, on grid: inout Grid) {
        guard !area.isEmpty else { return }
        let shown = text.truncated(toWidth: area.width)
        let gap = area.width - shown.displayWidth
        let left: Int
        switch alignment {
        case .leading: left = 0
        case .center: left = gap / 2
        case .trailing: left = gap
        }
        grid.write(shown, column: area.x + left, row: area.y, style: style, clip: area)
    }
}

/// A horizontal line of "─", optionally with a title set into it ("── Pain trend ───────").
public struct Rule: Widget, Sendable {
    /// An optional title.
    public var title: String?
    /// The line's style.
    public var style: Style
    /// The title's style.
    public var titleStyle: Style

    /// A rule.
    public init(title: String? = nil, style: Style = .muted, titleStyle: Style = .bold) {
        self.title = title
        self.style = style
        self.titleStyle = titleStyle
    }

    /// Draws the line across the area's first row.
    public func render(in area: Rect, on grid: inout Grid) {
        guard !area.isEmpty else { return }
        grid.fill(area.top(1), with: "─", style: style)
        if let title, !title.isEmpty, area.width > 6 {
            let text = " " + title.truncated(toWidth: area.width - 6) + " "
            grid.write(text, column: area.x + 2, row: area.y, style: titleStyle, clip: area)
        }
    }
}

/// A progress bar of "█" (done) and "░" (to go) with a label after it:
/// `████████████░░░░░░░░   20 of 30 s`.
public struct Gauge: Widget, Sendable {
    /// Done, from 0 to 1 (clamped).
    public var fraction: Double
    /// Text after the bar.
    public var label: String?
    /// The done part's style.
    public var filledStyle: Style
    /// The remaining part's style.
    public var emptyStyle: Style
    /// The label's style.
    public var labelStyle: Style

    /// A gauge.
    public init(
        fraction: Double, label: String? = nil, filledStyle: Style = Style(foreground: .accent),
        emptyStyle: Style = .muted, labelStyle: Style = .normal
    ) {
        self.fraction = fraction
        self.label = label
        self.filledStyle = filledStyle
        self.emptyStyle = emptyStyle
        self.labelStyle = labelStyle
    }

    /// The number of filled cells in a bar of `width` cells.
    public func filledCells(width: Int) -> Int {
        guard fraction.isFinite else { return 0 }
        return Int((min(1, max(0, fraction)) * Double(width)).rounded(.down))
    }

    /// The shortest bar drawn next to a label; with less room the label is dropped.
    public static let minimumBarWidthWithLabel = 6

    /// Draws the bar and label on the area's first row; the label is dropped when the bar
    /// would be shorter than `minimumBarWidthWithLabel`.
    public func render(in area: Rect, on grid: inout Grid) {
        guard !area.isEmpty else { return }
        var barWidth = area.width
        var labelText: String?
        if let label, !label.isEmpty {
            let labelWidth = label.displayWidth
            if area.width - labelWidth - 2 >= Gauge.minimumBarWidthWithLabel {
                barWidth = area.width - labelWidth - 2
                labelText = label
            }
        }
        let filled = filledCells(width: barWidth)
        // Fills, as the writes of "█" x filled and "░" x the rest clipped to the area would draw.
        grid.fill(Rect(x: area.x, y: area.y, width: filled, height: 1).intersection(area), with: "█", style: filledStyle)
        grid.fill(Rect(x: area.x + filled, y: area.y, width: barWidth - filled, height: 1).intersection(area),
                  with: "░", style: emptyStyle)
        if let labelText {
            grid.write(labelText, column: area.x + barWidth + 2, row: area.y, style: labelStyle, clip: area)
        }
    }
}

/// Word-wrapped paragraphs, optionally as a bulleted or numbered list with a hanging indent;
/// when there are more lines than rows, the last row ends in "…".
public struct WrappedText: Widget, Sendable {
    /// How list items are marked.
    public enum Marker: Sendable, Hashable {
        /// Plain paragraphs.
        case none
        /// Every paragraph starts with this bullet ("•", "-") and a space.
        case bullet(String)
        /// Paragraphs numbered "1." "2." … from `start`.
        case numbered(start: Int)
    }

    /// The paragraphs (list items).
    public var paragraphs: [String]
    /// How items are marked.
    public var marker: Marker
    /// The text style.
    public var style: Style
    /// The marker style.
    public var markerStyle: Style
    /// Blank rows between paragraphs.
    public var paragraphSpacing: Int

    /// Wrapped paragraphs.
    public init(
        _ paragraphs: [String], marker: Marker = .none, style: Style = .normal,
        markerStyle: Style = .muted, paragraphSpacing: Int = 0
    ) {
        self.paragraphs = paragraphs
        self.marker = marker
        self.style = style
        self.markerStyle = markerStyle
        self.paragraphSpacing = paragraphSpacing
    }

    /// One wrapped paragraph.
    public init(_ text: String, style: Style = .normal) {
        self.init([text], style: style)
    }

    /// A wrapped line: its marker (or indent) and its text.
    public struct Line: Sendable, Hashable {
        /// The marker or the hanging indent ("• ", "2. ", "   ").
        public var prefix: String
        /// The words.
        public var text: String
    }

    /// All wrapped lines at `width`, before any truncation.
    public func wrappedLines(width: Int) -> [Line] {
        let prefixes: [String] = paragraphs.indices.map { index in
            switch marker {
            case .none: return ""
            case .bullet(let bullet): return bullet + " "
            case .numbered(let start): return "\(start + index)."
            }
        }
        let prefixWidth = prefixes.map(\.displayWidth).max() ?? 0
        var lines: [Line] = []
        for (index, paragraph) in paragraphs.enumerated() {
            if index > 0 {
                for _ in 0..<paragraphSpacing { lines.append(Line(prefix: "", text: "")) }
            }
            var prefix = prefixes[index]
            if case .numbered = marker { prefix = prefix.padded(toWidth: prefixWidth + 1, alignment: .leading) }
            let indent = String(repeating: " ", count: prefix.displayWidth)
            let textWidth = max(1, width - prefix.displayWidth)
            for (lineIndex, text) in WrappedText.wrap(paragraph, width: textWidth).enumerated() {
                lines.append(Line(prefix: lineIndex == 0 ? prefix : indent, text: text))
            }
        }
        return lines
    }

    /// The rows the text needs at `width`.
    public func height(forWidth width: Int) -> Int { wrappedLines(width: width).count }

    /// Draws as many lines as fit; a cut ends with "…".
    public func render(in area: Rect, on grid: inout Grid) {
        guard !area.isEmpty else { return }
        let lines = wrappedLines(width: area.width)
        for (row, line) in lines.prefix(area.height).enumerated() {
            let column = grid.write(line.prefix, column: area.x, row: area.y + row, style: markerStyle, clip: area)
            var text = line.text
            if row == area.height - 1, lines.count > area.height {
                let room = area.width - line.prefix.displayWidth
                text = text.truncated(toWidth: max(0, room - 1), ellipsis: "") + "…"
            }
            grid.write(text, column: column, row: area.y + row, style: style, clip: area)
        }
    }

    /// The one word wrap (``PlainText/wrap(_:width:)``), where widgets lay out their text.
    public static func wrap(_ text: String, width: Int) -> [String] {
        PlainText.wrap(text, width: width)
    }
}
