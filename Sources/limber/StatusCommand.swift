import ArgumentParser
import CoachApp

/// `limber status`: one line for a shell prompt or a login message; always exits 0.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "One line: today's session done or not, this week against your plan, any flare or red-flag hold.",
        discussion: """
            For a shell prompt or a login message, e.g. in ~/.bashrc: `limber status`. It reads the \
            log without changing it and always exits 0: without a log, or with one it cannot read, \
            it prints a short line saying so. The plan is the `weekly_target` setting (`limber config`).
            """)
    @OptionGroup var global: GlobalOptions

    func run() {
        print(StatusFlow.line(dataDir: global.dataDir))
    }
}
