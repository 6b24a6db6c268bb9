import PlainText
/// How chart values get their style.
public enum ValueStyling: Sendable, Hashable {
    /// Every value in the same style.
    case uniform(Style)
    /// By band of the rounded value: the style of the first band whose `upTo` it does not
    /// exceed, else `above` (the screens use it for pain bands).
    case bands([Band], above: Style)

    /// One band: values up to `upTo` (inclusive) get `style`.
    public struct Band: Sendable, Hashable {
        public var upTo: Int
        public var style: Style
        public init(upTo: Int, style: Style) {
            self.upTo = upTo
            self.style = style
        }
    }

    /// The style of `value`.
    public func style(for value: Double) -> Style {
        switch self {
        case .uniform(let style): style
        case .bands(let bands, let above):
            bands.first { Int(value.rounded()) <= $0.upTo }?.style ?? above
        }
    }
}

/// A one-row chart of eight levels, "▁▂▃▄▅▆▇█", one value per column; nil values (no data)
/// are blank. When there are more values than columns, the latest ones are shown.
public struct Sparkline: Widget, Sendable {
    /// The levels, lowest first.
    public static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// The values, oldest first.
    public var values: [Double?]
    /// The value range; nil means from 0 (or the minimum, if negative) to the maximum.
    public var range: ClosedRange<Double>?
    /// How values are styled.
    public var styling: ValueStyling

    /// A sparkline.
    public init(_ values: [Double?], range: ClosedRange<Double>? = nil, styling: ValueStyling = .uniform(.normal)) {
        self.values = values
        self.range = range
        self.styling = styling
    }

    /// The glyphs for the last `width` values (" " for nil).
    public func text(width: Int) -> String {
        String(values.suffix(max(0, width)).map { value in value.map(glyph(for:)) ?? " " })
    }

    private var effectiveRange: ClosedRange<Double> {
        if let range { return range }
        let present = values.compactMap { $0 }
        let low = min(0, present.min() ?? 0), high = present.max() ?? 1
        return low...max(high, low + 1)
    }

    /// The level glyph of one value.
    public func glyph(for value: Double) -> Character {
        let range = effectiveRange
        let span = range.upperBound - range.lowerBound
        let fraction = span > 0 ? (value - range.lowerBound) / span : 0
        let index = Int((min(1, max(0, fraction)) * 7).rounded())
        return Sparkline.levels[index]
    }

    /// Draws on the area's first row.
    public func render(in area: Rect, on grid: inout Grid) {
        guard !area.isEmpty else { return }
        for (offset, value) in values.suffix(area.width).enumerated() {
            guard let value else { continue }
            grid.write(String(glyph(for: value)), column: area.x + offset, row: area.y,
                       style: styling.style(for: value), clip: area)
        }
    }
}

/// The frame shared by the value charts: y labels at 0, the middle and the maximum, a "┤"/"│"
/// axis, an "└───" baseline and optional x labels under their columns.
public struct ChartFrame {
    public var area: Rect
    public var maxValue: Double
    public var hasXLabels: Bool

    public init(area: Rect, maxValue: Double, hasXLabels: Bool) {
        self.area = area
        self.maxValue = maxValue
        self.hasXLabels = hasXLabels
    }

    public var labelWidth: Int { max(1, String(Int(maxValue.rounded())).count) }
    /// The plotting area (right of the axis, above the baseline).
    public var plot: Rect {
        area.inset(left: labelWidth + 1, bottom: hasXLabels ? 2 : 1)
    }

    public func drawAxes(on grid: inout Grid) {
        let plot = self.plot
        guard plot.height > 0, plot.width > 0 else { return }
        let axisColumn = area.x + labelWidth
        for row in plot.y..<plot.maxY {
            grid.write("│", column: axisColumn, row: row, style: .muted, clip: area)
        }
        grid.write("└" + String(repeating: "─", count: plot.width), column: axisColumn, row: plot.maxY,
                   style: .muted, clip: area)
        var marks: [(Double, Int)] = [(maxValue, plot.y), (0, plot.maxY - 1)]
        if plot.height >= 5 { marks.append((maxValue / 2, row(of: maxValue / 2))) }
        for (value, row) in marks {
            let text = String(Int(value.rounded())).padded(toWidth: labelWidth, alignment: .trailing)
            grid.write(text, column: area.x, row: row, style: .muted, clip: area)
            grid.write("┤", column: axisColumn, row: row, style: .muted, clip: area)
        }
    }

    /// The plot row of `value` when one row stands for one level (the dot chart's mapping).
    func row(of value: Double) -> Int {
        let plot = self.plot
        let clamped = min(maxValue, max(0, value))
        return plot.maxY - 1 - Int((clamped / maxValue * Double(plot.height - 1)).rounded())
    }

    public func drawXLabels(_ labels: [(column: Int, text: String)], on grid: inout Grid) {
        guard hasXLabels else { return }
        let row = plot.maxY + 1
        var nextFree = plot.x
        for label in labels where label.column >= nextFree {
            let end = grid.write(label.text, column: label.column, row: row, style: .muted,
                                 clip: Rect(x: plot.x, y: row, width: plot.width, height: 1))
            nextFree = end + 1
        }
    }
}

/// A vertical bar chart over values from 0 to `maxValue` (10 for pain), with axis labels and
/// bars drawn in eighths of a cell ("▁" … "█"). A value of 0 shows as a thin "▁" so it can be
/// told apart from a missing (nil) value. When there are more values than fit, the latest are shown.
public struct BarChart: Widget, Sendable {
    /// The values, oldest first (nil = no data).
    public var values: [Double?]
    /// The value at the top of the axis.
    public var maxValue: Double
    /// Labels under the bars (by index); drawn where they do not overlap.
    public var xLabels: [String]
    /// Columns per bar.
    public var barWidth: Int
    /// Blank columns between bars.
    public var spacing: Int
    /// How bars are styled.
    public var styling: ValueStyling

    /// A bar chart.
    public init(
        _ values: [Double?], maxValue: Double = 10, xLabels: [String] = [], barWidth: Int = 1, spacing: Int = 1,
        styling: ValueStyling = .uniform(.normal)
    ) {
        self.values = values
        self.maxValue = maxValue > 0 ? maxValue : 1
        self.xLabels = xLabels
        self.barWidth = max(1, barWidth)
        self.spacing = max(0, spacing)
        self.styling = styling
    }

    /// Draws the axes, the bars and the labels.
    public func render(in area: Rect, on grid: inout Grid) {
        let frame = ChartFrame(area: area, maxValue: maxValue, hasXLabels: !xLabels.isEmpty)
        let plot = frame.plot
        guard plot.width > 0, plot.height > 0 else { return }
        frame.drawAxes(on: &grid)
        let step = barWidth + spacing
        let capacity = max(0, (plot.width - 1 + spacing) / step)
        let firstIndex = max(0, values.count - capacity)
        var labels: [(column: Int, text: String)] = []
        for index in firstIndex..<values.count {
            let column = plot.x + 1 + (index - firstIndex) * step
            if index < xLabels.count { labels.append((column, xLabels[index])) }
            guard let value = values[index] else { continue }
            let style = styling.style(for: value)
            let clamped = min(maxValue, max(0, value))
            let eighths = max(1, Int((clamped / maxValue * Double(plot.height) * 8).rounded()))
            for level in 0..<plot.height {
                let filled = min(8, max(0, eighths - level * 8))
                guard filled > 0 else { break }
                let glyph = String(Sparkline.levels[filled - 1])
                grid.write(String(repeating: glyph, count: barWidth), column: column, row: plot.maxY - 1 - level,
                           style: style, clip: plot)
            }
        }
        frame.drawXLabels(labels, on: &grid)
    }
}

/// A dot chart of one or more series over 0 to `maxValue`, one column per point, each value a
/// marker at its row (e.g. pain before "○" and after "●"); where two series meet, the later one
/// is drawn on top. The line-ish chart of the pain trend.
public struct DotChart: Widget, Sendable {
    /// One series.
    public struct Series: Sendable, Hashable {
        /// The values, oldest first (nil = no data).
        public var values: [Double?]
        /// The marker ("●").
        public var marker: Character
        /// How markers are styled.
        public var styling: ValueStyling

        /// A series.
        public init(_ values: [Double?], marker: Character = "●", styling: ValueStyling = .uniform(.normal)) {
            self.values = values
            self.marker = marker
            self.styling = styling
        }
    }

    /// The series.
    public var series: [Series]
    /// The value at the top of the axis.
    public var maxValue: Double
    /// Labels under the points (by index).
    public var xLabels: [String]
    /// Columns per point.
    public var pointSpacing: Int

    /// A dot chart.
    public init(_ series: [Series], maxValue: Double = 10, xLabels: [String] = [], pointSpacing: Int = 2) {
        self.series = series
        self.maxValue = maxValue > 0 ? maxValue : 1
        self.xLabels = xLabels
        self.pointSpacing = max(1, pointSpacing)
    }

    /// Draws the axes, the markers and the labels.
    public func render(in area: Rect, on grid: inout Grid) {
        let frame = ChartFrame(area: area, maxValue: maxValue, hasXLabels: !xLabels.isEmpty)
        let plot = frame.plot
        guard plot.width > 0, plot.height > 0 else { return }
        frame.drawAxes(on: &grid)
        let count = series.map(\.values.count).max() ?? 0
        let capacity = plot.width >= 2 ? (plot.width - 2) / pointSpacing + 1 : 0
        let firstIndex = max(0, count - capacity)
        var labels: [(column: Int, text: String)] = []
        for index in firstIndex..<count {
            let column = plot.x + 1 + (index - firstIndex) * pointSpacing
            if index < xLabels.count { labels.append((column, xLabels[index])) }
            for line in series where index < line.values.count {
                guard let value = line.values[index] else { continue }
                grid.write(String(line.marker), column: column, row: frame.row(of: value), style: line.styling.style(for: value), clip: plot)
            }
        }
        frame.drawXLabels(labels, on: &grid)
    }
}

/// A calendar heatmap: weeks as columns (oldest left), days as rows (Monday on top by default),
/// each day a level 0-4 drawn "·" ░ ▒ ▓ █. Nil days (before the range or in the future) are
/// blank. Optional labels over the week columns (month names). When there are more weeks than
/// fit, the latest are shown.
public struct CalendarHeatmap: Widget, Sendable {
    /// The glyph of each level, 0 (nothing) to 4 (most).
    public static let levelGlyphs: [Character] = ["·", "░", "▒", "▓", "█"]

    /// The weeks, oldest first; each holds one level per row (day).
    public var weeks: [[Int?]]
    /// Labels of the rows (days).
    public var dayLabels: [String]
    /// Labels over the week columns (by index; nil = none).
    public var weekLabels: [String?]
    /// Columns per week.
    public var cellWidth: Int
    /// The style of days with a level above 0.
    public var activeStyle: Style

    /// A heatmap.
    public init(
        weeks: [[Int?]], dayLabels: [String] = ["M", "T", "W", "T", "F", "S", "S"], weekLabels: [String?] = [],
        cellWidth: Int = 2, activeStyle: Style = Style(foreground: .good)
    ) {
        self.weeks = weeks
        self.dayLabels = dayLabels
        self.weekLabels = weekLabels
        self.cellWidth = max(1, cellWidth)
        self.activeStyle = activeStyle
    }

    /// The glyph of a level (clamped to 0-4).
    public static func glyph(level: Int) -> Character { levelGlyphs[min(4, max(0, level))] }

    /// Draws the labels and the days.
    public func render(in area: Rect, on grid: inout Grid) {
        guard !area.isEmpty else { return }
        let labelWidth = (dayLabels.map(\.displayWidth).max() ?? 0)
        let hasWeekLabels = weekLabels.contains { $0 != nil }
        let body = area.inset(top: hasWeekLabels ? 1 : 0, left: labelWidth > 0 ? labelWidth + 1 : 0)
        guard !body.isEmpty else { return }
        for (row, label) in dayLabels.prefix(body.height).enumerated() {
            grid.write(label, column: area.x, row: body.y + row, style: .muted, clip: area)
        }
        let capacity = max(0, (body.width + cellWidth - 1) / cellWidth)
        let firstWeek = max(0, weeks.count - capacity)
        var nextFreeLabelColumn = body.x
        for index in firstWeek..<weeks.count {
            let column = body.x + (index - firstWeek) * cellWidth
            if hasWeekLabels, index < weekLabels.count, let label = weekLabels[index], column >= nextFreeLabelColumn {
                nextFreeLabelColumn = grid.write(label, column: column, row: area.y, style: .muted,
                                                 clip: Rect(x: body.x, y: area.y, width: body.width, height: 1)) + 1
            }
            for (row, level) in weeks[index].prefix(body.height).enumerated() {
                guard let level else { continue }
                grid.write(String(CalendarHeatmap.glyph(level: level)), column: column, row: body.y + row,
                           style: level > 0 ? activeStyle : .muted, clip: body)
            }
        }
    }
}
