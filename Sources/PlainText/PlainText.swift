/// Plain text laid out in columns of a terminal: the one word-wrap and the one column layout
/// that every module uses (the screens through TUIKit's `WrappedText`, `limber show`, `limber
/// policy`, `limber history`, the catalog lists). Widths are display widths, so wide glyphs
/// count twice.
public enum PlainText {
    /// Greedy word wrap of `text` to `width` columns. Newlines start new lines; words longer
    /// than a line are broken.
    public static func wrap(_ text: String, width: Int) -> [String] {
        let width = max(1, width)
        var result: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            for wordSubstring in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                var word = String(wordSubstring)
                var wordWidth = word.displayWidth
                if lineWidth > 0, lineWidth + 1 + wordWidth <= width {
                    line += " " + word
                    lineWidth += 1 + wordWidth
                    continue
                }
                if lineWidth > 0 {
                    result.append(line)
                    line = ""
                    lineWidth = 0
                }
                while wordWidth > width {
                    var head = ""
                    var headWidth = 0
                    var rest = Substring(word)
                    while let character = rest.first, headWidth + DisplayWidth.of(character) <= width {
                        head.append(character)
                        headWidth += DisplayWidth.of(character)
                        rest = rest.dropFirst()
                    }
                    if head.isEmpty { head = String(rest.prefix(1)); rest = rest.dropFirst() }
                    result.append(head)
                    word = String(rest)
                    wordWidth = word.displayWidth
                }
                line = word
                lineWidth = wordWidth
            }
            result.append(line)
        }
        return result
    }

    /// `text` wrapped to `width` columns with a prefix on the first line and another on the
    /// rest: a bullet or a step number with a hanging indent ("  * " then "    ").
    public static func wrap(_ text: String, width: Int, first: String, rest: String) -> [String] {
        let room = max(1, width - max(first.displayWidth, rest.displayWidth))
        return wrap(text, width: room).enumerated().map { index, line in (index == 0 ? first : rest) + line }
    }

    /// Rows as left-aligned columns two spaces apart, each line ending without spaces (the last
    /// column is not padded); one line per row, joined with newlines, no newline at the end.
    public static func columns(_ rows: [[String]]) -> String {
        let count = rows.map(\.count).max() ?? 0
        var widths = Array(repeating: 0, count: count)
        for row in rows { for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.displayWidth) } }
        return rows.map { row in
            var line = ""
            for (column, cell) in row.enumerated() {
                if column > 0 { line += "  " }
                line += column == row.count - 1 ? cell : cell.padded(toWidth: widths[column])
            }
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }
}
