import MonotonicTime
import CoachPolicy
import CoachUI
import TUIKit
import Terminal

/// Taking the terminal over for a full-screen command, with a terminal that cannot run one
/// (TERM unset, unknown or dumb) reported as one line and exit status 1.
public enum TerminalSupport {
    /// Fails with the reason when TERM cannot run a full-screen program; call it before anything
    /// that changes the log, so a refused start changes nothing.
    public static func checkTerminalType() throws(CommandError) {
        do {
            try NCursesTerminal.checkTerminalType()
        } catch {
            throw CommandError(error.description)
        }
    }

    /// The ncurses terminal, with the signal handlers that restore it when the process dies.
    public static func open(noColor: Bool, environment: [String: String]? = nil) throws(CommandError) -> NCursesTerminal {
        do {
            return try NCursesTerminal(noColorFlag: noColor, environment: environment, installSignalHandlers: true)
        } catch {
            throw CommandError(error.description)
        }
    }
}
