import CoachUI
import Foundation
import MonotonicTime
import Terminal
import TUIKit

/// `limber learn`: the "hurt is not harm" screen (`PainEducationProgram`) on its own.
public enum LearnFlow {
    public static func run(noColor: Bool) throws {
        guard NCursesTerminal.isInteractive() else {
            // Without a terminal the same words are printed, so they can still be read.
            print(PainEducationProgram.paragraphs.joined(separator: "\n\n"))
            return
        }
        try TerminalSupport.checkTerminalType()
        let terminal = try TerminalSupport.open(noColor: noColor, environment: ProcessInfo.processInfo.environment)
        defer { terminal.restore() }
        show(terminal: terminal, clock: SystemMonotonicClock())
    }

    /// Runs the screen until Enter, q or Esc.
    static func show(terminal: any TerminalBackend, clock: any MonotonicClock) {
        var program = PainEducationProgram()
        TUIKit.RunLoop(terminal: terminal, clock: clock).run(&program)
    }
}
