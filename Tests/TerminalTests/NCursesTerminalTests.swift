import Testing
import CNCurses
import TUIKit
import Terminal

/// The real backend, headless: newterm("xterm-256color") over /dev/null, screen read back with
/// mvwin_wch. ncurses has one current screen per process, so these tests run one at a time.
@Suite("NCursesTerminal (headless)", .serialized)
struct NCursesTerminalTests {
    @Test func drawsAGridAndReadsItBack() throws {
        let terminal = try #require(NCursesTerminal(size: Size(width: 40, height: 12)))
        defer { terminal.restore() }
        #expect(terminal.size == Size(width: 40, height: 12))
        #expect(terminal.colorMode == .color)

        var grid = Grid(size: terminal.size)
        grid.write("limber · gentle relief", column: 0, row: 0, style: .accent)
        grid.render(BigDigits("45"), in: Rect(x: 2, y: 2, width: 20, height: 5))
        grid.render(Gauge(fraction: 0.5, label: "15 of 30 s"), in: Rect(x: 0, y: 8, width: 30, height: 1))
        grid.write("日本 ok", column: 0, row: 10)
        grid.write("pain 7", column: 0, row: 11, style: Style(foreground: .danger))
        terminal.draw(grid)

        #expect(terminal.lastDrawnCellCount == 40 * 12)
        #expect(terminal.lines == grid.lines)
        #expect(terminal.text(row: 2) == "  ██  ██ ██████")
        #expect(terminal.text(row: 10) == "日本 ok")
        let title = terminal.cellAttributes(column: 0, row: 0)
        #expect(title.bold)
        #expect(title.pair == NCursesTerminal.pairNumber(foreground: .accent, background: .normal))
        #expect(terminal.cellAttributes(column: 0, row: 11).pair == NCursesTerminal.pairNumber(foreground: .danger, background: .normal))
        #expect(terminal.cellAttributes(column: 0, row: 5).pair == 0)
    }

    @Test func combiningMarksAndWideGraphemesReachTheScreenWhole() throws {
        let terminal = try #require(NCursesTerminal(size: Size(width: 40, height: 12)))
        defer { terminal.restore() }
        var grid = Grid(size: terminal.size)
        grid.write("caf\u{0065}\u{0301} 本 ok", column: 0, row: 3, style: .bold)
        terminal.draw(grid)
        #expect(terminal.character(column: 3, row: 3) == "e\u{0301}")
        #expect(terminal.character(column: 5, row: 3) == "本")
        #expect(terminal.text(row: 3) == "cafe\u{0301} 本 ok")
        #expect(terminal.cellAttributes(column: 8, row: 3).bold)
        var second = grid
        second.write("日", column: 5, row: 3, style: .bold)
        terminal.draw(second)
        #expect(terminal.lastDrawnCellCount == 2)
        #expect(terminal.text(row: 3) == "cafe\u{0301} 日 ok")
    }

    @Test func aSecondDrawWritesOnlyTheChangedCells() throws {
        let terminal = try #require(NCursesTerminal(size: Size(width: 40, height: 12)))
        defer { terminal.restore() }
        var first = Grid(size: terminal.size)
        first.write("00:45", column: 0, row: 0)
        first.write("set 1 of 3", column: 0, row: 1)
        terminal.draw(first)

        // A mark written behind the grid's back survives a redraw only if that cell is not rewritten.
        terminal.writeDirectly("X", column: 39, row: 10)
        var second = first
        second.write("00:44", column: 0, row: 0)
        second.write("set 2 of 3", column: 0, row: 1, style: .reversed)
        terminal.draw(second)

        #expect(terminal.lastDrawnCellCount == 1 + 10)
        #expect(terminal.text(row: 0) == "00:44")
        #expect(terminal.text(row: 1) == "set 2 of 3")
        #expect(terminal.cellAttributes(column: 0, row: 1).reverse)
        #expect(!terminal.cellAttributes(column: 0, row: 0).reverse)
        #expect(terminal.character(column: 39, row: 10) == "X")

        terminal.draw(second)
        #expect(terminal.lastDrawnCellCount == 0)
    }

    @Test func monochromeUsesAttributesOnly() throws {
        let terminal = try #require(NCursesTerminal(size: Size(width: 40, height: 12), environment: ["NO_COLOR": "1"]))
        defer { terminal.restore() }
        #expect(terminal.colorMode == .monochrome)
        var grid = Grid(size: terminal.size)
        grid.write("stop", column: 0, row: 0, style: Style(foreground: .danger))
        grid.write("note", column: 0, row: 1, style: .muted)
        terminal.draw(grid)
        let danger = terminal.cellAttributes(column: 0, row: 0)
        #expect(danger.bold && danger.pair == 0)
        #expect(terminal.cellAttributes(column: 0, row: 1).dim)
    }

    @Test func noColorFlagAlsoMeansMonochrome() throws {
        let terminal = try #require(NCursesTerminal(size: Size(width: 40, height: 12), noColorFlag: true))
        defer { terminal.restore() }
        #expect(terminal.colorMode == .monochrome)
    }

    @Test func readingTimesOutWithNil() throws {
        let terminal = try #require(NCursesTerminal(size: Size(width: 40, height: 12)))
        defer { terminal.restore() }
        #expect(terminal.readKey(timeoutMilliseconds: 10) == nil)
    }

    @Test func restoreIsIdempotentAndHeadlessLeavesSignalsAlone() throws {
        let terminal = try #require(NCursesTerminal(size: Size(width: 40, height: 12)))
        #expect(!terminal.restoreHandlersAreInstalled)  // headless terminals do not take over signals
        terminal.restore()
        terminal.restore()
        terminal.draw(Grid(width: 40, height: 12))  // ignored after restore, no crash
        #expect(terminal.readKey(timeoutMilliseconds: 0) == nil)
    }

    @Test func aBracketedPasteIsOneEventAndTheKeysAfterItAreKeys() throws {
        let terminal = try #require(NCursesTerminal(size: Size(width: 40, height: 12),
                                                    input: "\u{1B}[200~see notes\r\u{1B}[201~q\u{1B}[200~left\u{1B}[201~p"))
        defer { terminal.restore() }
        #expect(terminal.readKey(timeoutMilliseconds: 100) == .paste("see notes\r"))
        #expect(terminal.readKey(timeoutMilliseconds: 100) == .character("q"))
        #expect(terminal.readKey(timeoutMilliseconds: 100) == .paste("left"))
        #expect(terminal.readKey(timeoutMilliseconds: 100) == .character("p"))
    }

    @Test func aPasteWhoseEndNeverComesEndsWhenTheInputFallsSilent() throws {
        let terminal = try #require(NCursesTerminal(size: Size(width: 40, height: 12), input: "\u{1B}[200~left"))
        defer { terminal.restore() }
        #expect(terminal.readKey(timeoutMilliseconds: 100) == .paste("left"))
        #expect(terminal.readKey(timeoutMilliseconds: 10) == nil)
    }

    @Test func typedKeysStillArriveInOrder() throws {
        // ESC O D is xterm-256color's left arrow (kcub1) in keypad mode.
        let terminal = try #require(NCursesTerminal(size: Size(width: 40, height: 12), input: "s\u{1B}ODl"))
        defer { terminal.restore() }
        #expect(terminal.readKey(timeoutMilliseconds: 100) == .character("s"))
        #expect(terminal.readKey(timeoutMilliseconds: 100) == .left)
        #expect(terminal.readKey(timeoutMilliseconds: 100) == .character("l"))
    }

    @Test func terminalTypesThatCannotRunAFullScreenProgramAreNamed() {
        #expect(throws: Never.self) { try NCursesTerminal.checkTerminalType("xterm-256color") }
        #expect(throws: NCursesTerminal.Unusable(terminalType: "dumb", reason: .noCursorAddressing)) {
            try NCursesTerminal.checkTerminalType("dumb")
        }
        #expect(throws: NCursesTerminal.Unusable(terminalType: "no-such-term", reason: .unknown)) {
            try NCursesTerminal.checkTerminalType("no-such-term")
        }
        #expect(throws: NCursesTerminal.Unusable(terminalType: nil, reason: .notSet)) { try NCursesTerminal.checkTerminalType(nil) }
        #expect(throws: NCursesTerminal.Unusable(terminalType: nil, reason: .notSet)) { try NCursesTerminal.checkTerminalType("") }
        #expect(NCursesTerminal.Unusable(terminalType: "dumb", reason: .noCursorAddressing).description
            == "limber needs a full-screen terminal, but TERM is \"dumb\", a terminal that cannot move the cursor — "
            + "run it in a terminal window, or set TERM=xterm-256color")
        #expect(NCursesTerminal.Unusable(terminalType: nil, reason: .notSet).description
            == "limber needs a full-screen terminal, but TERM is not set — run it in a terminal window, or set TERM=xterm-256color")
        // A headless terminal can still be made after the checks (they leave no terminal set up).
        #expect(NCursesTerminal(size: Size(width: 40, height: 12)).map { $0.restore(); return true } == true)
    }

    @Test func keyCodesMapToKeys() {
        #expect(NCursesTerminal.key(forCharacter: 10) == .enter)
        #expect(NCursesTerminal.key(forCharacter: 13) == .enter)
        #expect(NCursesTerminal.key(forCharacter: 27) == .escape)
        #expect(NCursesTerminal.key(forCharacter: 32) == .space)
        #expect(NCursesTerminal.key(forCharacter: 127) == .backspace)
        #expect(NCursesTerminal.key(forCharacter: 8) == .backspace)
        #expect(NCursesTerminal.key(forCharacter: 0x71) == .character("q"))
        #expect(NCursesTerminal.key(forCharacter: 0x00E9) == .character("é"))
        #expect(NCursesTerminal.key(forKeyCode: KEY_ENTER) == .enter)
        #expect(NCursesTerminal.key(forKeyCode: KEY_RESIZE) == .resize)
        #expect(NCursesTerminal.key(forKeyCode: KEY_BACKSPACE) == .backspace)
        #expect(NCursesTerminal.key(forKeyCode: KEY_LEFT) == .left)
        #expect(NCursesTerminal.key(forKeyCode: KEY_NPAGE) == .pageDown)
        #expect(NCursesTerminal.key(forKeyCode: KEY_F0) == nil)
    }
}
