#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A key press (or a terminal event) as the run loop sees it: the key contract of DESIGN.md.
public enum Key: Sendable, Hashable {
    /// A printable character (never a space: that is `.space`).
    case character(Character)
    /// Enter / Return (10, 13 or the keypad's Enter).
    case enter
    /// Escape.
    case escape
    /// The space bar.
    case space
    /// Backspace or Delete-left.
    case backspace
    /// Arrow up.
    case up
    /// Arrow down.
    case down
    /// Arrow left.
    case left
    /// Arrow right.
    case right
    /// Page up (for scrolling long lists).
    case pageUp
    /// Page down (for scrolling long lists).
    case pageDown
    /// Home.
    case home
    /// End.
    case end
    /// The terminal changed size; read the new size from the backend.
    case resize
    /// Text the person pasted (the terminal's bracketed paste), as one event rather than as
    /// keys. No screen has a text field yet, so the run loop never delivers it: a pasted
    /// "see notes" must not press s twice.
    case paste(String)
    /// No more input will ever come (a test's scripted keys ran out): the run loop stops at once
    /// with `RunLoop.Outcome.endOfInput`, the program unfinished, instead of waiting forever.
    case endOfInput

    /// True for the keys that leave or answer "no" on every screen (q, Q and Escape): the run
    /// loop delivers them at any terminal size.
    public var leavesTheScreen: Bool {
        self == .character("q") || self == .character("Q") || self == .escape
    }
}

/// Where frames are shown and keys come from: ncurses in the app, a scripted fake in tests.
public protocol TerminalBackend: AnyObject {
    /// The current size in cells.
    var size: Size { get }
    /// Shows `grid`, writing only the cells that changed since the last draw.
    func draw(_ grid: Grid)
    /// Waits for a key for at most `timeoutMilliseconds` (forever when nil).
    /// - Returns: the key, or nil when the time ran out.
    func readKey(timeoutMilliseconds: Int?) -> Key?
    /// Sounds the terminal bell.
    func bell()
    /// Gives the terminal back to the shell (idempotent).
    func restore()
}

