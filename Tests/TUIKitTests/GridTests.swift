import PlainText
import MonotonicTime
import TUIKit
import Testing

@Suite("Display width")
struct DisplayWidthTests {
    @Test func asciiBlockAndBoxGlyphsAreSingleWidth() {
        #expect("hello".displayWidth == 5)
        #expect("█░▒▓─┌┐▶⏸●✓·…".displayWidth == 13)
    }

    @Test func wideEastAsianAndEmojiAreDoubleWidth() {
        #expect(DisplayWidth.of(Character("日")) == 2)
        #expect("日本".displayWidth == 4)
        #expect(DisplayWidth.of(Character("한")) == 2)
        #expect(DisplayWidth.of(Character("😀")) == 2)
        #expect(DisplayWidth.of(Character("Ａ")) == 2)  // fullwidth A
        #expect(DisplayWidth.of(Character("❤️")) == 2)  // text heart + emoji presentation selector
        #expect(DisplayWidth.of(Character("🇫🇷")) == 2)
    }

    @Test func combiningMarksAndControlsAreZeroWidth() {
        #expect(DisplayWidth.of(Unicode.Scalar(0x0301)!) == 0)
        #expect("e\u{0301}".displayWidth == 1)
        #expect(DisplayWidth.of(Unicode.Scalar(0x200D)!) == 0)
        #expect("\t\n".displayWidth == 0)
    }

    @Test func truncationUsesAnEllipsisAndRespectsWideCharacters() {
        #expect("Knee to chest".truncated(toWidth: 8) == "Knee to…")
        #expect("short".truncated(toWidth: 8) == "short")
        #expect("日本語".truncated(toWidth: 4) == "日…")
        #expect("abc".truncated(toWidth: 0) == "")
        #expect("ab".padded(toWidth: 5, alignment: .trailing) == "   ab")
        #expect("ab".padded(toWidth: 6, alignment: .center) == "  ab  ")
    }
}

@Suite("Grid")
struct GridTests {
    @Test func writesTextAndTrimsTrailingSpacesInLines() {
        var grid = Grid(width: 10, height: 2)
        let end = grid.write("hold", column: 2, row: 1, style: .bold)
        #expect(end == 6)
        #expect(grid.lines == ["", "  hold"])
        #expect(grid[2, 1] == Cell("h", style: .bold))
        #expect(grid[0, 0] == .blank)
    }

    @Test func clipsAtTheGridAndAtAClipRectangle() {
        var grid = Grid(width: 6, height: 1)
        grid.write("abcdefgh", column: 3, row: 0)
        #expect(grid.lines == ["   abc"])
        grid.write("XYZ", column: -2, row: 0)
        #expect(grid.lines == ["Z  abc"])
        var clipped = Grid(width: 6, height: 1)
        clipped.write("123456", column: 0, row: 0, clip: Rect(x: 1, y: 0, width: 3, height: 1))
        #expect(clipped.lines == [" 234"])
        grid.write("nothing", column: 0, row: 5)  // off the grid: ignored
        #expect(grid.lines == ["Z  abc"])
    }

    @Test func wideCharactersTakeTwoCellsAndAreNotSplitAtTheEdge() {
        var grid = Grid(width: 5, height: 1)
        let end = grid.write("日本語", column: 0, row: 0)
        #expect(end == 6)
        #expect(grid.lines == ["日本"])  // the third would straddle the edge
        #expect(grid[0, 0].text == "日")
        #expect(grid[1, 0].isContinuation)
        #expect(grid[4, 0] == .blank)
    }

    @Test func overwritingHalfOfAWideCharacterBlanksTheOtherHalf() {
        var grid = Grid(width: 4, height: 1)
        grid.write("日本", column: 0, row: 0)
        grid.write("x", column: 1, row: 0)  // right half of 日
        #expect(grid.lines == [" x本"])
        grid.write("y", column: 2, row: 0)  // left half of 本
        #expect(grid.lines == [" xy"])
        #expect(grid[3, 0] == .blank)
    }

    @Test func diffOfIdenticalGridsIsEmpty() {
        var grid = Grid(width: 8, height: 3)
        grid.write("same", column: 1, row: 1)
        #expect(grid.diff(from: grid).isEmpty)
    }

    @Test func diffGivesRunsOfChangedCellsGroupedByStyle() {
        var before = Grid(width: 12, height: 2)
        before.write("00:45", column: 0, row: 0)
        before.write("set 1", column: 0, row: 1)
        var after = before
        after.write("00:44", column: 0, row: 0)
        after.write("set 2", column: 0, row: 1, style: .bold)
        let runs = after.diff(from: before)
        #expect(runs == [
            GridRun(row: 0, column: 4, text: "4", width: 1, style: .normal),
            GridRun(row: 1, column: 0, text: "set 2", width: 5, style: .bold),
        ])
        #expect(after.changedCellCount(from: before) == 6)
    }

    @Test func diffAgainstNothingOrAnotherSizeRedrawsEverything() {
        var grid = Grid(width: 3, height: 2)
        grid.write("ab", column: 0, row: 0, style: .bold)
        #expect(grid.changedCellCount(from: nil) == 6)
        #expect(grid.changedCellCount(from: Grid(width: 4, height: 2)) == 6)
        #expect(grid.diff(from: nil).first == GridRun(row: 0, column: 0, text: "ab", width: 2, style: .bold))
    }

    @Test func diffKeepsBothHalvesOfAChangedWideCharacter() {
        var before = Grid(width: 6, height: 1)
        before.write("a日b", column: 0, row: 0)
        var after = before
        after.write("本", column: 1, row: 0)
        #expect(after.diff(from: before) == [GridRun(row: 0, column: 1, text: "本", width: 2, style: .normal)])
    }

    @Test("the runs of a diff, written over the old screen, give the new one, and touch only changed cells and their wide halves")
    func diffRunsRebuildTheNewScreen() {
        var random = SystemRandomNumberGenerator()
        let pieces = ["a", "b", " ", "本", "日", "█", "e\u{0301}", "🇫🇷", "❤️"]
        let styles: [Style] = [.normal, .bold, .reversed]
        func scribble(_ grid: inout Grid, _ writes: Int) {
            for _ in 0..<writes {
                let text = (0..<Int.random(in: 1...4, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
                grid.write(text, column: Int.random(in: -1...11, using: &random), row: Int.random(in: 0...3, using: &random),
                           style: styles.randomElement(using: &random)!)
            }
        }
        for _ in 0..<2_000 {
            var before = Grid(width: 11, height: 4)
            scribble(&before, 8)
            var after = before
            scribble(&after, Int.random(in: 0...4, using: &random))
            let runs = after.diff(from: before)
            var streamed: [GridRun] = []
            after.forEachChangedRun(from: before) { row, column, cells in
                streamed.append(GridRun(row: row, column: column, text: cells.map(\.text).joined(), width: cells.count, style: cells[0].style))
            }
            #expect(streamed == runs)
            var rebuilt = before
            for run in runs {
                rebuilt.write(run.text, column: run.column, row: run.row, style: run.style)
                for column in run.column..<(run.column + run.width) {
                    let index = run.row * 11 + column
                    let neighbours = [index - 1, index, index + 1].filter { $0 >= run.row * 11 && $0 < (run.row + 1) * 11 }
                    #expect(neighbours.contains { after.cells[$0] != before.cells[$0] }, "an unchanged cell redrawn at \(column),\(run.row)")
                }
            }
            #expect(rebuilt.cells == after.cells, "\(before.lines) -> \(after.lines): \(runs)")
            if rebuilt.cells != after.cells { break }
        }
    }

    @Test("a cell is two plain words: rows compare as bytes")
    func cellIsTwoWords() {
        #expect(MemoryLayout<Cell>.size == 8)
        #expect(MemoryLayout<Cell>.stride == 8)
    }

    @Test("every grapheme and style survives a cell, multi-scalar ones included")
    func cellsKeepTheirGraphemeAndStyle() {
        let styles: [Style] = [.normal, .accent, .muted, .reversed, Style(foreground: .danger, background: .caution, bold: true, reverse: true, dim: true),
                               Style(foreground: .good, background: .muted, dim: true)]
        for text in [" ", "a", "", "█", "本", "😀", "🇫🇷", "❤️", "e\u{0301}", "\u{0}", "ab", "👍🏽"] {
            for style in styles {
                let cell = Cell(text, style: style)
                #expect(cell.text == text)
                #expect(cell.style == style)
                #expect(cell.isContinuation == text.isEmpty)
                #expect(cell == Cell(text, style: style))
            }
        }
        #expect(Cell("🇫🇷") != Cell("🇩🇪"))
        #expect(Cell("e\u{0301}") != Cell("e"))
        var cell = Cell("a")
        cell.text = "🇫🇷"
        cell.style = .bold
        #expect(cell == Cell("🇫🇷", style: .bold))
    }

    @Test func multiScalarGraphemesAreWrittenAndDiffedWhole() {
        var before = Grid(width: 8, height: 1)
        before.write("e\u{0301}🇫🇷x", column: 0, row: 0)
        #expect(before.lines == ["e\u{0301}🇫🇷x"])
        #expect(before[0, 0].text == "e\u{0301}")
        #expect(before[1, 0].text == "🇫🇷")
        #expect(before[2, 0].isContinuation)
        var after = before
        after.write("🇩🇪", column: 1, row: 0)
        #expect(after.diff(from: before) == [GridRun(row: 0, column: 1, text: "🇩🇪", width: 2, style: .normal)])
    }

    @Test("the scalars Grid.write takes one a cell are each a grapheme of their own, next to anything")
    func standaloneScalarsNeverJoin() {
        let ranges: [Range<UInt32>] = [0x20..<0x7F, 0xA0..<0x300, 0x2010..<0x2028, 0x2030..<0x2060, 0x2070..<0x20D0, 0x2100..<0x2C00]
        let partners: [Unicode.Scalar] = ["A", " ", "é", "…", "█", "─", "⏸"]
        var joined: [UInt32] = []
        for range in ranges {
            for value in range {
                guard let scalar = Unicode.Scalar(value) else { continue }
                for partner in partners + [scalar] {
                    var pair = String.UnicodeScalarView()
                    pair.append(scalar); pair.append(partner)
                    var reversed = String.UnicodeScalarView()
                    reversed.append(partner); reversed.append(scalar)
                    if String(pair).count != 2 || String(reversed).count != 2 { joined.append(value) }
                }
            }
        }
        #expect(joined.isEmpty)
        #expect(ranges.allSatisfy { range in range.allSatisfy { DisplayWidth.standsAlone($0) } })
        #expect(!DisplayWidth.standsAlone(0x0301) && !DisplayWidth.standsAlone(0x200D) && !DisplayWidth.standsAlone(0xFE0F))
    }

    @Test("the scalars measured without property lookups are one column by the full rules")
    func plainSingleWidthScalarsAreOneColumnByTheRules() {
        for range: Range<UInt32> in [0x2010..<0x2028, 0x2030..<0x2060, 0x2500..<0x25A0] {
            for value in range {
                let scalar = Unicode.Scalar(value)!
                let category = scalar.properties.generalCategory
                #expect(category != .nonspacingMark && category != .enclosingMark && category != .format, "\(value)")
                #expect(!scalar.properties.isEmojiPresentation, "\(value)")
                #expect(DisplayWidth.of(scalar) == 1)
            }
        }
        #expect("space/p pause · q stop…".displayWidth == 23)
        #expect("─本·".displayWidth == 4)
        // BigDigits walks its font by scalar: every glyph row is single-scalar graphemes.
        #expect(BigDigits.font.values.allSatisfy { rows in rows.allSatisfy { $0.unicodeScalars.count == $0.count } })
    }

    @Test("a write is the writes of its graphemes one by one, on every path (ASCII, standalone scalars, graphemes)")
    func writeEqualsGraphemeByGraphemeWrites() {
        var random = SystemRandomNumberGenerator()
        let pieces = ["a", " ", "·", "…", "█", "░", "⏸", "本", "e\u{0301}", "🇫🇷", "❤️", "\t", "Z", "😀"]
        for _ in 0..<1_000 {
            let text = (0..<Int.random(in: 0...8, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            let column = Int.random(in: -3...10, using: &random)
            let clip = Rect(x: Int.random(in: 0...4, using: &random), y: 0, width: Int.random(in: 0...12, using: &random), height: 1)
            var whole = Grid(width: 12, height: 1)
            whole.write("xx本yy", column: 2, row: 0)
            var onebyone = whole
            let end = whole.write(text, column: column, row: 0, style: .bold, clip: clip)
            var x = column
            for character in text {
                x = onebyone.write(String(character), column: x, row: 0, style: .bold, clip: clip)
            }
            #expect(whole == onebyone, "\(text.debugDescription) at \(column) in \(clip)")
            #expect(end == x)
        }
    }

    @Test func fillSetStyleAndPaste() {
        var grid = Grid(width: 5, height: 2)
        grid.fill(Rect(x: 1, y: 0, width: 3, height: 2), with: "░")
        #expect(grid.lines == [" ░░░", " ░░░"])
        grid.setStyle(.reversed, in: Rect(x: 0, y: 1, width: 5, height: 1))
        #expect(grid[2, 1].style == .reversed)
        var small = Grid(width: 2, height: 1)
        small.write("ok", column: 0, row: 0)
        grid.paste(small, column: 4, row: 0)
        #expect(grid.lines == [" ░░░o", " ░░░"])
    }
}

@Suite("Layout")
struct LayoutTests {
    @Test func splitRowsGivesFixedPartsFirstAndSharesTheRest() {
        let area = Rect(x: 0, y: 0, width: 80, height: 24)
        let parts = area.splitRows([.fixed(1), .fixed(1), .fill(), .fixed(1)])
        #expect(parts.map(\.height) == [1, 1, 21, 1])
        #expect(parts.map(\.y) == [0, 1, 2, 23])
    }

    @Test func splitColumnsWithWeightsAndSpacing() {
        let area = Rect(x: 2, y: 1, width: 31, height: 5)
        let parts = area.splitColumns([.fixed(10), .fill(1), .fill(2)], spacing: 1)
        #expect(parts.map(\.width) == [10, 7, 12])
        #expect(parts.map(\.x) == [2, 13, 21])
        #expect(parts.allSatisfy { $0.height == 5 && $0.y == 1 })
    }

    @Test func fixedPartsShrinkWhenThereIsNoRoom() {
        let parts = Rect(x: 0, y: 0, width: 10, height: 3).splitRows([.fixed(2), .fixed(5), .fill()])
        #expect(parts.map(\.height) == [2, 1, 0])
    }

    @Test func centredInsetAndEdges() {
        let area = Rect(x: 0, y: 0, width: 80, height: 24)
        #expect(area.centered(width: 20, height: 4) == Rect(x: 30, y: 10, width: 20, height: 4))
        #expect(area.centered(width: 100, height: 4).width == 80)
        #expect(area.inset(horizontal: 2, vertical: 1) == Rect(x: 2, y: 1, width: 76, height: 22))
        #expect(area.bottom(1) == Rect(x: 0, y: 23, width: 80, height: 1))
        #expect(area.droppingTop(2).height == 22)
        #expect(Rect(x: 0, y: 0, width: 3, height: 3).inset(horizontal: 5).isEmpty)
        #expect(area.intersection(Rect(x: 70, y: 20, width: 20, height: 20)) == Rect(x: 70, y: 20, width: 10, height: 4))
    }
}

@Suite("Styles and colour mode")
struct StyleTests {
    @Test func colorModeFollowsNoColorTheFlagAndTheTerminal() {
        #expect(ColorMode.decide(environment: [:], noColorFlag: false, terminalHasColors: true) == .color)
        #expect(ColorMode.decide(environment: ["NO_COLOR": "1"], noColorFlag: false, terminalHasColors: true) == .monochrome)
        #expect(ColorMode.decide(environment: ["NO_COLOR": ""], noColorFlag: false, terminalHasColors: true) == .color)
        #expect(ColorMode.decide(environment: [:], noColorFlag: true, terminalHasColors: true) == .monochrome)
        #expect(ColorMode.decide(environment: [:], noColorFlag: false, terminalHasColors: false) == .monochrome)
    }

    @Test func monochromeMapsColoursToAttributesOnly() {
        #expect(Style(foreground: .danger).resolved(for: .monochrome) == Style(bold: true))
        #expect(Style(foreground: .good).resolved(for: .monochrome) == Style())
        #expect(Style.muted.resolved(for: .monochrome) == Style(dim: true))
        #expect(Style(background: .accent).resolved(for: .monochrome) == Style(reverse: true))
        #expect(Style(foreground: .danger).resolved(for: .color) == Style(foreground: .danger))
    }
}
