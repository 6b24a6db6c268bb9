import CoachApp
import ArgumentParser

/// `limber check ...`: questions that can be answered again at any time.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Answer a check-in question again: `limber check history`, `limber check direction`.",
        subcommands: [History.self, CheckDirectionCommand.self])

    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "history",
            abstract: "The health-history red flags (asked at setup and every 4 weeks); record a clinician's assessment.")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try HistoryCheckFlow(dataDir: global.dataDir, noColor: global.noColor).run()
        }
    }
}
