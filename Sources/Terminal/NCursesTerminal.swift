import PlainText
import TUIKit
import CNCurses
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `TerminalBackend` of the app: ncursesw, wide characters, colours from the palette,
/// keys through `wget_wch` with `wtimeout`, only changed cells written.
///
/// There is one ncurses screen per process; make one `NCursesTerminal` at a time and call
/// `restore()` when done (it is idempotent, and the signal handlers it installs restore the
/// terminal when the process dies of SIGINT, SIGTERM, SIGHUP, SIGQUIT or any crash signal,
/// Swift runtime traps included).
///
/// Bracketed paste is on while the terminal is taken over: a paste arrives as one
/// `Key.paste`, never as the keys of its characters.
public final class NCursesTerminal: TerminalBackend {
    /// Whether colours or attributes only are used.
    public let colorMode: ColorMode

    private let window: UnsafeMutablePointer<WINDOW>
    private let screen: OpaquePointer?
    private var headlessFiles: [UnsafeMutablePointer<FILE>] = []
    private var previousGrid: Grid?
    /// The buffer `draw` writes each run's characters into.
    private var wideText: [wchar_t] = []
    private var isRestored = false
    /// Reads in a row that failed at once although they were allowed to wait (see `readKey`).
    private var immediateFailures = 0
    /// After this many, the terminal is taken to be gone.
    static let failuresMeaningTheTerminalIsGone = 50
    /// A paste whose end marker has not come after this long of silence is taken as over.
    static let pasteSilenceMilliseconds: Int32 = 500
    /// Pasted text beyond this many characters is read and dropped (nothing keeps it).
    static let pasteCharacterLimit = 65_536
    /// A resize that arrived inside a paste, reported by the next read.
    private var resizeArrivedDuringPaste = false
    private let installedSignalHandlers: Bool
    private var colorPairs: [Style: (attributes: attr_t, pair: Int16)] = [:]
    private let usesBrightBlackForMuted: Bool

    /// How many cells the last `draw` wrote (all of them after a resize or on the first frame).
    public private(set) var lastDrawnCellCount = 0

    /// True when both stdin and stdout are terminals; a TUI command says "run it in a terminal"
    /// otherwise.
    public static func isInteractive() -> Bool {
        isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
    }

    /// Why the terminal cannot run a full-screen program, as the one line a command reports.
    public struct Unusable: Error, CustomStringConvertible, Equatable {
        /// The value of TERM (nil when it is not set).
        public var terminalType: String?
        /// What is wrong with it.
        public var reason: Reason

        /// What is wrong with a terminal type.
        public enum Reason: Sendable, Equatable {
            /// TERM is not set (or empty).
            case notSet
            /// The terminfo database has no such terminal.
            case unknown
            /// No terminfo database could be found at all.
            case noDatabase
            /// Known, but it cannot move the cursor (dumb, printing terminals).
            case noCursorAddressing
        }

        /// `terminalType` is unusable for `reason`.
        public init(terminalType: String?, reason: Reason) {
            self.terminalType = terminalType
            self.reason = reason
        }

        public var description: String {
            let what: String
            switch reason {
            case .notSet: what = "TERM is not set"
            case .unknown: what = "TERM is \"\(terminalType ?? "")\", an unknown terminal type"
            case .noDatabase: what = "TERM is \"\(terminalType ?? "")\" and no terminal database (terminfo) was found"
            case .noCursorAddressing: what = "TERM is \"\(terminalType ?? "")\", a terminal that cannot move the cursor"
            }
            return "limber needs a full-screen terminal, but \(what) — run it in a terminal window, or set TERM=xterm-256color"
        }
    }

    /// Checks that `terminalType` (TERM by default) names a terminal limber can draw on: known to
    /// terminfo and able to move the cursor. Call it before taking the terminal over; the
    /// initializer checks again. ncurses itself would draw garbage on TERM=dumb, and exit with
    /// only "Error opening terminal: unknown." when TERM is unset or unknown.
    public static func checkTerminalType(_ terminalType: String? = NCursesTerminal.environmentTerminalType()) throws(Unusable) {
        guard let terminalType, !terminalType.isEmpty else { throw Unusable(terminalType: nil, reason: .notSet) }
        switch limber_check_terminal_type(terminalType) {
        case 1: return
        case 2: throw Unusable(terminalType: terminalType, reason: .noCursorAddressing)
        case -1: throw Unusable(terminalType: terminalType, reason: .noDatabase)
        default: throw Unusable(terminalType: terminalType, reason: .unknown)
        }
    }

    /// TERM of this process, as ncurses will read it.
    public static func environmentTerminalType() -> String? {
        getenv("TERM").map { String(cString: $0) }
    }

    /// Takes over the controlling terminal (initscr) and turns bracketed paste on.
    /// - Parameters:
    ///   - noColorFlag: `--no-color` was given.
    ///   - environment: where NO_COLOR is looked up (the process environment by default).
    ///   - installSignalHandlers: restore the terminal when the process dies of SIGINT, SIGTERM,
    ///     SIGHUP, SIGQUIT or a crash signal (and keep paste mode off while suspended).
    /// - Throws: `Unusable` when TERM is unset, unknown or cannot move the cursor (nothing has
    ///   been changed then).
    public convenience init(noColorFlag: Bool = false, environment: [String: String]? = nil,
                            installSignalHandlers: Bool = true) throws(Unusable) {
        try NCursesTerminal.checkTerminalType()
        setlocale(LC_ALL, "")
        limber_unblock_terminal_signals()
        // What the signals did before ncurses and we replace them, to put back after restore.
        if installSignalHandlers { limber_save_signal_actions() }
        // Cannot fail after the check above (initscr would print and exit if it did).
        let window = initscr()!
        // One write() per frame instead of one per cursor move: ncurses 6.4 flushes its output
        // buffer after every internal cursor move while the screen is still in its "initial"
        // state (lib_mvcur.c, meant for terminfo-only programs), and only leaving and resuming
        // curses mode ends that state. Measured in a hold: 10.9 writes/s before, 1/s after.
        // Nothing has been drawn yet, so leaving the alternate screen for a moment shows what
        // the terminal showed before limber started.
        endwin()
        wrefresh(window)
        self.init(window: window, screen: nil, noColorFlag: noColorFlag,
                  environment: environment ?? NCursesTerminal.processEnvironment(), installSignalHandlers: installSignalHandlers)
        limber_set_bracketed_paste(1)
    }

    /// A terminal that draws into nothing, for tests: `newterm(terminalType, /dev/null, input)`
    /// resized to `size`. The screen ncurses keeps can be read back with `text(row:)` and
    /// `cellAttributes(column:row:)`; `input` is the bytes the terminal "types" (none by default),
    /// read by `readKey` as from a real terminal.
    public convenience init?(headlessTerminalType terminalType: String = "xterm-256color", size: Size,
                             noColorFlag: Bool = false, environment: [String: String] = [:], input typed: String = "") {
        setlocale(LC_ALL, "")
        guard let output = fopen("/dev/null", "w") else { return nil }
        guard let input = typed.isEmpty ? fopen("/dev/null", "r") : tmpfile() else { fclose(output); return nil }
        if !typed.isEmpty {
            fputs(typed, input)
            fflush(input)
            rewind(input)
        }
        guard let screen = newterm(terminalType, output, input) else {
            fclose(output); fclose(input); return nil
        }
        set_term(screen)
        resizeterm(Int32(size.height), Int32(size.width))
        guard let window = limber_stdscr() else { return nil }
        self.init(window: window, screen: screen, noColorFlag: noColorFlag, environment: environment,
                  installSignalHandlers: false)
        headlessFiles = [output, input]
        // resizeterm queues a KEY_RESIZE; the caller asked for this size, so drop it (and put
        // back a typed key read instead).
        wtimeout(window, 0)
        var pending: wint_t = 0
        let first = wget_wch(window, &pending)
        if first == KEY_CODE_YES, Int32(bitPattern: pending) != KEY_RESIZE {
            ungetch(Int32(bitPattern: pending))
        } else if first == OK {
            unget_wch(wchar_t(bitPattern: pending))
        }
    }

    private init(window: UnsafeMutablePointer<WINDOW>, screen: OpaquePointer?, noColorFlag: Bool,
                 environment: [String: String], installSignalHandlers: Bool) {
        self.window = window
        self.screen = screen
        cbreak()
        noecho()
        nonl()
        keypad(window, true)
        limber_define_paste_keys()
        set_escdelay(25)
        curs_set(0)
        // No typeahead check inside every refresh (a poll() of the input per refresh, to cut an
        // update short when a key is waiting): each frame is small, and the loop reads the key
        // right after drawing anyway.
        typeahead(-1)
        let mode = ColorMode.decide(environment: environment, noColorFlag: noColorFlag,
                                    terminalHasColors: has_colors())
        colorMode = mode
        usesBrightBlackForMuted = limber_colors() >= 16
        installedSignalHandlers = installSignalHandlers
        if mode == .color {
            start_color()
            use_default_colors()
            for foreground in PaletteColor.allCases {
                for background in PaletteColor.allCases {
                    let pair = NCursesTerminal.pairNumber(foreground: foreground, background: background)
                    guard Int32(pair) < limber_color_pairs() else { continue }
                    init_pair(pair, terminalColor(foreground), terminalColor(background))
                }
            }
        }
        if installSignalHandlers { limber_install_restore_handlers() }
    }

    deinit {
        restore()
    }

    /// The size of the screen (re-read from ncurses, so it is right after KEY_RESIZE).
    public var size: Size {
        Size(width: Int(getmaxx(window)), height: Int(getmaxy(window)))
    }

    /// The signals whose handler restores the terminal before the process dies of them: the
    /// ones that end a program from outside (INT, TERM, HUP, QUIT) and every crash signal.
    public static let restoredSignals: [Int32] = [
        SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGSEGV, SIGSYS,
    ]

    /// True while this terminal's signal handlers are installed.
    public var restoreHandlersAreInstalled: Bool {
        NCursesTerminal.restoredSignals.allSatisfy { limber_restore_handler_is_installed($0) != 0 }
    }

    /// Writes the runs of cells that changed since the last frame and refreshes.
    public func draw(_ grid: Grid) {
        guard !isRestored else { return }
        if previousGrid == nil || previousGrid?.size != grid.size { werase(window) }
        var written = 0
        // Each run straight from the grid's cells into one reused wide-character buffer and one
        // waddnwstr: no String per run, no UTF-8 for ncurses to decode again.
        var text = wideText
        let window = self.window
        // Runs alternate between few styles (the blocks of a digit and the spaces between them):
        // the attributes of the last one are kept, so most runs look nothing up.
        var lastStyle: Style?
        grid.forEachChangedRun(from: previousGrid) { row, column, cells in
            let style = cells[0].style
            if style != lastStyle {
                let (attributes, pair) = attributesAndPair(for: style)
                wattr_set(window, attributes, pair, nil)
                lastStyle = style
            }
            text.removeAll(keepingCapacity: true)
            for cell in cells { cell.forEachScalar { text.append(wchar_t(bitPattern: $0)) } }
            // Writing the bottom-right cell returns ERR (the cursor cannot move on) after the
            // character has been placed; that is expected.
            _ = mvwaddnwstr(window, Int32(row), Int32(column), text, Int32(text.count))
            written += cells.count
        }
        wideText = text
        wattr_set(window, limber_attr_normal(), 0, nil)
        wrefresh(window)
        previousGrid = grid
        lastDrawnCellCount = written
    }

    /// Waits for a key for at most `timeoutMilliseconds` (forever when nil). A bracketed paste
    /// is read to its end marker and returned as one `.paste`.
    public func readKey(timeoutMilliseconds: Int?) -> Key? {
        guard !isRestored else { return nil }
        if resizeArrivedDuringPaste {
            resizeArrivedDuringPaste = false
            return .resize
        }
        wtimeout(window, Int32(clamping: timeoutMilliseconds ?? -1))
        var character: wint_t = 0
        let started = NCursesTerminal.monotonicMilliseconds()
        let result = wget_wch(window, &character)
        if result == KEY_CODE_YES {
            immediateFailures = 0
            let code = Int32(bitPattern: character)
            if code == limber_paste_start_code() { return readPaste() }
            if code == limber_paste_end_code() { return nil }  // the end of a paste taken as over
            let key = NCursesTerminal.key(forKeyCode: code)
            if key == .resize { repaintAfterResize() }
            return key
        }
        if result == OK {
            immediateFailures = 0
            if character == 27 { return readAfterEscape() }
            return NCursesTerminal.key(forCharacter: UInt32(character))
        }
        // ERR: the timeout ran out, a signal interrupted the wait, or the terminal is gone (its
        // window closed, the tmux server killed): then every read fails at once and the loop
        // would spin. Many instant failures in a row mean the terminal is gone: hang up, the way
        // a closed terminal normally ends us (the handler restores what it can; logged sets stay).
        let waited = NCursesTerminal.monotonicMilliseconds() - started
        let isRealTerminal = screen == nil  // a headless test terminal reads /dev/null: always at once
        if isRealTerminal, timeoutMilliseconds.map({ $0 >= 20 && waited * 2 < $0 }) ?? (waited < 10) {
            immediateFailures += 1
            if immediateFailures >= NCursesTerminal.failuresMeaningTheTerminalIsGone { raise(SIGHUP) }
        } else {
            immediateFailures = 0
        }
        return nil
    }

    /// After an Esc from ncurses: a lone Esc (nothing follows within the escape delay) is
    /// `.escape`. Esc with more bytes right behind it is a key whose sequence this terminal's
    /// description does not list (End or Page Down from a terminal that says another TERM, an
    /// Alt combination), which ncurses hands over byte by byte: it is read to its end and
    /// dropped, so a key limber does not know never acts as Esc (which leaves the review and
    /// the routine picker, and skips the weekly check).
    private func readAfterEscape() -> Key? {
        wtimeout(window, 0)
        var next: wint_t = 0
        let result = wget_wch(window, &next)
        if result == ERR { return .escape }
        if result == KEY_CODE_YES {
            // A key ncurses did decode, right behind the Esc (Alt with a function key): dropped,
            // but a resize is still a resize.
            let key = NCursesTerminal.key(forKeyCode: Int32(bitPattern: next))
            if key == .resize { repaintAfterResize(); return .resize }
            return nil
        }
        switch next {
        case 0x5B:  // "[": a control sequence, up to its final byte (0x40-0x7E)
            for _ in 0..<16 {
                guard wget_wch(window, &next) == OK else { break }
                if (0x40...0x7E).contains(next) { break }
            }
        case 0x4F:  // "O": one more byte
            _ = wget_wch(window, &next)
        default:    // Alt with a character: that character
            break
        }
        return nil
    }

    /// ncurses has already resized the window; repaint everything on the next draw.
    private func repaintAfterResize() {
        previousGrid = nil
        clearok(window, true)
    }

    /// Reads what follows a paste start marker up to its end marker: the pasted text, none of it
    /// taken as keys. A paste whose end does not come (a terminal that lost it) ends after
    /// `pasteSilenceMilliseconds` without input.
    private func readPaste() -> Key {
        var text = ""
        var count = 0
        wtimeout(window, NCursesTerminal.pasteSilenceMilliseconds)
        while true {
            var character: wint_t = 0
            let result = wget_wch(window, &character)
            if result == KEY_CODE_YES {
                let code = Int32(bitPattern: character)
                if code == limber_paste_end_code() { break }
                if code == KEY_RESIZE {
                    repaintAfterResize()
                    resizeArrivedDuringPaste = true
                }
                // Any other special key inside a paste is pasted text too: dropped.
            } else if result == OK {
                count += 1
                if count <= NCursesTerminal.pasteCharacterLimit, let scalar = Unicode.Scalar(UInt32(character)) {
                    text.unicodeScalars.append(scalar)
                }
            } else {
                break
            }
        }
        return .paste(text)
    }

    private static func monotonicMilliseconds() -> Int {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Int(spec.tv_sec) * 1000 + Int(spec.tv_nsec) / 1_000_000
    }

    /// Rings the terminal bell.
    public func bell() {
        guard !isRestored else { return }
        beep()
    }

    /// Ends ncurses (endwin) and gives the terminal back; safe to call more than once.
    public func restore() {
        guard !isRestored else { return }
        isRestored = true
        endwin()
        if screen == nil { limber_set_bracketed_paste(0) }
        if installedSignalHandlers { limber_remove_restore_handlers() }
        if let screen { delscreen(screen) }
        for file in headlessFiles { fclose(file) }
        headlessFiles = []
    }

    /// The text ncurses holds on one row (trailing spaces trimmed), read with mvwin_wch.
    public func text(row: Int) -> String {
        guard !isRestored else { return "" }
        var text = ""
        var column = 0
        let width = size.width
        while column < width {
            let character = self.character(column: column, row: row)
            text += character
            column += max(1, DisplayWidth.of(character))
        }
        while text.last == " " { text.removeLast() }
        return text
    }

    /// All rows ncurses holds, as `text(row:)`.
    public var lines: [String] {
        (0..<size.height).map { text(row: $0) }
    }

    /// The grapheme ncurses holds at one cell.
    public func character(column: Int, row: Int) -> String {
        var cell = cchar_t()
        guard mvwin_wch(window, Int32(row), Int32(column), &cell) != ERR else { return "" }
        var characters = [wchar_t](repeating: 0, count: 8)
        var attributes: attr_t = 0
        var pair: Int16 = 0
        guard getcchar(&cell, &characters, &attributes, &pair, nil) != ERR else { return "" }
        var text = ""
        for value in characters {
            guard value != 0, let scalar = Unicode.Scalar(UInt32(bitPattern: value)) else { break }
            text.unicodeScalars.append(scalar)
        }
        return text
    }

    /// The attributes (A_BOLD, A_REVERSE, …, without the colour) and colour pair ncurses holds
    /// at one cell.
    public func cellAttributes(column: Int, row: Int) -> (bold: Bool, reverse: Bool, dim: Bool, pair: Int16) {
        var cell = cchar_t()
        guard mvwin_wch(window, Int32(row), Int32(column), &cell) != ERR else { return (false, false, false, 0) }
        var characters = [wchar_t](repeating: 0, count: 8)
        var attributes: attr_t = 0
        var pair: Int16 = 0
        _ = getcchar(&cell, &characters, &attributes, &pair, nil)
        return (attributes & limber_attr_bold() != 0, attributes & limber_attr_reverse() != 0,
                attributes & limber_attr_dim() != 0, pair)
    }

    /// Writes text straight into the ncurses window, bypassing the grid (tests use it to prove
    /// that unchanged cells are not rewritten).
    public func writeDirectly(_ text: String, column: Int, row: Int) {
        _ = mvwaddstr(window, Int32(row), Int32(column), text)
    }

    /// The colour pair of a foreground/background combination.
    public static func pairNumber(foreground: PaletteColor, background: PaletteColor) -> Int16 {
        Int16(1 + foreground.rawValue * PaletteColor.allCases.count + background.rawValue)
    }

    /// The key for a KEY_CODE_YES code from wget_wch.
    public static func key(forKeyCode code: Int32) -> Key? {
        switch code {
        case KEY_ENTER: .enter
        case KEY_BACKSPACE: .backspace
        case KEY_UP: .up
        case KEY_DOWN: .down
        case KEY_LEFT: .left
        case KEY_RIGHT: .right
        case KEY_PPAGE: .pageUp
        case KEY_NPAGE: .pageDown
        case KEY_HOME: .home
        case KEY_END: .end
        case KEY_RESIZE: .resize
        default: nil
        }
    }

    /// The key for a character from wget_wch (10 and 13 are Enter after nonl(); 127 and 8 are
    /// backspace).
    public static func key(forCharacter value: UInt32) -> Key? {
        switch value {
        case 10, 13: return .enter
        case 27: return .escape
        case 32: return .space
        case 127, 8: return .backspace
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .character(Character(scalar))
        }
    }

    private func terminalColor(_ color: PaletteColor) -> Int16 {
        switch color {
        case .normal: -1
        case .accent: Int16(COLOR_CYAN)
        case .good: Int16(COLOR_GREEN)
        case .caution: Int16(COLOR_YELLOW)
        case .danger: Int16(COLOR_RED)
        case .muted: usesBrightBlackForMuted ? 8 : -1
        }
    }

    private func attributesAndPair(for style: Style) -> (attr_t, Int16) {
        if let cached = colorPairs[style] { return cached }
        let shown = style.resolved(for: colorMode)
        var attributes = limber_attr_normal()
        if shown.bold { attributes |= limber_attr_bold() }
        if shown.reverse { attributes |= limber_attr_reverse() }
        if shown.dim { attributes |= limber_attr_dim() }
        var pair: Int16 = 0
        if colorMode == .color {
            if shown.foreground == .muted && !usesBrightBlackForMuted { attributes |= limber_attr_dim() }
            if shown.foreground != .normal || shown.background != .normal {
                let number = NCursesTerminal.pairNumber(foreground: shown.foreground, background: shown.background)
                if Int32(number) < limber_color_pairs() { pair = number }
            }
        }
        colorPairs[style] = (attributes, pair)
        return (attributes, pair)
    }

    private static func processEnvironment() -> [String: String] {
        var environment: [String: String] = [:]
        if let value = getenv("NO_COLOR") { environment["NO_COLOR"] = String(cString: value) }
        return environment
    }
}
