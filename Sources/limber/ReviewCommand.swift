import CoachApp
import ArgumentParser
import Foundation

/// `limber review`: browse past sessions, the pain trend, adherence and per-exercise progress
/// in the terminal. Reads the log and never writes to it.
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Browse past sessions, pain trend, adherence and per-exercise progress (TUI).",
        discussion: """
            Views (Tab or 1-5): 1 sessions, newest first, with pain before -> after and marks \
            (flag = red-flag check-in, spread = symptoms spread down the leg, stop, reduced, \
            skipped); 2 one session's sets with each decision and its reason; 3 weekly leg and \
            back pain before and after sessions over 12 weeks, where only a change of 2 points or \
            30% is called better or worse; 4 a 12-week calendar, sessions per week, days with a \
            session over the last 14 and a weekly streak that allows one missed day a week; \
            5 volume and pain over time for one exercise. Keys: arrows or j/k move, Enter opens, \
            Esc or q goes back (and quits), ? lists the keys. For plain text or scripts use \
            `limber history` or `limber export`.
            """)

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try ReviewFlow(dataDir: global.dataDir, noColor: global.noColor).run()
    }
}
