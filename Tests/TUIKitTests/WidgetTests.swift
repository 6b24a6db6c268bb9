import PlainText
import MonotonicTime
import TUIKit
import Testing

/// Renders `widget` on a blank grid of `width` x `height` and returns its lines.
func renderLines(_ widget: some Widget, width: Int, height: Int) -> [String] {
    var grid = Grid(width: width, height: height)
    grid.render(widget)
    return grid.lines
}

@Suite("BigDigits")
struct BigDigitsTests {
    @Test func everyDigitIsFiveRowsOfSixColumnsAndDistinct() {
        let digits = "0123456789".map { String($0) }
        var shapes = Set<[String]>()
        for digit in digits {
            let glyph = BigDigits.font[Character(digit)]!
            #expect(glyph.count == 5)
            #expect(glyph.allSatisfy { $0.count == 6 && $0.allSatisfy { $0 == " " || $0 == "█" } })
            shapes.insert(glyph)
        }
        #expect(shapes.count == 10)
    }

    @Test func rendersAllDigitsReadably() {
        let lines = renderLines(BigDigits("0123456789", style: .bold), width: 70, height: 5)
        #expect(lines == [
            " ████    ██   █████  █████  ██  ██ ██████  ████  ██████  ████   ████",
            "██  ██ ████       ██     ██ ██  ██ ██     ██         ██ ██  ██ ██  ██",
            "██  ██   ██    ████   ████  ██████ █████  █████     ██   ████   █████",
            "██  ██   ██   ██         ██     ██     ██ ██  ██   ██   ██  ██     ██",
            " ████  ██████ ██████ █████      ██ █████   ████    ██    ████   ████",
        ])
    }

    @Test func rendersMinutesAndSecondsWithAColon() {
        let digits = BigDigits("1:30")
        #expect(digits.width == 6 + 1 + 2 + 1 + 6 + 1 + 6)
        #expect(renderLines(digits, width: 30, height: 6) == [
            "  ██      █████   ████",
            "████   ██     ██ ██  ██",
            "  ██       ████  ██  ██",
            "  ██   ██     ██ ██  ██",
            "██████    █████   ████",
            "",
        ])
    }

    @Test("drawn cell for cell as its rows say, at every scale and alignment; its spaces leave what is under them",
          arguments: ["0123456789", "1:30", " 5", "GET READY", "RIGHT SIDE"], [1, 2, 3])
    func drawnAsItsRows(_ text: String, scale: Int) {
        for alignment in [TextAlignment.leading, .center, .trailing] {
            let digits = BigDigits(text, style: .bold, alignment: alignment, scale: scale)
            var grid = Grid(width: digits.width + 7, height: digits.scaledHeight + 3)
            grid.fill(grid.bounds, with: ".")
            let area = Rect(x: 2, y: 1, width: digits.width + 3, height: digits.scaledHeight + 1)
            digits.render(in: area, on: &grid)
            let left = 2 + (alignment == .leading ? 0 : alignment == .center ? 1 : 3)
            var expected = Array(repeating: String(repeating: ".", count: grid.width), count: grid.height)
            for (index, row) in digits.rows.enumerated() {
                var line = Array(expected[1 + index])
                for (offset, character) in row.enumerated() where character != " " { line[left + offset] = character }
                expected[1 + index] = String(line)
            }
            #expect(grid.lines == expected, "\(text) at scale \(scale), \(alignment)")
        }
    }

    @Test func centresAndFallsBackToPlainBoldDigitsWhenSmall() {
        let digits = BigDigits("45", alignment: .center)
        #expect(digits.fits(inWidth: 13))
        #expect(!digits.fits(inWidth: 12))
        #expect(!digits.fits(inWidth: 40, height: 4))
        #expect(renderLines(digits, width: 17, height: 5)[0] == "  ██  ██ ██████")
        var grid = Grid(width: 10, height: 2)
        grid.render(digits)
        #expect(grid.lines == ["    45", ""])
        #expect(grid[4, 0].style.bold)
    }
}

@Suite("Small widgets")
struct SmallWidgetTests {
    @Test func gaugeWithLabelAtTwoWidths() {
        let gauge = Gauge(fraction: 20.0 / 30.0, label: "20 of 30 s")
        #expect(renderLines(gauge, width: 42, height: 1) == ["████████████████████░░░░░░░░░░  20 of 30 s"])
        #expect(renderLines(gauge, width: 20, height: 1) == ["█████░░░  20 of 30 s"])
        #expect(renderLines(gauge, width: 12, height: 1) == ["████████░░░░"])  // label dropped
        #expect(renderLines(Gauge(fraction: 1.5), width: 4, height: 1) == ["████"])
        #expect(renderLines(Gauge(fraction: -1), width: 4, height: 1) == ["░░░░"])
    }

    @Test func ruleWithAndWithoutTitle() {
        #expect(renderLines(Rule(), width: 8, height: 1) == ["────────"])
        #expect(renderLines(Rule(title: "Pain trend"), width: 20, height: 1) == ["── Pain trend ──────"])
    }

    @Test func labelAlignsAndTruncates() {
        #expect(renderLines(Label("set 2 of 3", alignment: .trailing), width: 14, height: 1) == ["    set 2 of 3"])
        #expect(renderLines(Label("Knee to chest"), width: 8, height: 1) == ["Knee to…"])
    }

    @Test func keyFooterDropsLowPriorityAndLaterHintsFirst() {
        let footer = KeyFooter([
            KeyHint("p", "pause", priority: 1), KeyHint("enter", "next", priority: 2), KeyHint("s", "skip"),
            KeyHint("q", "end", priority: 1), KeyHint("?", "help"),
        ])
        #expect(renderLines(footer, width: 80, height: 1) == ["p pause · enter next · s skip · q end · ? help"])
        #expect(renderLines(footer, width: 40, height: 1) == ["p pause · enter next · s skip · q end"])
        #expect(renderLines(footer, width: 30, height: 1) == ["p pause · enter next · q end"])
        #expect(renderLines(footer, width: 12, height: 1) == ["enter next"])
        #expect(renderLines(footer, width: 5, height: 1) == [""])
        var grid = Grid(width: 80, height: 1)
        grid.render(footer)
        #expect(grid[0, 0].style == .accent)
        #expect(grid[2, 0].style == .normal)
    }

    @Test func sparklineScalesToEightLevelsAndShowsTheLatestValues() {
        let line = Sparkline([0, 2, 5, 7, 10, nil, 3], range: 0...10)
        #expect(line.text(width: 10) == "▁▂▅▆█ ▃")
        #expect(renderLines(line, width: 3, height: 1) == ["█ ▃"])
        #expect(Sparkline([1, 2]).text(width: 2) == "▅█")  // auto range 0...max
        var grid = Grid(width: 7, height: 1)
        let bands = ValueStyling.bands([.init(upTo: 3, style: Style(foreground: .good)), .init(upTo: 5, style: Style(foreground: .caution))],
                                       above: Style(foreground: .danger))
        grid.render(Sparkline([1, 5, 9], range: 0...10, styling: bands))
        #expect(grid[0, 0].style.foreground == .good)
        #expect(grid[1, 0].style.foreground == .caution)
        #expect(grid[2, 0].style.foreground == .danger)
    }
}

@Suite("WrappedText")
struct WrappedTextTests {
    @Test func wrapsWordsAndBreaksLongOnes() {
        #expect(WrappedText.wrap("Pull one knee gently toward your chest", width: 12) ==
                ["Pull one", "knee gently", "toward your", "chest"])
        #expect(WrappedText.wrap("abcdefghij xy", width: 4) == ["abcd", "efgh", "ij", "xy"])
        #expect(WrappedText.wrap("one\n\ntwo", width: 10) == ["one", "", "two"])
        #expect(WrappedText.wrap("", width: 5) == [""])
    }

    @Test func bulletsHangTheirIndent() {
        let text = WrappedText(["Breathe out as you pull.", "No bouncing."], marker: .bullet("•"))
        #expect(renderLines(text, width: 16, height: 4) == [
            "• Breathe out as",
            "  you pull.",
            "• No bouncing.",
            "",
        ])
    }

    @Test func numbersAlignPastNine() {
        let steps = (1...10).map { "step \($0) text" }
        let lines = renderLines(WrappedText(steps, marker: .numbered(start: 1)), width: 20, height: 10)
        #expect(lines[0] == "1.  step 1 text")
        #expect(lines[9] == "10. step 10 text")
        let wrapped = renderLines(WrappedText(["Lie on your back with knees bent"], marker: .numbered(start: 1)),
                                  width: 14, height: 3)
        #expect(wrapped == ["1. Lie on your", "   back with", "   knees bent"])
    }

    @Test func truncatesWithAnEllipsisWhenOutOfRows() {
        let text = WrappedText("Pull one knee gently toward your chest; the other leg stays relaxed")
        #expect(text.height(forWidth: 20) == 4)
        #expect(renderLines(text, width: 20, height: 2) == ["Pull one knee gently", "toward your chest;…"])
        #expect(renderLines(WrappedText("aaaa bbbb cccc"), width: 4, height: 2) == ["aaaa", "bbb…"])
    }

    @Test func paragraphSpacing() {
        let text = WrappedText(["one", "two"], paragraphSpacing: 1)
        #expect(renderLines(text, width: 5, height: 3) == ["one", "", "two"])
    }
}

@Suite("Charts")
struct ChartTests {
    @Test func barChartOverPainValuesWithAxes() {
        let bands = ValueStyling.bands([.init(upTo: 3, style: Style(foreground: .good)), .init(upTo: 5, style: Style(foreground: .caution))],
                                       above: Style(foreground: .danger))
        let chart = BarChart([0, 5, 10, nil, 3], xLabels: ["M", "T", "W", "T", "F"], styling: bands)
        #expect(renderLines(chart, width: 14, height: 7) == [
            "10┤     █",
            "  │     █",
            " 5┤   ▄ █",
            "  │   █ █   ▄",
            " 0┤ ▁ █ █   █",
            "  └───────────",
            "    M T W T F",
        ])
        var grid = Grid(width: 14, height: 7)
        grid.render(chart)
        #expect(grid[8, 0].style.foreground == .danger)
        #expect(grid[6, 3].style.foreground == .caution)
        #expect(grid[12, 4].style.foreground == .good)
        #expect(grid[0, 0].style == .muted)
    }

    @Test func barChartShowsTheLatestBarsWhenNarrow() {
        let chart = BarChart([10, 10, 10, 2, 4], styling: .uniform(.normal))
        let lines = renderLines(chart, width: 8, height: 3)
        #expect(lines == ["10┤", " 0┤ ▃ ▆", "  └─────"])
        #expect(!lines[1].contains("█"))  // the three 10s scrolled off
    }

    @Test func dotChartPlotsTwoSeries() {
        let chart = DotChart([
            .init([6, 5, 4], marker: "○"),
            .init([4, 4, 2], marker: "●"),
        ], xLabels: ["w1", "w2", "w3"], pointSpacing: 3)
        #expect(renderLines(chart, width: 14, height: 8) == [
            "10┤",
            "  │",
            " 5┤ ○  ○",
            "  │ ●  ●  ○",
            "  │       ●",
            " 0┤",
            "  └───────────",
            "    w1 w2 w3",
        ])
    }

    @Test func calendarHeatmapWeeksAsColumns() {
        let weeks: [[Int?]] = [
            [0, 1, 0, 2, 0, 0, 4],
            [3, 0, 0, 1, 0, nil, nil],
        ]
        let heatmap = CalendarHeatmap(weeks: weeks, weekLabels: ["Mar", nil])
        #expect(renderLines(heatmap, width: 10, height: 8) == [
            "  Mar",
            "M · ▓",
            "T ░ ·",
            "W · ·",
            "T ▒ ░",
            "F · ·",
            "S ·",
            "S █",
        ])
        let narrow = renderLines(CalendarHeatmap(weeks: weeks), width: 3, height: 7)
        #expect(narrow[0] == "M ▓")  // only the latest week fits
    }
}

@Suite("Table and overlays")
struct TableAndOverlayTests {
    let columns = [
        TableColumn("Date", width: .fixed(6)), TableColumn("Routine", width: .fill()),
        TableColumn("Pain", width: .fixed(4), alignment: .trailing),
    ]
    let rows = [["03-01", "gentle relief", "4→2"], ["03-02", "core foundations", "3→3"], ["03-04", "five-minute", "6→4"]]

    @Test func tableTruncatesAndAlignsColumns() {
        let table = Table(columns: columns, textRows: rows)
        #expect(renderLines(table, width: 26, height: 4) == [
            "Date   Routine        Pain",
            "03-01  gentle relief   4→2",
            "03-02  core foundati…  3→3",
            "03-04  five-minute     6→4",
        ])
    }

    @Test func selectedRowIsReversedAcrossTheWidthAndScrolls() {
        let table = Table(columns: columns, textRows: rows, selectedRow: 2, firstVisibleRow: 1)
        var grid = Grid(width: 26, height: 3)
        grid.render(table)
        #expect(grid.lines == [
            "Date   Routine        Pain",
            "03-02  core foundati…  3→3",
            "03-04  five-minute     6→4",
        ])
        #expect((0..<26).allSatisfy { grid[$0, 2].style.reverse })
        #expect(!grid[0, 1].style.reverse)
        #expect(grid[0, 0].style.bold)
        #expect(Table.scrollOffset(selected: 5, visibleRows: 3, current: 0) == 3)
        #expect(Table.scrollOffset(selected: 1, visibleRows: 3, current: 3) == 1)
        #expect(Table.scrollOffset(selected: 4, visibleRows: 3, current: 3) == 3)
    }

    @Test func helpOverlayIsABoxOverTheScreen() {
        var grid = Grid(width: 30, height: 9)
        grid.fill(grid.bounds, with: "x")
        grid.render(HelpOverlay(hints: [KeyHint("p", "pause"), KeyHint("enter", "next")], closingLine: "any key"))
        #expect(grid.lines == [
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "xxxxxxx┌─ Keys ───────┐xxxxxxx",
            "xxxxxxx│ p      pause │xxxxxxx",
            "xxxxxxx│ enter  next  │xxxxxxx",
            "xxxxxxx│              │xxxxxxx",
            "xxxxxxx│ any key      │xxxxxxx",
            "xxxxxxx└──────────────┘xxxxxxx",
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        ])
    }

    @Test func confirmDialogWrapsItsQuestion() {
        var grid = Grid(width: 40, height: 9)
        grid.render(ConfirmDialog(message: "End the session now? Every set you did is kept."))
        #expect(grid.lines == [
            "",
            " ┌────────────────────────────────────┐",
            " │ End the session now? Every set you │",
            " │ did is kept.                       │",
            " │                                    │",
            " │ y yes · n no                       │",
            " └────────────────────────────────────┘",
            "",
            "",
        ])
    }

    @Test func tooSmallNoticeNamesBothSizesAndHowToLeave() {
        let grid = TooSmallNotice(minimum: Size(width: 40, height: 12)).render(size: Size(width: 30, height: 6))
        #expect(grid.lines == ["", "make the terminal larger (need", "      40x12, have 30x6)", "", "            q quit", ""])
    }

    @Test func tooSmallNoticeShowsTheProgramsQuestionAndKeepsItWhenRoomRunsOut() {
        let notice = TooSmallNotice(minimum: Size(width: 40, height: 12))
        let question = "End the session now?\ny yes · n no"
        #expect(notice.render(size: Size(width: 30, height: 8), question: question).lines == [
            "", "make the terminal larger (need", "      40x12, have 30x8)", "", "     End the session now?", "         y yes · n no", "", "",
        ])
        // Three rows: the question wins over the size message.
        #expect(notice.render(size: Size(width: 30, height: 3), question: question).lines == [
            "make the terminal larger (need", "     End the session now?", "         y yes · n no",
        ])
        #expect(notice.render(size: Size(width: 20, height: 1)).lines == ["       q quit"])
    }
}
