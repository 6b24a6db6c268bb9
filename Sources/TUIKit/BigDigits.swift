import PlainText
/// A countdown in a block-character font five rows tall, readable from the mat two metres away:
///
///     █████   ████
///         ██ ██  ██
///      ████  ██  ██
///     ██     ██  ██
///     ██████  ████
///
/// Digits are 6 columns wide, ':' 2, a space as wide as a digit (so "  5" lines up with "45"),
/// with one blank column between glyphs. The capital letters of the phase words (HOLD, UP, DOWN,
/// REST, REPS, GET READY, LEFT / RIGHT SIDE) are in the font too; other characters are skipped.
/// `scale` multiplies every cell (2 is 10 rows tall, 3 is 15), so the number can grow with the
/// terminal the way termdown's does. When the area is too small, `render` falls back to the
/// plain text in bold; callers can ask `fits` first.
public struct BigDigits: Widget, Sendable {
    /// The rows of the font at scale 1.
    public static let height = 5

    /// The text: digits, ':' and spaces ("45", "1:30").
    public var text: String
    /// The style of the blocks (and of the plain fallback).
    public var style: Style
    /// Where it sits horizontally in its area.
    public var alignment: TextAlignment
    /// Cells per font cell, each way (1 or more).
    public var scale: Int

    /// Big digits for `text`.
    public init(_ text: String, style: Style = Style(foreground: .accent, bold: true), alignment: TextAlignment = .leading,
                scale: Int = 1) {
        self.text = text
        self.style = style
        self.alignment = alignment
        self.scale = max(1, scale)
    }

    /// Rows the big rendering takes at this scale.
    public var scaledHeight: Int { BigDigits.height * scale }

    /// The glyph rows of each supported character.
    public static let font: [Character: [String]] = [
        "0": [" ████ ", "██  ██", "██  ██", "██  ██", " ████ "],
        "1": ["  ██  ", "████  ", "  ██  ", "  ██  ", "██████"],
        "2": ["█████ ", "    ██", " ████ ", "██    ", "██████"],
        "3": ["█████ ", "    ██", " ████ ", "    ██", "█████ "],
        "4": ["██  ██", "██  ██", "██████", "    ██", "    ██"],
        "5": ["██████", "██    ", "█████ ", "    ██", "█████ "],
        "6": [" ████ ", "██    ", "█████ ", "██  ██", " ████ "],
        "7": ["██████", "    ██", "   ██ ", "  ██  ", "  ██  "],
        "8": [" ████ ", "██  ██", " ████ ", "██  ██", " ████ "],
        "9": [" ████ ", "██  ██", " █████", "    ██", " ████ "],
        ":": ["  ", "██", "  ", "██", "  "],
        " ": ["      ", "      ", "      ", "      ", "      "],
        "A": [" ████ ", "██  ██", "██████", "██  ██", "██  ██"],
        "D": ["█████ ", "██  ██", "██  ██", "██  ██", "█████ "],
        "E": ["██████", "██    ", "█████ ", "██    ", "██████"],
        "F": ["██████", "██    ", "█████ ", "██    ", "██    "],
        "G": [" █████", "██    ", "██ ███", "██  ██", " ████ "],
        "H": ["██  ██", "██  ██", "██████", "██  ██", "██  ██"],
        "I": ["██████", "  ██  ", "  ██  ", "  ██  ", "██████"],
        "L": ["██    ", "██    ", "██    ", "██    ", "██████"],
        "N": ["██  ██", "███ ██", "██████", "██ ███", "██  ██"],
        "O": [" ████ ", "██  ██", "██  ██", "██  ██", " ████ "],
        "P": ["█████ ", "██  ██", "█████ ", "██    ", "██    "],
        "R": ["█████ ", "██  ██", "█████ ", "██ ██ ", "██  ██"],
        "S": [" █████", "██    ", " ████ ", "    ██", "█████ "],
        "T": ["██████", "  ██  ", "  ██  ", "  ██  ", "  ██  "],
        "U": ["██  ██", "██  ██", "██  ██", "██  ██", " ████ "],
        "W": ["██  ██", "██  ██", "██ ███", "██████", "██  ██"],
        "Y": ["██  ██", "██  ██", " ████ ", "  ██  ", "  ██  "],
    ]

    /// `font` by ASCII code (every character of the font is ASCII), so a frame's many width
    /// questions (the scale that fits, where the word goes) hash no Character and count no glyph.
    private static let asciiFont: [[String]?] = (0..<128).map { font[Character(Unicode.Scalar(UInt8($0)))] }
    /// The columns of each glyph of `asciiFont` (0 where there is none).
    private static let asciiGlyphWidths: [Int] = asciiFont.map { $0?[0].count ?? 0 }

    /// The font codes of the characters of `text` that have a glyph, in order. (In ASCII text
    /// every byte is a character but for "\r\n", neither half of which has a glyph.)
    private static func glyphCodes(_ text: String) -> [Int] {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            return text.utf8.compactMap { asciiFont[Int($0)] == nil ? nil : Int($0) }
        }
        return text.compactMap { character in
            guard character.unicodeScalars.count == 1, let code = character.asciiValue, asciiFont[Int(code)] != nil else { return nil }
            return Int(code)
        }
    }

    /// True when every character of `text` has a glyph (a word can be drawn big).
    public static func canDraw(_ text: String) -> Bool {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.utf8.allSatisfy { asciiFont[Int($0)] != nil } }
        return text.allSatisfy { font[$0] != nil }
    }

    private var glyphs: [[String]] { BigDigits.glyphCodes(text).map { BigDigits.asciiFont[$0]! } }

    /// The columns the big rendering takes.
    public var width: Int {
        let codes = BigDigits.glyphCodes(text)
        guard !codes.isEmpty else { return 0 }
        return (codes.reduce(0) { $0 + BigDigits.asciiGlyphWidths[$1] } + codes.count - 1) * scale
    }

    /// True when the big rendering fits `width` columns (and, if given, `height` rows).
    public func fits(inWidth width: Int, height: Int? = nil) -> Bool {
        self.width <= width && (height ?? scaledHeight) >= scaledHeight
    }

    /// The rows of the big rendering (five times the scale), each cell repeated `scale` times.
    public var rows: [String] {
        let base = (0..<BigDigits.height).map { row in glyphs.map { $0[row] }.joined(separator: " ") }
        guard scale > 1 else { return base }
        return base.flatMap { row in
            Array(repeating: String(row.flatMap { Array(repeating: $0, count: scale) }), count: scale)
        }
    }

    /// Draws the big digits at the top of `area`, or the plain text in bold when they don't fit.
    public func render(in area: Rect, on grid: inout Grid) {
        guard !area.isEmpty else { return }
        guard fits(inWidth: area.width, height: area.height) else {
            Label(text, style: style.bolded(), alignment: alignment).render(in: area, on: &grid)
            return
        }
        let gap = area.width - width
        let left = alignment == .leading ? 0 : (alignment == .center ? gap / 2 : gap)
        // One fill per run of blocks in a font row, not one write per cell: this is most of the
        // work of a frame in a hold, drawn every second.
        let shown = glyphs
        for fontRow in 0..<BigDigits.height {
            var fontColumn = 0
            var runStart: Int?
            var runCharacter: Character = " "
            var runScalar: Unicode.Scalar = " "
            func flush(_ end: Int) {
                guard let start = runStart else { return }
                let rect = Rect(x: area.x + left + start * scale, y: area.y + fontRow * scale,
                                width: (end - start) * scale, height: scale).intersection(area)
                if !rect.isEmpty { grid.fill(rect, with: runCharacter, style: style) }
                runStart = nil
            }
            for (index, glyph) in shown.enumerated() {
                // Spaces in the glyphs (and the gap between them) leave what is under them.
                if index > 0 { flush(fontColumn); fontColumn += 1 }
                // The font is made of single-scalar graphemes ("█", " "): walked by scalar.
                for scalar in glyph[fontRow].unicodeScalars {
                    if scalar == " " || (runStart != nil && scalar != runScalar) { flush(fontColumn) }
                    if scalar != " " && runStart == nil { runStart = fontColumn; runScalar = scalar; runCharacter = Character(scalar) }
                    fontColumn += 1
                }
            }
            flush(fontColumn)
        }
    }
}
