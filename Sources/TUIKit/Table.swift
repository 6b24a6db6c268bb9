import PlainText
/// A table column: title, width and alignment.
public struct TableColumn: Sendable, Hashable {
    /// The header text.
    public var title: String
    /// Its width: fixed columns first, fill columns share the rest.
    public var width: Length
    /// Alignment of its cells.
    public var alignment: TextAlignment

    /// A column.
    public init(_ title: String, width: Length, alignment: TextAlignment = .leading) {
        self.title = title
        self.width = width
        self.alignment = alignment
    }
}

/// One table cell: text and an optional style of its own (e.g. a pain value in its band colour).
public struct TableCell: Sendable, Hashable, ExpressibleByStringLiteral {
    /// The text.
    public var text: String
    /// Its style (nil: the row's style).
    public var style: Style?

    /// A cell.
    public init(_ text: String, style: Style? = nil) {
        self.text = text
        self.style = style
    }

    /// A plain cell from a literal.
    public init(stringLiteral value: String) {
        self.init(value)
    }
}

/// A table with a bold header row, columns one blank apart, cells cut with "…", a scroll
/// offset and a selected row shown reversed across the full width.
public struct Table: Widget, Sendable {
    /// The columns.
    public var columns: [TableColumn]
    /// The rows (each as many cells as columns; missing cells are blank).
    public var rows: [[TableCell]]
    /// The selected row (index into `rows`), if any.
    public var selectedRow: Int?
    /// The first row shown (scroll offset).
    public var firstVisibleRow: Int
    /// Whether the header row is drawn.
    public var showsHeader: Bool

    /// A table.
    public init(
        columns: [TableColumn], rows: [[TableCell]], selectedRow: Int? = nil, firstVisibleRow: Int = 0,
        showsHeader: Bool = true
    ) {
        self.columns = columns
        self.rows = rows
        self.selectedRow = selectedRow
        self.firstVisibleRow = max(0, firstVisibleRow)
        self.showsHeader = showsHeader
    }

    /// A table of plain strings.
    public init(columns: [TableColumn], textRows: [[String]], selectedRow: Int? = nil, firstVisibleRow: Int = 0) {
        self.init(columns: columns, rows: textRows.map { $0.map { TableCell($0) } }, selectedRow: selectedRow,
                  firstVisibleRow: firstVisibleRow)
    }

    /// The data rows visible in an area of `height` rows.
    public func visibleRowCount(height: Int) -> Int { max(0, height - (showsHeader ? 1 : 0)) }

    /// The scroll offset that keeps `selected` visible in `visibleRows` rows, moving as little
    /// as possible from `current`.
    public static func scrollOffset(selected: Int, visibleRows: Int, current: Int) -> Int {
        guard visibleRows > 0 else { return selected }
        if selected < current { return max(0, selected) }
        if selected >= current + visibleRows { return selected - visibleRows + 1 }
        return max(0, current)
    }

    /// Draws the header and the visible rows.
    public func render(in area: Rect, on grid: inout Grid) {
        guard !area.isEmpty else { return }
        let columnRects = area.splitColumns(columns.map(\.width), spacing: 1)
        var row = area.y
        if showsHeader {
            for (column, rect) in zip(columns, columnRects) {
                grid.write(column.title.padded(toWidth: rect.width, alignment: column.alignment), column: rect.x,
                           row: row, style: .bold, clip: rect)
            }
            row += 1
        }
        for index in firstVisibleRow..<max(firstVisibleRow, rows.count) {
            guard row < area.maxY else { break }
            let isSelected = index == selectedRow
            if isSelected { grid.fill(Rect(x: area.x, y: row, width: area.width, height: 1), style: .reversed) }
            for (columnIndex, (column, rect)) in zip(columns, columnRects).enumerated() {
                let cell = columnIndex < rows[index].count ? rows[index][columnIndex] : TableCell("")
                var style = cell.style ?? .normal
                if isSelected { style.reverse = true }
                grid.write(cell.text.padded(toWidth: rect.width, alignment: column.alignment), column: rect.x,
                           row: row, style: style, clip: rect)
            }
            row += 1
        }
    }
}
