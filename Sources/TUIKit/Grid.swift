import PlainText
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One terminal cell: a grapheme and its style.
///
/// A wide (two-column) grapheme sits in its left cell; the right cell is a continuation whose
/// `text` is empty and whose style is the same.
///
/// Stored as two 32-bit words and nothing else (no String, no padding), so a grid is one flat
/// buffer that copies without reference counting and whose rows compare with `memcmp`: a hold
/// redraws every second, and comparing 1,920 cells of Strings was most of a frame. The grapheme
/// is its Unicode scalar when it has one (nearly all: letters, digits, blocks, CJK), 0 for a
/// continuation, or an index into a process-wide table of the multi-scalar graphemes seen
/// (flags, emoji with a selector, combining marks).
public struct Cell: Sendable, Hashable {
    /// The grapheme's code (see the type's note).
    var glyph: UInt32
    /// `Style.packed`.
    var packedStyle: UInt32

    /// A cell showing `text` in `style`.
    public init(_ text: String = " ", style: Style = .normal) {
        glyph = Glyph.code(of: text)
        packedStyle = style.packed
    }

    init(glyph: UInt32, packedStyle: UInt32) {
        self.glyph = glyph
        self.packedStyle = packedStyle
    }

    /// A blank cell.
    public static let blank = Cell()

    /// The grapheme shown ("" for the right half of a wide grapheme).
    public var text: String {
        get { Glyph.text(of: glyph) }
        set { glyph = Glyph.code(of: newValue) }
    }

    /// How it looks.
    public var style: Style {
        get { Style(packed: packedStyle) }
        set { packedStyle = newValue.packed }
    }

    /// True for the right half of a wide grapheme.
    public var isContinuation: Bool { glyph == Glyph.continuation }

    /// The columns its grapheme takes (the right half of a wide one counts 0).
    var columns: Int {
        // One scalar: its width is the grapheme's (DisplayWidth.of(Character) says the same).
        if glyph < Glyph.internedFlag, let scalar = Unicode.Scalar(glyph) { return DisplayWidth.of(scalar) }
        return DisplayWidth.of(Glyph.text(of: glyph))
    }

    /// Appends the grapheme's scalars to `text`.
    func appendText(to text: inout String) {
        if glyph == Glyph.continuation { return }
        if glyph < Glyph.internedFlag, let scalar = Unicode.Scalar(glyph) {
            text.unicodeScalars.append(scalar)
        } else {
            text += Glyph.text(of: glyph)
        }
    }

    /// Calls `body` with each Unicode scalar of the grapheme (none for a continuation).
    @inline(__always)
    public func forEachScalar(_ body: (UInt32) -> Void) {
        if glyph == Glyph.continuation { return }
        if glyph < Glyph.internedFlag {
            body(glyph)
        } else {
            for scalar in Glyph.text(of: glyph).unicodeScalars { body(scalar.value) }
        }
    }
}

/// The codes of `Cell.glyph`.
enum Glyph {
    /// The right half of a wide grapheme ("").
    static let continuation: UInt32 = 0
    /// Set on the index of an interned (multi-scalar, or U+0000) grapheme.
    static let internedFlag: UInt32 = 0x8000_0000

    /// The code of a grapheme given as a string (normally one grapheme; any string works).
    static func code(of text: String) -> UInt32 {
        var scalars = text.unicodeScalars.makeIterator()
        guard let first = scalars.next() else { return continuation }
        if scalars.next() == nil, first.value != 0 { return first.value }
        return table.intern(text)
    }

    /// The code of one grapheme.
    @inline(__always)
    static func code(of character: Character) -> UInt32 {
        let scalars = character.unicodeScalars
        let first = scalars.first!
        if first.value != 0, scalars.index(after: scalars.startIndex) == scalars.endIndex { return first.value }
        return table.intern(String(character))
    }

    /// The grapheme of a code.
    static func text(of code: UInt32) -> String {
        if code == continuation { return "" }
        if code < internedFlag, let scalar = Unicode.Scalar(code) { return String(Character(scalar)) }
        return table.text(code)
    }

    /// The multi-scalar graphemes seen by this process, each once: a code is an index here.
    /// Few and small (a flag, an emoji with its selector); they live as long as the process.
    static let table = InternTable()

    final class InternTable: @unchecked Sendable {
        /// Allocated, not a stored `pthread_mutex_t`: a pointer to a stored property is only
        /// stable for the length of one call.
        private let mutex: UnsafeMutablePointer<pthread_mutex_t> = {
            let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
            mutex.initialize(to: pthread_mutex_t())
            pthread_mutex_init(mutex, nil)
            return mutex
        }()
        private var strings: [String] = []
        private var codes: [String: UInt32] = [:]

        func intern(_ text: String) -> UInt32 {
            pthread_mutex_lock(mutex)
            defer { pthread_mutex_unlock(mutex) }
            if let code = codes[text] { return code }
            let code = Glyph.internedFlag | UInt32(strings.count)
            strings.append(text)
            codes[text] = code
            return code
        }

        func text(_ code: UInt32) -> String {
            pthread_mutex_lock(mutex)
            defer { pthread_mutex_unlock(mutex) }
            let index = Int(code & ~Glyph.internedFlag)
            return index < strings.count ? strings[index] : ""
        }
    }
}

extension Style {
    /// The style in one word: foreground and background (3 bits each) and the three attributes.
    var packed: UInt32 {
        UInt32(foreground.rawValue) | UInt32(background.rawValue) << 3
            | (bold ? 1 << 6 : 0) | (reverse ? 1 << 7 : 0) | (dim ? 1 << 8 : 0)
    }

    /// The style of `packed`.
    init(packed: UInt32) {
        self.init(foreground: PaletteColor(rawValue: Int(packed & 7)) ?? .normal,
                  background: PaletteColor(rawValue: Int(packed >> 3 & 7)) ?? .normal,
                  bold: packed & 1 << 6 != 0, reverse: packed & 1 << 7 != 0, dim: packed & 1 << 8 != 0)
    }
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
        let packedStyle = style.packed
        // Printable ASCII (most of every screen): one cell a byte, no grapheme walk.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            for byte in text.utf8 {
                if x >= area.x && x + 1 <= area.maxX {
                    put(UInt32(byte), columns: 1, column: x, row: row, packedStyle: packedStyle)
                }
                x += 1
            }
            return x
        }
        // Scalars that are each a grapheme of their own whatever is around them (Latin, general
        // punctuation, arrows, box drawing, blocks, shapes: the rest of the screens): one cell a
        // scalar, still no grapheme walk, the width of a repeated scalar looked up once.
        if text.unicodeScalars.allSatisfy({ DisplayWidth.standsAlone($0.value) }) {
            var lastScalar: UInt32 = 0
            var lastColumns = 0
            for scalar in text.unicodeScalars {
                if scalar.value != lastScalar {
                    lastScalar = scalar.value
                    lastColumns = DisplayWidth.of(scalar)
                }
                if lastColumns == 0 { continue }
                if x >= area.x && x + lastColumns <= area.maxX {
                    put(scalar.value, columns: lastColumns, column: x, row: row, packedStyle: packedStyle)
                }
                x += lastColumns
            }
            return x
        }
        for character in text {
            let columns = DisplayWidth.of(character)
            if columns == 0 { continue }
            if x >= area.x && x + columns <= area.maxX {
                put(Glyph.code(of: character), columns: columns, column: x, row: row, packedStyle: packedStyle)
            }
            x += columns
        }
        return x
    }

    /// Fills `rect` (clipped to the grid) with `character` in `style`.
    public mutating func fill(_ rect: Rect, with character: Character = " ", style: Style = .normal) {
        let area = rect.intersection(bounds)
        let columns = max(1, DisplayWidth.of(character))
        let glyph = Glyph.code(of: character)
        let packedStyle = style.packed
        for row in area.y..<area.maxY {
            var x = area.x
            while x + columns <= area.maxX {
                put(glyph, columns: columns, column: x, row: row, packedStyle: packedStyle)
                x += columns
            }
        }
    }

    /// Changes only the style of the cells in `rect` (for highlighting a drawn row).
    public mutating func setStyle(_ style: Style, in rect: Rect) {
        let area = rect.intersection(bounds)
        let packedStyle = style.packed
        for row in area.y..<area.maxY {
            for column in area.x..<area.maxX {
                cells[row * width + column].packedStyle = packedStyle
            }
        }
    }

    /// Copies `other` onto this grid with its top-left corner at (`column`, `row`).
    public mutating func paste(_ other: Grid, column: Int, row: Int) {
        for y in 0..<other.height {
            for x in 0..<other.width {
                let cell = other[x, y]
                if cell.isContinuation { continue }
                let columns = max(1, cell.columns)
                let target = x + column
                if target >= 0, target + columns <= width, y + row >= 0, y + row < height {
                    put(cell.glyph, columns: columns, column: target, row: y + row, packedStyle: cell.packedStyle)
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
        for column in 0..<width { cells[row * width + column].appendText(to: &text) }
        while text.last == " " { text.removeLast() }
        return text
    }

    /// The runs of cells that differ from `previous`, each of one style, in reading order.
    /// A changed half of a wide grapheme brings its other half along, so a backend can write
    /// every run as it is. When the sizes differ, every cell counts as changed.
    public func diff(from previous: Grid?) -> [GridRun] {
        var runs: [GridRun] = []
        forEachChangedRun(from: previous) { row, column, run in
            var text = ""
            for cell in run { cell.appendText(to: &text) }
            runs.append(GridRun(row: row, column: column, text: text, width: run.count, style: run[0].style))
        }
        return runs
    }

    /// The runs of `diff(from:)` without building their text: `body` gets each run's row, first
    /// column and cells (every cell of a run has the style of its first), in reading order. What a
    /// backend draws from every frame; the cells are valid only during the call.
    public func forEachChangedRun(
        from previous: Grid?, _ body: (_ row: Int, _ column: Int, _ cells: UnsafeBufferPointer<Cell>) -> Void
    ) {
        guard width > 0, height > 0 else { return }
        let sameSize = previous.map { $0.width == width && $0.height == height } ?? false
        let old = sameSize ? previous?.cells ?? [] : []
        let rowBytes = width * MemoryLayout<Cell>.stride
        // Runs every second in a hold: a row whose bytes equal the previous frame's is skipped
        // with one memcmp (cells are two words, no padding, no references: equal bytes are equal
        // cells, and equal cells have equal bytes since every grapheme has one code).
        withUnsafeTemporaryAllocation(of: Bool.self, capacity: width) { changed in
            cells.withUnsafeBufferPointer { now in
                old.withUnsafeBufferPointer { before in
                    for row in 0..<height {
                        let base = row * width
                        if sameSize {
                            if memcmp(now.baseAddress! + base, before.baseAddress! + base, rowBytes) == 0 { continue }
                            for column in 0..<width {
                                changed[column] = now[base + column] != before[base + column]
                            }
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
                            let style = now[base + column].packedStyle
                            let start = column
                            while column < width, changed[column],
                                  now[base + column].packedStyle == style || now[base + column].isContinuation {
                                column += 1
                            }
                            body(row, start, UnsafeBufferPointer(rebasing: now[(base + start)..<(base + column)]))
                        }
                    }
                }
            }
        }
    }

    /// The number of cells that differ from `previous` (all of them when the sizes differ).
    public func changedCellCount(from previous: Grid?) -> Int {
        diff(from: previous).reduce(0) { $0 + $1.width }
    }

    private mutating func put(_ glyph: UInt32, columns: Int, column: Int, row: Int, packedStyle: UInt32) {
        let index = row * width + column
        // Writing over the right half of a wide grapheme: blank its left half.
        if cells[index].isContinuation, column > 0 {
            cells[index - 1].glyph = 0x20
        }
        // The last cell written over is the left half of a wide grapheme: blank its right half.
        let last = column + columns - 1
        if last + 1 < width, !cells[row * width + last].isContinuation,
           cells[row * width + last + 1].isContinuation {
            cells[row * width + last + 1].glyph = 0x20
        }
        cells[index] = Cell(glyph: glyph, packedStyle: packedStyle)
        if columns == 2 {
            cells[index + 1] = Cell(glyph: Glyph.continuation, packedStyle: packedStyle)
        }
    }
}
