/// How many terminal columns text occupies: a pure-Swift `wcwidth` (glibc's `wcwidth` does not
/// import into Swift on Linux).
///
/// Wide East Asian characters and characters with emoji presentation take two columns; combining
/// marks, format characters (ZWJ, variation selectors) and controls take none; everything else one.
/// The interface itself prefers single-width glyphs (block elements, box drawing, ▶ ⏸ ● ✓), whose
/// width every terminal agrees on.
public enum DisplayWidth {
    /// The columns one Unicode scalar takes on its own (0, 1 or 2).
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value == 0 { return 0 }
        if value < 0x20 || (0x7F...0x9F).contains(value) { return 0 }
        if value < 0x300 { return 1 }
        // General punctuation (no format characters) and box drawing with the block elements:
        // one column each, answered without the property lookups (the rules, gauges and big digits
        // of every frame are these).
        if isPlainSingleWidth(value) { return 1 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format:
            return 0
        default:
            break
        }
        if (0x1160...0x11FF).contains(value) { return 0 }  // Hangul medial vowels and final consonants
        if scalar.properties.isEmojiPresentation { return 2 }
        return isWideEastAsian(value) ? 2 : 1
    }

    /// True for scalars of one column that are not marks, format characters, emoji
    /// presentation or wide: U+2010-2027, U+2030-205F, U+2500-259F.
    @inline(__always)
    static func isPlainSingleWidth(_ value: UInt32) -> Bool {
        (value >= 0x2010 && value < 0x2028) || (value >= 0x2030 && value < 0x2060) || (value >= 0x2500 && value < 0x25A0)
    }

    /// True for a scalar that is a grapheme cluster of its own next to any of these, so text
    /// made only of them can be measured (and drawn) a scalar at a time: none of them extends,
    /// joins, prepends or pairs (no marks, ZWJ/ZWNJ, format or line separators, Hangul, regional
    /// indicators, variation selectors, CR/LF or other controls).
    @inline(__always)
    public static func standsAlone(_ value: UInt32) -> Bool {
        (value >= 0x20 && value < 0x7F) || (value >= 0xA0 && value < 0x300)
            || (value >= 0x2010 && value < 0x2028) || (value >= 0x2030 && value < 0x2060)
            || (value >= 0x2070 && value < 0x20D0) || (value >= 0x2100 && value < 0x2C00)
    }

    /// The columns one grapheme cluster takes: its first scalar's width, widened to two by an
    /// emoji presentation selector (U+FE0F) or a regional-indicator pair (a flag).
    public static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        var width = of(first)
        if width == 1, scalars.count > 1 {
            if scalars.contains(where: { $0.value == 0xFE0F }) && first.properties.isEmoji {
                width = 2
            } else if (0x1F1E6...0x1F1FF).contains(first.value) {
                width = 2
            }
        }
        if width == 0, scalars.count > 1, first.properties.generalCategory != .control {
            // A cluster that starts with a format character (rare): measure the rest.
            width = scalars.dropFirst().map { of($0) }.max() ?? 0
        }
        return width
    }

    /// The columns a whole string takes.
    public static func of(_ string: String) -> Int {
        // Printable ASCII (ids, most names, doses) takes one column a byte: no grapheme walk,
        // which was most of printing a 1,000-row `limber exercises`.
        if string.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return string.utf8.count }
        // Every scalar its own grapheme ("space/p pause · q stop", "…"): no grapheme walk either.
        if string.unicodeScalars.allSatisfy({ standsAlone($0.value) }) {
            return string.unicodeScalars.reduce(0) { $0 + of($1) }
        }
        return string.reduce(0) { $0 + of($1) }
    }

    /// Wide (W) and fullwidth (F) ranges of Unicode's East Asian Width property, without the
    /// emoji (those are caught by `isEmojiPresentation`).
    private static let wideEastAsianRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
        0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF,
        0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4,
        0x17000...0x18AFF, 0x1B000...0x1B2FF, 0x1F200...0x1F202, 0x1F210...0x1F23B,
        0x1F240...0x1F248, 0x1F250...0x1F251, 0x1F260...0x1F265, 0x20000...0x2FFFD,
        0x30000...0x3FFFD,
    ]

    private static func isWideEastAsian(_ value: UInt32) -> Bool {
        guard value >= 0x1100 else { return false }
        return wideEastAsianRanges.contains { $0.contains(value) }
    }
}

extension String {
    /// The number of terminal columns this string takes (see `DisplayWidth`).
    public var displayWidth: Int { DisplayWidth.of(self) }

    /// The string cut to at most `width` columns; when it had to be cut, the last column holds
    /// `ellipsis` ("…" by default) so the reader sees that something is missing.
    public func truncated(toWidth width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if displayWidth <= width { return self }
        let ellipsisWidth = ellipsis.displayWidth
        let budget = width - ellipsisWidth
        guard budget >= 0 else { return String(ellipsis.prefix(width)) }
        var result = ""
        var used = 0
        for character in self {
            let columns = DisplayWidth.of(character)
            if used + columns > budget { break }
            result.append(character)
            used += columns
        }
        return result + ellipsis
    }

    /// The string padded with spaces (or cut with "…") to exactly `width` columns.
    public func padded(toWidth width: Int, alignment: TextAlignment = .leading) -> String {
        let text = truncated(toWidth: width)
        let gap = max(0, width - text.displayWidth)
        switch alignment {
        case .leading: return text + String(repeating: " ", count: gap)
        case .trailing: return String(repeating: " ", count: gap) + text
        case .center:
            let left = gap / 2
            return String(repeating: " ", count: left) + text + String(repeating: " ", count: gap - left)
        }
    }
}

/// Where text sits inside a wider space.
public enum TextAlignment: Sendable, Hashable {
    case leading, center, trailing
}
