import CoachApp
import ArgumentParser

/// `limber check history`: the red-flag history questions now.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Answer the safety questions again (`limber check history`).",
        subcommands: [History.self])

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
