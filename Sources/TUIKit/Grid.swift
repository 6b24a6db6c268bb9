import PlainText
/// One terminal cell: a grapheme and its style.
///
/// A wide (two-column) grapheme sits in its left cell; the right cell is a continuation whose
/// `text` is empty and whose style is the same.
public struct Cell: Sendable, Hashable {
    /// The grapheme shown ("" for the right half of a wide grapheme).
    public var text: String
    /// How it looks.
    public var style: Style

    /// A cell showing `text` in `style`.
    public init(_ text: String = " ", style: Style = .normal) {
        self.text = text
        self.style = style
    }

    /// A blank cell.
    public static let blank = Cell()

    /// True for the right half of a wide grapheme.
    public var isContinuation: Bool { text.isEmpty }
}

/// A run of changed cells on one row that share a style: what a backend redraws in one write.
public struct GridRun: Sendable, Hashable {
    /// The row.
    public var row: Int
    /// The first column.
    public var column: Int
    /// The text of the run (wide graphemes once, not per column).
    public var text: String
    /// The columns the run covers.
    public var width: Int
    /// The style of every cell of the run.
    public var style: Style

    /// A run.
    public init(row: Int, column: Int, text: String, width: Int, style: Style) {
        self.row = row
        self.column = column
        self.text = text
        self.width = width
        self.style = style
    }
}

/// A width x height screen of cells that widgets draw into and a backend shows.
///
/// The grid is plain data: screens render one per frame, tests read its `lines`, and
/// `diff(from:)` tells a backend which cells changed since the previous frame.
public struct Grid: Sendable, Hashable {
    /// Columns.
    public let width: Int
    /// Rows.
    public let height: Int
    /// Cells, row by row.
    public private(set) var cells: [Cell]

    /// A blank grid.
    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    /// A blank grid of `size`.
    public init(size: Size) {
        self.init(width: size.width, height: size.height)
    }

    /// Its size.
    public var size: Size { Size(width: width, height: height) }
    /// The whole grid as a rectangle.
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at (`column`, `row`); out of range reads give a blank cell.
    public subscript(column: Int, row: Int) -> Cell {
        guard column >= 0, column < width, row >= 0, row < height else { return .blank }
        return cells[row * width + column]
    }

    /// Writes `text` starting at (`column`, `row`), one grapheme per cell (two for wide ones),
    /// clipped to `clip` (the whole grid by default) and to the grid. Control characters are
    /// skipped; a wide grapheme that would straddle the clip edge is not drawn. Writing over
    /// half of a wide grapheme blanks its other half.
    /// - Returns: the column after the last one the text reached (clipped or not), so writes can
    ///   be chained.
    @discardableResult
    public mutating func write(
        _ text: String, column: Int, row: Int, style: Style = .normal, clip: Rect? = nil
    ) -> Int {
        let area = (clip ?? bounds).intersection(bounds)
        var x = column
        guard row >= area.y, row < area.maxY else { return x + text.displayWidth }
        for character in text {
            let columns = DisplayWidth.of(character)
            if columns == 0 { continue }
            if x >= area.x && x + columns <= area.maxX {
                put(String(character), columns: columns, column: x, row: row, style: style)
            }
            x += columns
        }
        return x
    }

    /// Fills `rect` (clipped to the grid) with `character` in `style`.
    public mutating func fill(_ rect: Rect, with character: Character = " ", style: Style = .normal) {
        let area = rect.intersection(bounds)
        let columns = max(1, DisplayWidth.of(character))
        for row in area.y..<area.maxY {
            var x = area.x
            while x + columns <= area.maxX {
                put(String(character), columns: columns, column: x, row: row, style: style)
                x += columns
            }
        }
    }

    /// Changes only the style of the cells in `rect` (for highlighting a drawn row).
    public mutating func setStyle(_ style: Style, in rect: Rect) {
        let area = rect.intersection(bounds)
        for row in area.y..<area.maxY {
            for column in area.x..<area.maxX {
                cells[row * width + column].style = style
            }
        }
    }

    /// Copies `other` onto this grid with its top-left corner at (`column`, `row`).
    public mutating func paste(_ other: Grid, column: Int, row: Int) {
        for y in 0..<other.height {
            for x in 0..<other.width {
                let cell = other[x, y]
                if cell.isContinuation { continue }
                let columns = max(1, DisplayWidth.of(cell.text))
                let target = x + column
                if target >= 0, target + columns <= width, y + row >= 0, y + row < height {
                    put(cell.text, columns: columns, column: target, row: y + row, style: cell.style)
                }
            }
        }
    }

    /// The text of each row with trailing spaces trimmed: what tests compare.
    public var lines: [String] {
        (0..<height).map { line($0) }
    }

    /// The text of one row with trailing spaces trimmed.
    public func line(_ row: Int) -> String {
        guard row >= 0, row < height else { return "" }
        var text = ""
        for column in 0..<width { text += cells[row * width + column].text }
        while text.last == " " { text.removeLast() }
        return text
    }

    /// The runs of cells that differ from `previous`, each of one style, in reading order.
    /// A changed half of a wide grapheme brings its other half along, so a backend can write
    /// every run as it is. When the sizes differ, every cell counts as changed.
    public func diff(from previous: Grid?) -> [GridRun] {
        let sameSize = previous.map { $0.width == width && $0.height == height } ?? false
        var runs: [GridRun] = []
        // Runs every second in a hold: one flag buffer for all rows, the cells read in place, and a
        // row with no changed cell skipped after one pass.
        var changed = [Bool](repeating: false, count: width)
        let old = sameSize ? previous?.cells ?? [] : []
        cells.withUnsafeBufferPointer { now in
            old.withUnsafeBufferPointer { before in
                for row in 0..<height {
                    let base = row * width
                    if sameSize {
                        var any = false
                        for column in 0..<width {
                            let differs = now[base + column] != before[base + column]
                            changed[column] = differs
                            any = any || differs
                        }
                        guard any else { continue }
                        for column in 0..<width where changed[column] {
                            let cell = now[base + column]
                            if cell.isContinuation, column > 0 { changed[column - 1] = true }
                            if !cell.isContinuation, column + 1 < width, now[base + column + 1].isContinuation {
                                changed[column + 1] = true
                            }
                            if before[base + column].isContinuation, column > 0 { changed[column - 1] = true }
                        }
                    } else {
                        for column in 0..<width { changed[column] = true }
                    }
                    var column = 0
                    while column < width {
                        guard changed[column] else { column += 1; continue }
                        let style = now[base + column].style
                        let start = column
                        var text = ""
                        while column < width, changed[column],
                              now[base + column].style == style || now[base + column].isContinuation {
                            text += now[base + column].text
                            column += 1
                        }
                        runs.append(GridRun(row: row, column: start, text: text, width: column - start, style: style))
                    }
                }
            }
        }
        return runs
    }

    /// The number of cells that differ from `previous` (all of them when the sizes differ).
    public func changedCellCount(from previous: Grid?) -> Int {
        diff(from: previous).reduce(0) { $0 + $1.width }
    }

    private mutating func put(_ text: String, columns: Int, column: Int, row: Int, style: Style) {
        let index = row * width + column
        // Writing over the right half of a wide grapheme: blank its left half.
        if cells[index].isContinuation, column > 0 {
            cells[index - 1] = Cell(" ", style: cells[index - 1].style)
        }
        // The last cell written over is the left half of a wide grapheme: blank its right half.
        let last = column + columns - 1
        if last + 1 < width, !cells[row * width + last].isContinuation,
           cells[row * width + last + 1].isContinuation {
            cells[row * width + last + 1] = Cell(" ", style: cells[row * width + last + 1].style)
        }
        cells[index] = Cell(text, style: style)
        if columns == 2 {
            cells[index + 1] = Cell("", style: style)
        }
    }
}
